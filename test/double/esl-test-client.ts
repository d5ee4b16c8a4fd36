import { connect, createServer, type Server, type Socket } from 'node:net';
import { EslDecoder, type EslEvent, type EslMessage } from '../../src/esl/index.js';
import { WatchedList } from './watched-list.js';

const DEFAULT_TIMEOUT_MS = 2000;

type Reply = Extract<EslMessage, { kind: 'command-reply' | 'api-response' }>;

/**
 * A minimal ESL client on our codec, for testing the double (not esl-lite): FIFO replies, every message kept,
 * bounded waits. Wraps either side: a connection to the double's inbound port or one the double dialled.
 */
export class EslTestClient {
  private readonly received = new WatchedList<EslMessage>();
  /** Decode problems (a faithful double produces none). */
  readonly decodeErrors: string[] = [];
  readonly closed: Promise<void>;
  private readonly decoder = new EslDecoder();
  private readonly pending: Array<(reply: Reply) => void> = [];

  constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => socket.destroy());
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  /** Connects to the double's inbound listener and waits for auth/request. */
  static async connect(port: number): Promise<EslTestClient> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    const client = new EslTestClient(socket);
    await client.waitFor((m) => m.kind === 'auth-request', 'auth/request');
    return client;
  }

  get events(): EslEvent[] {
    return this.messages.flatMap((m) => (m.kind === 'event' ? [m.event] : []));
  }

  /** Writes one command frame; resolves with its command/reply or api/response (replies are FIFO). */
  send(frame: Buffer, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply within ${timeoutMs} ms to ${JSON.stringify(frame.toString())}`)), timeoutMs);
      this.pending.push((reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.socket.write(frame);
    });
  }

  /** Every message received, in order. */
  get messages(): readonly EslMessage[] {
    return this.received.items;
  }

  /** Resolves with the first message (received or future) matching. */
  waitFor(match: (message: EslMessage) => boolean, description: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<EslMessage> {
    return this.received.waitFor(
      (m) => (match(m) ? m : undefined),
      timeoutMs,
      () => new Error(`ESL test client: no ${description} within ${timeoutMs} ms (got ${this.messages.length} messages)`),
    );
  }

  async waitForEvent(name: string, match: (event: EslEvent) => boolean = () => true, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<EslEvent> {
    const message = await this.waitFor((m) => m.kind === 'event' && m.event.name === name && match(m.event), `event ${name}`, timeoutMs);
    if (message.kind !== 'event') throw new Error('unreachable: waitFor matched a non-event');
    return message.event;
  }

  close(): void {
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    for (const result of this.decoder.push(chunk)) {
      if (!result.ok) {
        this.decodeErrors.push(result.error.message);
        continue;
      }
      const message = result.message;
      if (message.kind === 'command-reply' || message.kind === 'api-response') this.pending.shift()?.(message);
      this.received.push(message);
    }
  }
}

/** Stands in for the controller's outbound server: accepts the sockets the double dials. */
export class EslTestServer {
  private readonly accepted: EslTestClient[] = [];
  private readonly all = new Set<EslTestClient>();
  private readonly waiting: Array<(client: EslTestClient) => void> = [];

  private constructor(private readonly server: Server) {
    server.on('connection', (socket) => {
      const client = new EslTestClient(socket);
      this.all.add(client);
      const waiter = this.waiting.shift();
      if (waiter !== undefined) waiter(client);
      else this.accepted.push(client);
    });
  }

  static async listen(): Promise<EslTestServer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return new EslTestServer(server);
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  }

  nextSession(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<EslTestClient> {
    const ready = this.accepted.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no outbound connection within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.push((client) => {
        clearTimeout(timer);
        resolve(client);
      });
    });
  }

  close(): Promise<void> {
    for (const client of this.all) client.close();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
