import net from 'node:net';
import { once } from 'node:events';
import {
  authRequestFrame,
  commandReplyFrame,
  eventFrame,
  EslEvent,
  FrameDecoder,
  toCommand,
  type EslCommand,
} from '../../src/esl/index.js';

/**
 * A spoof of FreeSWITCH's inbound event socket (:8021) for tests: sends auth/request on accept, records every
 * command, answers auth / event / bgapi like mod_event_socket. `bgapi` jobs are answered by `jobs` (the
 * BACKGROUND_JOB body, or undefined to never finish); `intercept` can take over any command (return true).
 */
export interface FakeInboundOptions {
  readonly password?: string;
  readonly jobs?: (command: string) => string | undefined;
  /** Each command/reply is written this long after its command arrived (in order, as listener_run answers). */
  readonly replyDelayMs?: number;
  /** Each BACKGROUND_JOB is written this long after its bgapi's command/reply. */
  readonly jobDelayMs?: number;
  readonly intercept?: (command: EslCommand, socket: net.Socket) => boolean;
}

export class FakeInboundFs {
  readonly commands: EslCommand[] = [];
  connections = 0;
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly waiters: Array<() => void> = [];

  private constructor(private readonly options: FakeInboundOptions) {
    this.server = net.createServer((socket) => this.accept(socket));
  }

  static async start(options: FakeInboundOptions = {}): Promise<FakeInboundFs> {
    const fake = new FakeInboundFs(options);
    fake.server.listen(0, '127.0.0.1');
    await once(fake.server, 'listening');
    return fake;
  }

  get port(): number {
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('fake FreeSWITCH is not listening');
    return address.port;
  }

  /** Writes raw bytes to every open connection. */
  write(bytes: Buffer | string): void {
    for (const socket of this.sockets) socket.write(bytes);
  }

  emitEvent(headers: ReadonlyArray<readonly [string, string]>, body?: string): void {
    this.write(eventFrame(new EslEvent(headers, body), 'json'));
  }

  /** FreeSWITCH closing the socket (FIN), as on a restart. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.end();
  }

  /** Resolves once a command matching `predicate` has been received (already received counts); rejects after 5 s. */
  async waitForCommand(predicate: (command: EslCommand) => boolean): Promise<EslCommand> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const found = this.commands.find(predicate);
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`fake FreeSWITCH: expected command not received; got ${JSON.stringify(this.commands.map((c) => c.line))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server.close();
    await once(this.server, 'close');
  }

  private accept(socket: net.Socket): void {
    this.connections += 1;
    this.sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const decoder = new FrameDecoder();
    socket.on('data', (chunk: Buffer) => {
      for (const result of decoder.push(chunk)) {
        if (result.ok) this.handle(toCommand(result.frame), socket);
      }
    });
    socket.write(authRequestFrame());
  }

  private handle(command: EslCommand, socket: net.Socket): void {
    this.commands.push(command);
    for (const wake of this.waiters.splice(0)) wake();
    if (this.options.intercept?.(command, socket) === true) return;
    const delayMs = this.options.replyDelayMs ?? 0;
    if (delayMs === 0) this.answer(command, socket);
    else setTimeout(() => this.answer(command, socket), delayMs);
  }

  private answer(command: EslCommand, socket: net.Socket): void {
    if (socket.destroyed) return;
    switch (command.name) {
      case 'auth':
        if (command.args === (this.options.password ?? 'ClueCon')) {
          socket.write(commandReplyFrame('+OK accepted'));
        } else {
          socket.write(commandReplyFrame('-ERR invalid'));
          socket.end();
        }
        return;
      case 'event':
        socket.write(commandReplyFrame('+OK event listener enabled json'));
        return;
      case 'filter':
        socket.write(commandReplyFrame(`+OK filter added. [${command.args.split(' ', 1)[0] ?? ''}]`));
        return;
      case 'bgapi':
        this.bgapi(command, socket);
        return;
      default:
        socket.write(commandReplyFrame('-ERR command not found'));
    }
  }

  private bgapi(command: EslCommand, socket: net.Socket): void {
    const jobUuid = command.headers.get('Job-UUID') ?? 'no-job-uuid';
    socket.write(commandReplyFrame(`+OK Job-UUID: ${jobUuid}`, [['Job-UUID', jobUuid]]));
    const result = this.options.jobs?.(command.args);
    if (result === undefined) return;
    const [name = ''] = command.args.split(' ', 1);
    const headers: Array<readonly [string, string]> = [
      ['Event-Name', 'BACKGROUND_JOB'],
      ['Job-UUID', jobUuid],
      ['Job-Command', name],
      ['Job-Command-Arg', command.args.slice(name.length + 1)],
    ];
    const job = eventFrame(new EslEvent(headers, result), 'json');
    const delayMs = this.options.jobDelayMs ?? 0;
    if (delayMs === 0) socket.write(job);
    else setTimeout(() => socket.write(job), delayMs);
  }
}
