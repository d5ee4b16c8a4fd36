import { randomUUID } from 'node:crypto';
import type { EslEvent } from '../../src/esl/index.js';
import { phoneLeg, runSteps } from './phone-call.js';
import { ActivityLog, type LogEntry, type RecordedCommand, type Side } from './activity-log.js';
import { ApiCommands } from './api-commands.js';
import { executeMessage } from './apps.js';
import type { AgentBehaviour } from './behaviour.js';
import { CallModel } from './call-model.js';
import type { Channel } from './channel.js';
import { pressDigit, type DtmfSource } from './dtmf.js';
import { InboundServer } from './inbound-server.js';
import { OutboundSession, type LingerNoticeAfter } from './outbound-session.js';
import { LINEUP_QUEUE_EXTENSION, type QueueExtension } from './queue-extension.js';
import { attendedTransferByAgent, blindTransferByAgent, defaultDialplan, dialplanPrelude, type Dialplan } from './transfers.js';

export interface DoubleOptions {
  /** `auth` password of the inbound side (default ClueCon). */
  readonly password?: string;
  /** Milliseconds per originate-timeout second (default 1000; tests usually pass 10). */
  readonly secondsToMs?: number;
  /** Duration of finite playbacks (default 30 ms). */
  readonly playbackMs?: number;
  /** sofia::transferor / transferee CUSTOM events on REFER (default false, as FreeSWITCH's default). */
  readonly fireTransferEvents?: boolean;
  /** For endpoints without setAgentBehaviour (default: answer after 20 ms). */
  readonly defaultAgentBehaviour?: AgentBehaviour;
  /** Apps run for an extension after a transfer (default: answer, playback welcome.wav, park). */
  readonly dialplan?: Dialplan;
  /** Default for every wait helper (default 2000 ms). */
  readonly waitTimeoutMs?: number;
  /**
   * A channel's media tick (default 20 ms, FreeSWITCH's frame): a sendmsg runs on the channel's next tick, and
   * uuid_bridge joins the legs on the originator's next tick, after its +OK. 0: at once (only tests that need speed).
   */
  readonly tickMs?: number;
  /** Added to every api/response and BACKGROUND_JOB (default 0: FreeSWITCH answers as soon as the command ran). */
  readonly replyDelayMs?: number;
  /** Up to this much more per reply, drawn with `random` (default 0). */
  readonly replyJitterMs?: number;
  /** Draws in [0, 1) for the jitter (default Math.random; property tests pass a seeded one). */
  readonly random?: () => number;
}

export interface DialOptions {
  /** The controller's outbound-socket port on 127.0.0.1. */
  readonly port: number;
  readonly callerIdNumber?: string;
  readonly callerIdName?: string;
  /** Caller-Destination-Number (default 7000). */
  readonly destination?: string;
  /** Sets variable_lineup_queue. */
  readonly queue?: string;
  /** More channel variables (shown as variable_<name>). */
  readonly variables?: Readonly<Record<string, string>>;
  readonly uuid?: string;
  /** When this call's linger notice goes out (default after CHANNEL_HANGUP_COMPLETE; scenario 02: CHANNEL_HANGUP). */
  readonly lingerNoticeAfter?: LingerNoticeAfter;
  /** The extension with the `socket` (default: Lineup's dialplan snippet, LINEUP_QUEUE_EXTENSION). */
  readonly extension?: QueueExtension;
}

/** A caller dialled into the controller through the outbound socket. */
export interface CallerHandle {
  readonly uuid: string;
  readonly channelName: string;
  /** The caller's phone hangs up (BYE): CHANNEL_HANGUP NORMAL_CLEARING, recv_bye. */
  hangup(cause?: string): void;
  pressDigit(digit: string, source?: DtmfSource): void;
  /** Resolves when FreeSWITCH's side of the outbound socket is closed. */
  readonly socketClosed: Promise<void>;
  /** The controller's end of the outbound socket is gone without exit or resume (a killed controller). */
  dropSocket(): void;
}

/**
 * A FreeSWITCH stand-in for tests: the inbound ESL listener (:8021 role) and the outbound `socket` dialer, over
 * real TCP with our codec, on one call model. Every wait is bounded.
 *
 * ```ts
 * const fs = await FreeswitchDouble.start({ secondsToMs: 10 });        // originate_timeout=20 → 200 ms
 * fs.setAgentBehaviour('user/1000@default', { answerAfterMs: 50 });
 * fs.setAgentBehaviour('user/1001@default', { outcome: 'USER_BUSY' });
 * // controller connects to fs.inboundPort (auth ClueCon) and listens for outbound sockets on `port`
 * const caller = await fs.dial({ port, callerIdNumber: '4711', queue: 'support' });
 * await fs.waitForCommand(/^bgapi originate /);
 * const answer = await fs.waitForEvent('CHANNEL_ANSWER', (e) => e.get('Unique-ID') !== caller.uuid);
 * caller.pressDigit('1');
 * fs.hangupAgent(answer.get('Unique-ID') ?? '');
 * await fs.stop();
 * ```
 */
export class FreeswitchDouble {
  readonly log = new ActivityLog();
  private readonly model: CallModel;
  private readonly api: ApiCommands;
  private readonly inbound: InboundServer;
  private readonly sessions = new Set<OutboundSession>();
  private readonly dialplan: Dialplan;
  private readonly waitTimeoutMs: number;
  private connections = 0;

  private constructor(options: DoubleOptions) {
    this.model = new CallModel({
      secondsToMs: options.secondsToMs ?? 1000,
      playbackMs: options.playbackMs ?? 30,
      fireTransferEvents: options.fireTransferEvents ?? false,
      defaultAgentBehaviour: options.defaultAgentBehaviour ?? { answerAfterMs: 20 },
      tickMs: options.tickMs ?? 20,
      replyPacing: { delayMs: options.replyDelayMs ?? 0, jitterMs: options.replyJitterMs ?? 0, random: options.random ?? Math.random },
    });
    this.dialplan = options.dialplan ?? defaultDialplan;
    this.waitTimeoutMs = options.waitTimeoutMs ?? 2000;
    this.api = new ApiCommands(this.model, this.dialplan);
    this.model.listen((event) => this.log.add({ kind: 'event', event }));
    this.inbound = new InboundServer(this.model, this.api, this.log, options.password ?? 'ClueCon', () => ++this.connections);
  }

  static async start(options: DoubleOptions = {}): Promise<FreeswitchDouble> {
    const double = new FreeswitchDouble(options);
    await double.inbound.listen();
    return double;
  }

  /** Port of the inbound ESL listener on 127.0.0.1. */
  get inboundPort(): number {
    return this.inbound.listeningPort;
  }

  async stop(): Promise<void> {
    for (const session of this.sessions) session.close();
    await this.inbound.stop();
    this.model.dispose();
  }

  /** Keyed by the dial-string endpoint, e.g. `user/1000@default` or `sofia/internal/agent1@127.0.0.1:5090`. */
  setAgentBehaviour(endpoint: string, behaviour: AgentBehaviour): void {
    this.model.setBehaviour(endpoint, behaviour);
  }

  /** Commands received, optionally from one side only. */
  commands(side?: Side): RecordedCommand[] {
    return this.log.entries.flatMap((e) => (e.kind === 'command' && (side === undefined || e.record.side === side) ? [e.record] : []));
  }

  /** Every event the double fired, in order (whether or not a client was subscribed). */
  get events(): readonly EslEvent[] {
    return this.model.events;
  }

  channel(uuid: string): Channel | undefined {
    return this.model.channels.get(uuid);
  }

  /** Channels not hung up: what `show channels` would list. */
  liveChannels(): Channel[] {
    return [...this.model.channels.values()].filter((channel) => channel.isUp);
  }

  /** The dialplan hands a new caller to the controller's outbound server. */
  async dial(options: DialOptions): Promise<CallerHandle> {
    const number = options.callerIdNumber ?? '1000';
    const uuid = options.uuid ?? randomUUID();
    const channel = this.model.createChannel(uuid, `sofia/internal/${number}@127.0.0.1:5070`, 'inbound', {
      username: number,
      dialplan: 'XML',
      callerIdName: options.callerIdName ?? number,
      callerIdNumber: number,
      calleeIdName: undefined,
      calleeIdNumber: undefined,
      ani: number,
      destinationNumber: options.destination ?? '7000',
      source: 'mod_sofia',
      context: 'public',
      networkAddr: '127.0.0.1',
    });
    channel.setVariable('sip_from_user', number);
    channel.setVariable('sip_to_user', options.destination ?? '7000');
    channel.setVariable('endpoint_disposition', 'DELAYED NEGOTIATION');
    if (options.queue !== undefined) channel.setVariable('lineup_queue', options.queue);
    for (const [name, value] of Object.entries(options.variables ?? {})) channel.setVariable(name, value);
    this.model.emit('CHANNEL_CREATE', channel, { callingFile: 'switch_core_state_machine.c', callingFunction: 'switch_core_session_run' });
    channel.state = 'CS_EXECUTE';
    channel.callState = 'RINGING';
    const engine = this.model.appsOf(channel);
    const extension = options.extension ?? LINEUP_QUEUE_EXTENSION;
    for (const [app, arg] of [...dialplanPrelude(), ...extension.beforeSocket]) engine.enqueue(executeMessage(app, arg));
    const socketData = `127.0.0.1:${options.port} async full`;
    channel.setVariable('current_application', 'socket');
    channel.setVariable('current_application_data', socketData);
    channel.setVariable('socket_host', '127.0.0.1');
    engine.startSocketApp(socketData, extension.appsAfterSocket);
    let session: OutboundSession;
    try {
      session = await OutboundSession.open(options.port, channel, this.model, this.api, this.log, ++this.connections, options.lingerNoticeAfter ?? 'CHANNEL_HANGUP_COMPLETE');
    } catch (error) {
      this.model.hangup(channel, 'DESTINATION_OUT_OF_ORDER', 'local');
      throw new Error(`FreeSWITCH double: cannot reach the controller's outbound server on 127.0.0.1:${options.port}: ${String(error)}`);
    }
    this.sessions.add(session);
    void session.closed.then(() => this.sessions.delete(session));
    return {
      uuid,
      channelName: channel.name,
      hangup: (cause = 'NORMAL_CLEARING') => this.model.hangup(channel, cause, 'remote'),
      pressDigit: (digit, source = 'ENDPOINT') => pressDigit(this.model, channel, digit, source),
      socketClosed: session.closed,
      dropSocket: () => session.close(),
    };
  }

  /** The agent's own phone (directory user `user`) calls `extension`, whose dialplan runs `steps`; then it hangs up on demand. */
  phoneCall(user: string, extension: string, steps: ReadonlyArray<readonly [string, string]>): { readonly uuid: string; hangup(): void } {
    const channel = phoneLeg(this.model, user, extension);
    runSteps(this.model, channel, steps);
    return { uuid: channel.uuid, hangup: () => this.model.hangup(channel, 'NORMAL_CLEARING', 'remote') };
  }

  /** The next API command `command` (uuid_bridge …) answers `reply` and does nothing: a race FreeSWITCH can lose. */
  refuseNextApi(command: string, reply: string): void {
    this.api.refuseNext(command, reply);
  }

  /** The agent's phone hangs up (BYE). */
  hangupAgent(uuid: string, cause = 'NORMAL_CLEARING'): void {
    this.model.hangup(this.requireChannel(uuid), cause, 'remote');
  }

  pressDigit(uuid: string, digit: string, source: DtmfSource = 'ENDPOINT'): void {
    pressDigit(this.model, this.requireChannel(uuid), digit, source);
  }

  /** The agent's phone REFERs the bridged caller to `extension` (scenario 10). */
  agentBlindTransfer(agentUuid: string, extension: string): void {
    const problem = blindTransferByAgent(this.model, this.requireChannel(agentUuid), extension, this.dialplan);
    if (problem !== undefined) throw new Error(`FreeSWITCH double: blind transfer impossible: ${problem}`);
  }

  /** The agent holds, consults `extension` and completes an attended transfer (scenario 13). */
  agentAttendedTransfer(agentUuid: string, extension: string): void {
    const problem = attendedTransferByAgent(this.model, this.requireChannel(agentUuid), extension, this.dialplan);
    if (problem !== undefined) throw new Error(`FreeSWITCH double: attended transfer impossible: ${problem}`);
  }

  /** FIN on every inbound connection; the listener stays up so the client can reconnect. */
  dropInboundConnections(): void {
    this.inbound.dropConnections();
  }

  /** Inbound listener down (connections closed, reconnects refused) until `startInbound`. */
  stopInbound(): Promise<void> {
    return this.inbound.stop();
  }

  /** Listens again on the same port. */
  async startInbound(): Promise<void> {
    await this.inbound.listen();
  }

  /** Changes event_socket.conf.xml's password for the connections that follow. */
  setInboundPassword(password: string): void {
    this.inbound.password = password;
  }

  /** apply-inbound-acl refuses (true) or admits (false) the connections that follow. */
  denyInboundByAcl(deny: boolean): void {
    this.inbound.deniedByAcl = deny;
  }

  /** Inbound (:8021) connections accepted so far, refused ones included. */
  get inboundConnections(): number {
    return this.log.entries.filter((e) => e.kind === 'connection' && e.side === 'inbound' && e.change === 'opened').length;
  }

  waitFor<T>(select: (entry: LogEntry) => T | undefined, description = 'a matching log entry', timeoutMs = this.waitTimeoutMs): Promise<T> {
    return this.log.waitFor(select, timeoutMs, description);
  }

  waitForEvent(name: string, match: (event: EslEvent) => boolean = () => true, timeoutMs = this.waitTimeoutMs): Promise<EslEvent> {
    return this.log.waitFor((e) => (e.kind === 'event' && e.event.name === name && match(e.event) ? e.event : undefined), timeoutMs, `event ${name}`);
  }

  /** First received command whose first line matches. */
  waitForCommand(pattern: RegExp, side?: Side, timeoutMs = this.waitTimeoutMs): Promise<RecordedCommand> {
    return this.log.waitFor(
      (e) => (e.kind === 'command' && (side === undefined || e.record.side === side) && pattern.test(e.record.command.line) ? e.record : undefined),
      timeoutMs,
      `command ${pattern}`,
    );
  }

  private requireChannel(uuid: string): Channel {
    const channel = this.model.live(uuid);
    if (channel === undefined) throw new Error(`FreeSWITCH double: no live channel ${uuid}`);
    return channel;
  }
}
