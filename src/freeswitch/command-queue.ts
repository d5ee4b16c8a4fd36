/** What a command on an outbound socket came back with: FreeSWITCH's Reply-Text, or the socket closed first. */
export type CommandReply = { readonly ok: true; readonly replyText: string } | { readonly ok: false; readonly reason: 'closed' };

interface Pending {
  readonly bytes: Buffer;
  readonly resolve: (reply: CommandReply) => void;
}

/**
 * One command in flight at a time: FreeSWITCH answers commands strictly in order and carries no request id
 * in command/reply, so the next command is written only when the previous reply arrived.
 */
export class CommandQueue {
  private readonly waiting: Pending[] = [];
  private inFlight: Pending | undefined;
  private closed = false;

  constructor(private readonly write: (bytes: Buffer) => void) {}

  send(bytes: Buffer): Promise<CommandReply> {
    if (this.closed) return Promise.resolve({ ok: false, reason: 'closed' });
    return new Promise((resolve) => {
      this.waiting.push({ bytes, resolve });
      this.next();
    });
  }

  /** A command/reply arrived; false if none was expected. */
  reply(replyText: string): boolean {
    const current = this.inFlight;
    if (current === undefined) return false;
    this.inFlight = undefined;
    current.resolve({ ok: true, replyText });
    this.next();
    return true;
  }

  close(): void {
    this.closed = true;
    const pending = [...(this.inFlight === undefined ? [] : [this.inFlight]), ...this.waiting.splice(0)];
    this.inFlight = undefined;
    for (const item of pending) item.resolve({ ok: false, reason: 'closed' });
  }

  private next(): void {
    if (this.inFlight !== undefined || this.closed) return;
    const head = this.waiting.shift();
    if (head === undefined) return;
    this.inFlight = head;
    this.write(head.bytes);
  }
}
