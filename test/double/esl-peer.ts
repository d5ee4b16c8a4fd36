import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import {
  FrameDecoder,
  apiResponseFrame,
  commandReplyFrame,
  disconnectNoticeFrame,
  eventFrame,
  toCommand,
  type EslCommand,
  type EslEvent,
} from '../../src/esl/index.js';
import type { ActivityLog, Side } from './activity-log.js';
import type { ApiCommands } from './api-commands.js';
import { executeMessage, type SessionMessage } from './apps.js';
import type { CallModel } from './call-model.js';
import { NO_EVENTS, type Registration } from './listener-registry.js';
import { Subscription } from './subscription.js';

/** Side-specific command handling; returns false for commands it does not know. */
export type CommandHandler = (command: EslCommand) => boolean;

/**
 * One event-socket connection as FreeSWITCH runs it: reads commands with our codec, logs them, answers the
 * commands both sides share (event, nixevent, noevents, filter, api, bgapi, sendmsg, exit) and forwards
 * subscribed events from the call model.
 */
export class EslPeer {
  readonly subscription = new Subscription(() => {
    if (!this.closed) this.listening.retarget(this.subscription.interest());
  });
  private readonly decoder = new FrameDecoder();
  /** Follows the subscription: the call model offers this peer only the events its subscription can match. */
  private readonly listening: Registration;
  private closed = false;
  /** The api/responses not yet written, in order. */
  private apiReplies: Promise<void> = Promise.resolve();
  /** Outbound sessions set this: BACKGROUND_JOBs they start carry Job-Owner-UUID. */
  jobOwner: string | undefined;

  constructor(
    readonly socket: Socket,
    readonly side: Side,
    readonly connection: number,
    private readonly model: CallModel,
    private readonly api: ApiCommands,
    private readonly log: ActivityLog,
    private readonly handler: CommandHandler,
  ) {
    this.listening = model.listen((event) => this.forward(event), NO_EVENTS);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => this.onClose());
    socket.on('error', () => socket.destroy());
    log.add({ kind: 'connection', side, connection, change: 'opened' });
  }

  write(frame: Buffer): void {
    if (!this.closed && this.socket.writable) this.socket.write(frame);
  }

  reply(text: string, extra: ReadonlyArray<readonly [string, string]> = []): void {
    this.write(commandReplyFrame(text, extra));
  }

  /** `exit`: +OK bye, the final notice, then FIN. */
  sayGoodbye(sessionUuid?: string): void {
    this.reply('+OK bye');
    this.write(disconnectNoticeFrame(sessionUuid));
    this.socket.end();
  }

  close(): void {
    this.socket.end();
  }

  private forward(event: EslEvent): void {
    if (this.subscription.matches(event)) this.write(eventFrame(event, this.subscription.format));
  }

  private receive(chunk: Buffer): void {
    for (const result of this.decoder.push(chunk)) {
      if (!result.ok) continue; // FreeSWITCH ignores what it cannot read
      const command = toCommand(result.frame);
      const text = `${result.frame.lines.join('\n')}\n\n${command.body ?? ''}`;
      this.log.add({ kind: 'command', record: { side: this.side, connection: this.connection, text, command } });
      if (!this.handler(command) && !this.handleShared(command)) this.reply('-ERR command not found');
    }
  }

  private handleShared(command: EslCommand): boolean {
    const words = command.args.split(' ').filter((w) => w !== '');
    switch (command.name) {
      case 'event':
        this.reply(this.subscription.command(words));
        return true;
      case 'nixevent':
        this.subscription.nix(words);
        this.reply('+OK events nixed');
        return true;
      case 'noevents':
        this.subscription.clear();
        this.reply('+OK no longer listening for events');
        return true;
      case 'filter':
        this.filter(words);
        return true;
      case 'api':
        this.runApi(command.args);
        return true;
      case 'bgapi':
        this.runBgapi(command);
        return true;
      case 'sendmsg':
        this.sendmsg(command);
        return true;
      default:
        return false;
    }
  }

  private filter(words: string[]): void {
    const [first = '', second, third] = words;
    if (first === 'delete') {
      this.subscription.deleteFilter(second ?? 'all', third);
      this.reply(`+OK filter deleted. [${second ?? ''}]=[${third ?? ''}]`);
      return;
    }
    this.subscription.addFilter(first, words.slice(1).join(' '));
    this.reply(`+OK filter added. [${first}]=[${words.slice(1).join(' ')}]`);
  }

  private split(args: string): [string, string] {
    const space = args.indexOf(' ');
    return space < 0 ? [args, ''] : [args.slice(0, space), args.slice(space + 1)];
  }

  /** mod_event_socket runs `api` in the connection's listener thread: replies go out in order, each after the one before. */
  private runApi(args: string): void {
    const [name, rest] = this.split(args);
    const body = this.api.run(name, rest);
    this.apiReplies = this.apiReplies.then(async () => {
      const reply = apiResponseFrame(await body);
      await this.model.replyPacing.wait();
      this.write(reply);
    });
  }

  private runBgapi(command: EslCommand): void {
    const jobUuid = command.headers.get('Job-UUID') ?? randomUUID();
    this.reply(`+OK Job-UUID: ${jobUuid}`, [['Job-UUID', jobUuid]]);
    const [name, rest] = this.split(command.args);
    const owner = this.jobOwner === undefined ? [] : [['Job-Owner-UUID', this.jobOwner] as const];
    // Each bgapi job runs in a thread of its own: their BACKGROUND_JOBs may overtake each other.
    void this.api.run(name, rest).then(async (body) => {
      await this.model.replyPacing.wait();
      this.model.fire(this.model.factory.plain('BACKGROUND_JOB', [['Job-UUID', jobUuid], ...owner, ['Job-Command', name], ['Job-Command-Arg', rest]], body));
    });
  }

  /** `sendmsg [uuid]`: queued on the channel; `+OK` means queued, not done. */
  private sendmsg(command: EslCommand): void {
    const uuid = command.args === '' ? this.jobOwner : command.args;
    const channel = uuid === undefined ? undefined : this.model.live(uuid);
    if (channel === undefined) {
      this.reply(`-ERR invalid session id [${uuid ?? ''}]`);
      return;
    }
    const h = command.headers;
    const engine = this.model.appsOf(channel);
    const callCommand = h.get('call-command');
    this.reply('+OK');
    const message: SessionMessage | undefined =
      callCommand === 'hangup'
        ? { kind: 'hangup', cause: h.get('hangup-cause') ?? 'NORMAL_CLEARING' }
        : callCommand === 'execute'
          ? executeMessage(
              h.get('execute-app-name') ?? '',
              h.get('execute-app-arg') ?? (h.get('content-type') === 'text/plain' ? (command.body ?? '') : ''),
              h.get('event-lock') === 'true',
              h.get('Event-UUID') ?? randomUUID(),
            )
          : undefined;
    // The session thread picks the message up on its next tick, so replies to pipelined sendmsgs come first and even
    // an `answer` of an answered channel takes a frame (~20 ms on the rig).
    if (message !== undefined) this.model.onNextTick(() => engine.enqueue(message));
  }

  private onClose(): void {
    if (this.closed) return;
    this.closed = true;
    this.listening.remove();
    this.log.add({ kind: 'connection', side: this.side, connection: this.connection, change: 'closed' });
  }
}
