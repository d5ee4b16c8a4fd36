import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import {
  apiCommand,
  connectCommand,
  EslDecoder,
  eventCommand,
  exitCommand,
  resumeCommand,
  lingerCommand,
  myeventsCommand,
  sendmsgCommand,
  type EslDecoded,
  type EslEvent,
  type EslMessage,
} from '../esl/index.js';
import type { Logger } from '../log.js';
import { toChannelData, type ChannelData } from './channel-data.js';
import { CommandQueue, type CommandReply } from './command-queue.js';

/**
 * Events of the controlled channel, in JSON, on top of `myevents` (which filters to this channel's Unique-ID).
 * PLAYBACK_* are not in myevents' set; PARK/UNPARK show when the socket app parks / leaves the channel.
 */
export const OUTBOUND_EVENT_NAMES = [
  'CHANNEL_EXECUTE',
  'CHANNEL_EXECUTE_COMPLETE',
  'CHANNEL_ANSWER',
  'CHANNEL_BRIDGE',
  'CHANNEL_UNBRIDGE',
  'CHANNEL_PARK',
  'CHANNEL_UNPARK',
  'CHANNEL_HANGUP',
  'CHANNEL_HANGUP_COMPLETE',
  'PLAYBACK_START',
  'PLAYBACK_STOP',
  'DTMF',
] as const;

export type ExecuteResult =
  /** CHANNEL_EXECUTE_COMPLETE with our Event-UUID as Application-UUID; `response` is Application-Response. */
  | { readonly ok: true; readonly application: string; readonly response: string }
  /** The channel hung up before the application completed (queued applications never run). */
  | { readonly ok: false; readonly reason: 'hangup'; readonly cause: string }
  /** FreeSWITCH refused the sendmsg (`-ERR …`). */
  | { readonly ok: false; readonly reason: 'rejected'; readonly reply: string }
  /** The socket closed first. */
  | { readonly ok: false; readonly reason: 'closed' };

export type CommandOutcome =
  | { readonly ok: true; readonly reply: string }
  | { readonly ok: false; readonly reason: 'rejected'; readonly reply: string }
  | { readonly ok: false; readonly reason: 'closed' };

export interface ExecuteOptions {
  /** Keeps FreeSWITCH from running the next queued message nested inside this application. */
  readonly eventLock?: boolean;
}

export type CallConnectionEvents = {
  /** Every event received for the channel. */
  event: [EslEvent];
  dtmf: [{ readonly digit: string; readonly source: string }];
  /** Any application completed, ours or not (e.g. `socket` ends when uuid_bridge / uuid_transfer takes the channel). */
  executeComplete: [{ readonly application: string; readonly applicationUuid: string; readonly response: string }];
  bridge: [{ readonly otherUuid: string }];
  unbridge: [{ readonly otherUuid: string }];
  hangup: [{ readonly cause: string }];
  /** The channel is gone; FreeSWITCH keeps the socket (linger) until we send exit. */
  linger: [];
  closed: [];
};

export interface CallConnectionOptions {
  /** How long FreeSWITCH may take to answer the session setup before the socket is dropped. Default 10 s. */
  readonly setupTimeoutMs?: number;
  /** How long to wait for CHANNEL_HANGUP_COMPLETE after the linger notice before sending exit anyway. Default 5 s. */
  readonly lingerGraceMs?: number;
  /** Source of Event-UUIDs (tests pass recorded ones). */
  readonly newUuid?: () => string;
}

interface PendingExecute {
  readonly application: string;
  readonly resolve: (result: ExecuteResult) => void;
}

const REJECTED = /^-/;

/**
 * socket_resume is read when the session ends (mod_event_socket.c: socket_function after its park, listener_run at its
 * end): true sends the caller on with the dialplan after `socket`, as the `resume` command does; unlike that
 * command's LFLAG_RESUME it can be taken back. `api` on the session's own socket runs at once (listener thread).
 */
function socketResumeCommand(uuid: string, resume: boolean): Buffer {
  return apiCommand(`uuid_setvar ${uuid} socket_resume ${String(resume)}`);
}

function outcome(reply: CommandReply): CommandOutcome {
  if (!reply.ok) return reply;
  return REJECTED.test(reply.replyText) ? { ok: false, reason: 'rejected', reply: reply.replyText } : { ok: true, reply: reply.replyText };
}

/**
 * One outbound-socket session (`socket … async full`): connect, myevents, event json, linger; then commands one at a
 * time; executes resolve on their CHANNEL_EXECUTE_COMPLETE; after hangup the linger notice is answered with exit.
 * A malformed frame closes this connection (logged); everything pending resolves with a typed value.
 */
export class CallConnection extends EventEmitter<CallConnectionEvents> {
  private readonly decoder = new EslDecoder();
  private readonly queue: CommandQueue;
  private readonly executes = new Map<string, PendingExecute>();
  private readonly newUuid: () => string;
  private data: ChannelData | undefined;
  private hangupCause: string | undefined;
  private hangupComplete = false;
  private lingering = false;
  /** The socket app completed: uuid_bridge / uuid_transfer took the channel, so the session no longer holds it. */
  private socketAppEnded = false;
  private releasing: Promise<CommandOutcome> | undefined;
  private exitSent = false;
  private isClosed = false;
  private lingerTimer: NodeJS.Timeout | undefined;
  private logger: Logger;

  constructor(
    private readonly socket: Socket,
    logger: Logger,
    private readonly options: CallConnectionOptions = {},
  ) {
    super();
    this.logger = logger;
    this.newUuid = options.newUuid ?? randomUUID;
    this.queue = new CommandQueue((bytes) => socket.write(bytes));
    socket.on('data', (chunk: Buffer) => this.receive(this.decoder.push(chunk)));
    socket.on('error', (error) => this.logger.warn({ err: error }, 'outbound socket error'));
    socket.on('close', () => this.onClose());
  }

  /** The controlled channel; set once `setup()` succeeded. */
  get channel(): ChannelData {
    if (this.data === undefined) throw new Error('CallConnection.channel read before setup() succeeded');
    return this.data;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /**
   * The caller still waits under the `socket` app, whose end decides what becomes of it: not hung up, not taken
   * by uuid_bridge / uuid_transfer, not released. Such a caller must be released, never just dropped (see close()).
   */
  get holdsCaller(): boolean {
    return !this.isClosed && this.hangupCause === undefined && !this.socketAppEnded && this.releasing === undefined && !this.exitSent;
  }

  /**
   * connect → channel data; myevents; event json …; linger; socket_resume=true. undefined (and the socket closed)
   * on failure.
   */
  async setup(): Promise<ChannelData | undefined> {
    const timer = setTimeout(() => this.fail('no answer to the session setup (is the peer FreeSWITCH?)'), this.options.setupTimeoutMs ?? 10_000);
    try {
      const connected = await this.queue.send(connectCommand());
      if (!connected.ok) return undefined;
      if (this.data === undefined) return this.fail('the connect reply carried no channel data (Unique-ID)');
      const setupCommands = [myeventsCommand(), eventCommand('json', OUTBOUND_EVENT_NAMES), lingerCommand(), socketResumeCommand(this.data.uuid, true)];
      for (const command of setupCommands) {
        const reply = outcome(await this.queue.send(command));
        if (!reply.ok) return reply.reason === 'closed' ? undefined : this.fail(`FreeSWITCH refused the session setup: ${reply.reply}`);
      }
      return this.data;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs an application on the channel; resolves when it completed (or the channel/socket went away). */
  async execute(application: string, arg?: string, options: ExecuteOptions = {}): Promise<ExecuteResult> {
    if (this.hangupCause !== undefined) return { ok: false, reason: 'hangup', cause: this.hangupCause };
    const eventUuid = this.newUuid();
    const completed = new Promise<ExecuteResult>((resolve) => this.executes.set(eventUuid, { application, resolve }));
    const message = { callCommand: 'execute', appName: application, eventUuid, ...(arg === undefined ? {} : { appArg: arg }), eventLock: options.eventLock === true } as const;
    const reply = outcome(await this.queue.send(sendmsgCommand(undefined, message)));
    if (!reply.ok) this.settle(eventUuid, reply.reason === 'closed' ? reply : { ok: false, reason: 'rejected', reply: reply.reply });
    return completed;
  }

  /**
   * Plays hold music without event-lock: applications sent while it plays (announcements) run nested inside it and
   * the music goes on after them; uuid_bridge / uuid_transfer end it (scenarios 01, 11, 12). `*` must not stop it.
   */
  async playMusicOnHold(source: string): Promise<ExecuteResult> {
    void this.execute('set', 'playback_terminators=none', { eventLock: true });
    return this.execute('playback', source);
  }

  /**
   * Before uuid_bridge or uuid_transfer takes the caller: from now on the end of this session must leave the channel
   * alone. With socket_resume=true (set at setup, so that a controller that dies sends its waiting callers on with the
   * dialplan) the end of listener_run sets CS_RESET on any channel not in CS_HIBERNATE and not flagged
   * CF_TRANSFER/CF_REDIRECT/CF_RESET: a bridged caller would leave its bridge, a transferred one its new extension.
   * Not awaited: uuid_bridge/uuid_transfer flag the channel CF_TRANSFER, which guards it until this has run.
   */
  handOver(): void {
    void this.queue.send(socketResumeCommand(this.channel.uuid, false));
  }

  /** Ends the session so that FreeSWITCH continues the dialplan after `socket` (mod_event_socket: LFLAG_RESUME → CS_RESET). */
  release(): Promise<CommandOutcome> {
    this.releasing ??= this.resumeAndExit();
    return this.releasing;
  }

  private async resumeAndExit(): Promise<CommandOutcome> {
    const resumed = outcome(await this.queue.send(resumeCommand()));
    if (!resumed.ok) return resumed;
    return this.exit();
  }

  async hangup(cause = 'NORMAL_CLEARING'): Promise<CommandOutcome> {
    return outcome(await this.queue.send(sendmsgCommand(undefined, { callCommand: 'hangup', hangupCause: cause })));
  }

  /** Ends the session (FreeSWITCH answers `+OK bye`, sends the final notice and closes). */
  async exit(): Promise<CommandOutcome> {
    this.exitSent = true;
    this.clearLingerTimer();
    return outcome(await this.queue.send(exitCommand()));
  }

  /**
   * Drops the socket without exit or resume. FreeSWITCH only clears CF_CONTROLLED: the socket app's park ends when
   * it next gets control, so a caller hearing a stream nested in it (our hold music) hears it until hanging up
   * (mod_event_socket.c listener_run, switch_ivr.c switch_ivr_park). Callers that `holdsCaller` need release().
   */
  close(): void {
    this.socket.destroy();
  }

  private receive(results: readonly EslDecoded[]): void {
    for (const result of results) {
      if (this.isClosed) return;
      if (!result.ok) {
        this.fail(`malformed frame from FreeSWITCH: ${result.error.message}`);
        return;
      }
      this.handle(result.message);
    }
  }

  private handle(message: EslMessage): void {
    switch (message.kind) {
      case 'command-reply':
        if (message.channelData !== undefined && this.data === undefined) this.adopt(message.channelData);
        if (!this.queue.reply(message.replyText)) this.logger.warn({ replyText: message.replyText }, 'command/reply with no command pending');
        return;
      case 'api-response':
        if (!this.queue.reply(message.body.trim())) this.logger.warn({ body: message.body }, 'api/response with no command pending');
        return;
      case 'event':
        this.onEvent(message.event);
        return;
      case 'disconnect-notice':
        if (message.disposition === 'linger') this.onLinger();
        return;
      default:
        this.logger.debug({ kind: message.kind }, 'ignored message on the outbound socket');
    }
  }

  private adopt(event: EslEvent): void {
    this.data = toChannelData(event);
    if (this.data !== undefined) this.logger = this.logger.child({ callUuid: this.data.uuid });
  }

  private onEvent(event: EslEvent): void {
    this.emit('event', event);
    switch (event.name) {
      case 'CHANNEL_EXECUTE_COMPLETE': {
        const applicationUuid = event.get('Application-UUID') ?? '';
        const application = event.get('Application') ?? '';
        const response = event.get('Application-Response') ?? '';
        if (application === 'socket') this.socketAppEnded = true;
        this.settle(applicationUuid, { ok: true, application, response });
        this.emit('executeComplete', { application, applicationUuid, response });
        return;
      }
      case 'DTMF':
        this.emit('dtmf', { digit: event.get('DTMF-Digit') ?? '', source: event.get('DTMF-Source') ?? '' });
        return;
      case 'CHANNEL_BRIDGE':
      case 'CHANNEL_UNBRIDGE': {
        const otherUuid = event.get('Other-Leg-Unique-ID') ?? event.get('Bridge-B-Unique-ID') ?? '';
        this.emit(event.name === 'CHANNEL_BRIDGE' ? 'bridge' : 'unbridge', { otherUuid });
        return;
      }
      case 'CHANNEL_HANGUP':
        this.onHangup(event.get('Hangup-Cause') ?? 'NORMAL_CLEARING');
        return;
      case 'CHANNEL_HANGUP_COMPLETE':
        this.hangupComplete = true;
        if (this.lingering) void this.exitAfterLinger();
        return;
      default:
    }
  }

  private onHangup(cause: string): void {
    if (this.hangupCause !== undefined) return;
    this.hangupCause = cause;
    for (const uuid of [...this.executes.keys()]) this.settle(uuid, { ok: false, reason: 'hangup', cause });
    this.emit('hangup', { cause });
  }

  private onLinger(): void {
    this.lingering = true;
    this.emit('linger');
    if (this.hangupComplete) {
      void this.exitAfterLinger();
      return;
    }
    // The notice may come before CHANNEL_HANGUP_COMPLETE (its CDR variables are worth waiting for), but not forever.
    this.lingerTimer = setTimeout(() => void this.exitAfterLinger(), this.options.lingerGraceMs ?? 5_000);
  }

  private async exitAfterLinger(): Promise<void> {
    if (this.exitSent || this.isClosed) return;
    await this.exit();
  }

  private settle(eventUuid: string, result: ExecuteResult): void {
    const pending = this.executes.get(eventUuid);
    if (pending === undefined) return;
    this.executes.delete(eventUuid);
    pending.resolve(result);
  }

  private fail(reason: string): undefined {
    this.logger.warn({ reason }, 'closing the outbound socket');
    this.socket.destroy();
    this.onClose();
    return undefined;
  }

  private clearLingerTimer(): void {
    if (this.lingerTimer !== undefined) clearTimeout(this.lingerTimer);
    this.lingerTimer = undefined;
  }

  private onClose(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.clearLingerTimer();
    this.queue.close();
    for (const uuid of [...this.executes.keys()]) this.settle(uuid, { ok: false, reason: 'closed' });
    this.emit('closed');
  }
}
