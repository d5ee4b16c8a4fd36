import { EventEmitter, once } from 'node:events';
import net from 'node:net';
import type { Logger } from '../log.js';
import { CallConnection, type CallConnectionOptions } from './call-connection.js';

export interface OutboundServerOptions extends CallConnectionOptions {
  /** Default 127.0.0.1 (the dialplan's `socket 127.0.0.1:8084 async full`). */
  readonly host?: string;
  /** Default 8084; 0 picks a free port (tests). */
  readonly port?: number;
}

export type OutboundServerEvents = {
  /** A channel handed over by the dialplan, set up (channel data read, events subscribed, linger on). */
  call: [CallConnection];
};

export type ListenResult = { readonly ok: true; readonly server: OutboundServer } | { readonly ok: false; readonly message: string };

/** Accepts FreeSWITCH's outbound event-socket connections; one CallConnection per call. */
export class OutboundServer extends EventEmitter<OutboundServerEvents> {
  private readonly connections = new Set<CallConnection>();

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

  /** Stops accepting; open calls are dropped (FreeSWITCH continues their dialplan after `socket`). */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const connection of this.connections) connection.close();
    await closed;
  }

  private async accept(socket: net.Socket): Promise<void> {
    socket.setNoDelay(true);
    const logger = this.logger.child({ remote: `${socket.remoteAddress ?? ''}:${socket.remotePort ?? 0}` });
    const connection = new CallConnection(socket, logger, this.options);
    this.connections.add(connection);
    connection.on('closed', () => this.connections.delete(connection));
    const channel = await connection.setup();
    if (channel === undefined) return;
    logger.info({ callUuid: channel.uuid, destination: channel.destinationNumber }, 'outbound socket session ready');
    this.emit('call', connection);
  }
}
