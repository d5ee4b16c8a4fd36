import { EventEmitter, once } from 'node:events';
import net from 'node:net';
import type { Logger } from '../log.js';
import { CallConnection, type CallConnectionOptions } from './call-connection.js';

export interface OutboundServerOptions extends CallConnectionOptions {
  /** Default 127.0.0.1 (the dialplan's `socket 127.0.0.1:8084 async full`). */
  readonly host?: string;
  /** Default 8084; 0 picks a free port (tests). */
  readonly port?: number;
  /** close(): how long waiting callers may take to be released before every socket is dropped. Default 2 s. */
  readonly releaseOnCloseMs?: number;
}

export type OutboundServerEvents = {
  /** A channel handed over by the dialplan, set up (channel data read, events subscribed, linger on). */
  call: [CallConnection];
};

export type ListenResult = { readonly ok: true; readonly server: OutboundServer } | { readonly ok: false; readonly message: string };

/** Accepts FreeSWITCH's outbound event-socket connections; one CallConnection per call. */
export class OutboundServer extends EventEmitter<OutboundServerEvents> {
  private readonly connections = new Set<CallConnection>();
  private closing = false;

  private constructor(
    private readonly server: net.Server,
    private readonly logger: Logger,
    private readonly options: OutboundServerOptions,
  ) {
    super();
    server.on('connection', (socket) => void this.accept(socket));
    server.on('error', (error) => this.logger.error({ err: error }, 'outbound socket server error'));
  }

  static async listen(options: OutboundServerOptions, logger: Logger): Promise<ListenResult> {
    const host = options.host ?? '127.0.0.1';
    const port = options.port ?? 8084;
    const server = net.createServer();
    const outbound = new OutboundServer(server, logger.child({ module: 'outbound-server' }), options);
    try {
      server.listen(port, host);
      await once(server, 'listening');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, message: `cannot listen for FreeSWITCH outbound sockets on ${host}:${port}: ${reason}` };
    }
    outbound.logger.info({ host, port: outbound.port }, 'listening for FreeSWITCH outbound sockets');
    return { ok: true, server: outbound };
  }

  get port(): number {
    const address = this.server.address();
    return address !== null && typeof address === 'object' ? address.port : 0;
  }

  /**
   * Stops accepting. Callers still waiting under the socket app are released (resume + exit) so that FreeSWITCH
   * goes on with their dialplan; dropped, they would hear the hold music until they hang up (CallConnection.close).
   * Bridged or transferred callers no longer depend on their socket. Whatever is open after `releaseOnCloseMs`
   * (or had nothing to release) is dropped.
   */
  async close(): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const waiting = [...this.connections].filter((connection) => connection.holdsCaller);
    if (waiting.length > 0) {
      this.logger.info({ callers: waiting.length }, 'releasing waiting callers to their dialplan');
      await this.releaseAll(waiting, this.options.releaseOnCloseMs ?? 2_000);
    }
    for (const connection of this.connections) connection.close();
    await closed;
  }

  private async releaseAll(waiting: readonly CallConnection[], timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    });
    const released = Promise.all(
      waiting.map(async (connection) => {
        const ended = connection.closed ? Promise.resolve() : once(connection, 'closed');
        await connection.release();
        await ended;
      }),
    );
    await Promise.race([released, deadline]);
    clearTimeout(timer);
    const left = waiting.filter((connection) => !connection.closed).length;
    if (left > 0) this.logger.warn({ callers: left, timeoutMs }, 'callers not released in time; their sockets are dropped');
  }

  private async accept(socket: net.Socket): Promise<void> {
    socket.setNoDelay(true);
    const logger = this.logger.child({ remote: `${socket.remoteAddress ?? ''}:${socket.remotePort ?? 0}` });
    const connection = new CallConnection(socket, logger, this.options);
    this.connections.add(connection);
    connection.on('closed', () => this.connections.delete(connection));
    const channel = await connection.setup();
    if (channel === undefined || this.closing) return;
    logger.info({ callUuid: channel.uuid, destination: channel.destinationNumber }, 'outbound socket session ready');
    this.emit('call', connection);
  }
}
