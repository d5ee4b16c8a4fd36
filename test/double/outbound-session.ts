import { connect, type Socket } from 'node:net';
import { channelDataReplyFrame, disconnectNoticeFrame, lingerNoticeFrame, type EslCommand, type EslEvent } from '../../src/esl/index.js';
import type { ActivityLog } from './activity-log.js';
import type { ApiCommands } from './api-commands.js';
import type { CallModel } from './call-model.js';
import { switchTrue, type Channel } from './channel.js';
import { EslPeer } from './esl-peer.js';

/**
 * The event after which the linger notice goes out. mod_event_socket's listener thread sends it when it sees the
 * channel down (read_packet), racing the channel's last events: after CHANNEL_HANGUP_COMPLETE in 11 of the 13
 * scenarios, right after CHANNEL_HANGUP (before CHANNEL_UNBRIDGE and CHANNEL_HANGUP_COMPLETE) in scenario 02.
 */
export type LingerNoticeAfter = 'CHANNEL_HANGUP' | 'CHANNEL_HANGUP_COMPLETE';

/**
 * The `socket <host:port> async full` app of one caller channel: FreeSWITCH connects to the controller,
 * waits for `connect`, and serves the session commands (myevents, linger, sendmsg, resume, getvar, exit).
 */
export class OutboundSession {
  private lingerSeconds: number | undefined;
  private myevents = false;
  private connected = false;
  /** LFLAG_RESUME */
  private resume = false;
  private readonly peer: EslPeer;
  readonly closed: Promise<void>;

  private constructor(
    socket: Socket,
    private readonly channel: Channel,
    private readonly model: CallModel,
    api: ApiCommands,
    log: ActivityLog,
    connection: number,
    private readonly lingerNoticeAfter: LingerNoticeAfter,
  ) {
    this.peer = new EslPeer(socket, 'outbound', connection, model, api, log, (command) => this.handle(command));
    this.peer.jobOwner = channel.uuid;
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
    const watching = model.listen((event) => this.watchOwnChannel(event), { kind: 'channel', uuid: channel.uuid });
    socket.once('close', () => {
      watching.remove();
      model.socketSessionEnded(channel, this.resume || switchTrue(channel.variables.get('socket_resume')));
    });
  }

  static open(
    port: number,
    channel: Channel,
    model: CallModel,
    api: ApiCommands,
    log: ActivityLog,
    connection: number,
    lingerNoticeAfter: LingerNoticeAfter,
  ): Promise<OutboundSession> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.setNoDelay(true); // as mod_event_socket does (see inbound-server.ts)
        socket.off('error', reject);
        resolve(new OutboundSession(socket, channel, model, api, log, connection, lingerNoticeAfter));
      });
    });
  }

  close(): void {
    this.peer.socket.destroy();
  }

  /** The linger notice once the channel is down; without linger FreeSWITCH says goodbye at hangup. */
  private watchOwnChannel(event: EslEvent): void {
    if (!this.connected) return;
    if (event.name === 'CHANNEL_HANGUP' && this.lingerSeconds === undefined) {
      this.peer.write(disconnectNoticeFrame(this.channel.uuid));
      this.peer.close();
    } else if (event.name === this.lingerNoticeAfter && this.lingerSeconds !== undefined) {
      this.peer.write(lingerNoticeFrame(this.channel.uuid, this.channel.name, this.lingerSeconds));
    }
  }

  private handle(command: EslCommand): boolean {
    switch (command.name) {
      case 'connect':
        this.connected = true;
        this.peer.write(channelDataReplyFrame(this.model.factory.channel('CHANNEL_DATA', this.channel, undefined, { callingFile: 'mod_event_socket.c', callingFunction: 'parse_command' })));
        this.model.emit('CHANNEL_PARK', this.channel);
        return true;
      case 'myevents': {
        if (this.myevents) {
          this.peer.reply('-ERR aready enabled.');
          return true;
        }
        this.myevents = true;
        const format = command.args === 'json' ? 'json' : 'plain';
        this.peer.subscription.addMyEvents(format, this.channel.uuid);
        this.peer.reply('+OK Events Enabled');
        return true;
      }
      case 'linger':
        this.lingerSeconds = command.args === '' ? -1 : Number(command.args);
        this.peer.reply(command.args === '' ? '+OK will linger' : `+OK will linger ${command.args} seconds`);
        return true;
      case 'nolinger':
        this.lingerSeconds = undefined;
        this.peer.reply('+OK will not linger');
        return true;
      case 'resume':
        this.resume = true;
        this.channel.setVariable('socket_resume', 'true');
        this.peer.reply('+OK');
        return true;
      case 'getvar': {
        const value = this.channel.variables.get(command.args);
        this.peer.reply(typeof value === 'string' ? value : '');
        return true;
      }
      case 'divert_events':
        this.peer.reply(command.args === 'on' ? '+OK events diverted' : '+OK events not diverted');
        return true;
      case 'exit':
        this.peer.sayGoodbye(this.channel.uuid);
        return true;
      default:
        return false;
    }
  }
}
