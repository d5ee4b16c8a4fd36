import { createServer, type Server, type Socket } from 'node:net';
import { authRequestFrame, disconnectNoticeFrame, rudeRejectionFrame, type EslCommand } from '../../src/esl/index.js';
import type { ActivityLog } from './activity-log.js';
import type { ApiCommands } from './api-commands.js';
import type { CallModel } from './call-model.js';
import { EslPeer } from './esl-peer.js';

/** FreeSWITCH's :8021 listener: auth/request on accept, `auth <pw>`, then the full command set. */
export class InboundServer {
  private server: Server | undefined;
  private readonly peers = new Set<EslPeer>();
  private port = 0;
  /** apply-inbound-acl refuses the client's address. */
  deniedByAcl = false;

  constructor(
    private readonly model: CallModel,
    private readonly api: ApiCommands,
    private readonly log: ActivityLog,
    /** event_socket.conf.xml's password; new connections see a change (as after `reload mod_event_socket`). */
    public password: string,
    private readonly nextConnection: () => number,
  ) {}

  get listeningPort(): number {
    return this.port;
  }

  /** Listens on 127.0.0.1 (port 0 = ephemeral the first time; the same port again after `stop`). */
  async listen(): Promise<number> {
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    this.port = typeof address === 'object' && address !== null ? address.port : this.port;
    this.server = server;
    return this.port;
  }

  /** FIN to every client (as when FreeSWITCH shuts down its listener). */
  dropConnections(): void {
    for (const peer of this.peers) peer.close();
  }

  /** Stops accepting and closes every connection (e.g. "FreeSWITCH restarts"). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const peer of this.peers) peer.socket.destroy();
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    // mod_event_socket sets TCP_NODELAY on every listener socket; without it Nagle holds our
    // second small write until the peer's delayed ACK (~40 ms), which FreeSWITCH never does.
    socket.setNoDelay(true);
    if (this.deniedByAcl) {
      this.reject(socket);
      return;
    }
    let authenticated = false;
    const peer: EslPeer = new EslPeer(socket, 'inbound', this.nextConnection(), this.model, this.api, this.log, (command: EslCommand) => {
      if (command.name === 'auth') {
        if (command.args === this.password) {
          authenticated = true;
          peer.reply('+OK accepted');
        } else {
          // parse_command clears LFLAG_RUNNING; listener_run then says goodbye and closes.
          peer.reply('-ERR invalid');
          peer.write(disconnectNoticeFrame());
          peer.close();
        }
        return true;
      }
      if (!authenticated) {
        peer.reply('-ERR command not found');
        return true;
      }
      if (command.name === 'exit') {
        peer.sayGoodbye();
        return true;
      }
      return false;
    });
    this.peers.add(peer);
    socket.on('close', () => this.peers.delete(peer));
    peer.write(authRequestFrame());
  }

  /** listener_run's ACL check, before auth/request: rude rejection, then the goodbye notice, then close. */
  private reject(socket: Socket): void {
    const peer = new EslPeer(socket, 'inbound', this.nextConnection(), this.model, this.api, this.log, () => true);
    peer.write(rudeRejectionFrame());
    peer.write(disconnectNoticeFrame());
    peer.close();
  }
}
