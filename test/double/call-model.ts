import { randomUUID } from 'node:crypto';
import type { EslEvent } from '../../src/esl/index.js';
import { AppEngine, type AppHost } from './apps.js';
import { hangupVariables, type AgentBehaviour } from './behaviour.js';
import { Channel, switchTrue, type CallerProfile } from './channel.js';
import { EventFactory, type EventOptions } from './channel-events.js';
import { ALL_EVENTS, ListenerRegistry, type EventListener, type Interest, type Registration } from './listener-registry.js';
import { ReplyPacing, type ReplyPacingOptions } from './reply-pacing.js';
import { Scheduler } from './scheduler.js';

export interface CallModelOptions {
  /** Scale of originate timeouts given in seconds (tests use e.g. 10 so `originate_timeout=20` lasts 200 ms). */
  readonly secondsToMs: number;
  /** Duration of a finite file playback. */
  readonly playbackMs: number;
  /** The sofia profile's fire-transfer-events (needed for sofia::transferor/transferee). */
  readonly fireTransferEvents: boolean;
  /** Behaviour of endpoints nobody scripted. */
  readonly defaultAgentBehaviour: AgentBehaviour;
  /** How late api/responses and BACKGROUND_JOBs go out. */
  readonly replyPacing: ReplyPacingOptions;
  /** A channel's media tick: when its session thread next looks at queued messages and at a pending uuid_bridge (0: at once). */
  readonly tickMs: number;
}

/**
 * The shared state of the FreeSWITCH double: channels, their apps, and every event fired (in order).
 * Both socket sides read and drive this one model, so a uuid_bridge on :8021 ends the caller's socket app.
 */
export class CallModel implements AppHost {
  /** Every channel ever created, hung-up ones included (see `live`). */
  readonly channels = new Map<string, Channel>();
  readonly events: EslEvent[] = [];
  readonly scheduler = new Scheduler();
  readonly replyPacing: ReplyPacing;
  readonly factory = new EventFactory(() => Date.now() * 1000);
  private readonly apps = new Map<string, AppEngine>();
  private readonly listeners = new ListenerRegistry();
  private readonly behaviours = new Map<string, AgentBehaviour>();

  constructor(readonly options: CallModelOptions) {
    this.replyPacing = new ReplyPacing(options.replyPacing, this.scheduler);
  }

  get playbackMs(): number {
    return this.options.playbackMs;
  }

  /** Runs `run` on the next media tick (FreeSWITCH's session threads read a 20 ms frame per loop). */
  onNextTick(run: () => void): void {
    if (this.options.tickMs === 0) this.scheduler.soon(run);
    else this.scheduler.after(this.options.tickMs, run);
  }

  /** Calls `listener` with the events `interest` covers, in the order fired. */
  listen(listener: EventListener, interest: Interest = ALL_EVENTS): Registration {
    return this.listeners.add(listener, interest);
  }

  fire(event: EslEvent): void {
    this.events.push(event);
    this.listeners.deliver(event);
  }

  emit(name: string, channel: Channel, options: EventOptions = {}, subclass?: string): void {
    const peer = channel.peer === undefined ? undefined : this.channels.get(channel.peer.uuid);
    this.fire(this.factory.channel(name, channel, peer, options, subclass));
  }

  setBehaviour(endpoint: string, behaviour: AgentBehaviour): void {
    this.behaviours.set(endpoint, behaviour);
  }

  behaviourOf(endpoint: string): AgentBehaviour {
    return this.behaviours.get(endpoint) ?? this.options.defaultAgentBehaviour;
  }

  createChannel(uuid: string, name: string, direction: 'inbound' | 'outbound', profile: CallerProfile): Channel {
    const channel = new Channel(uuid, name, direction, profile, Date.now() * 1000);
    channel.setVariable('direction', direction);
    if (direction === 'outbound') channel.setVariable('is_outbound', 'true');
    channel.setVariable('uuid', uuid);
    channel.setVariable('call_uuid', uuid);
    channel.setVariable('channel_name', name);
    this.channels.set(uuid, channel);
    this.apps.set(uuid, new AppEngine(channel, this));
    return channel;
  }

  appsOf(channel: Channel): AppEngine {
    const engine = this.apps.get(channel.uuid);
    if (engine === undefined) throw new Error(`double: no app engine for channel ${channel.uuid}`);
    return engine;
  }

  /** A live channel by uuid. */
  live(uuid: string): Channel | undefined {
    const channel = this.channels.get(uuid);
    return channel?.isUp ? channel : undefined;
  }

  progress(channel: Channel): void {
    channel.progressAt = Date.now() * 1000;
    channel.state = 'CS_CONSUME_MEDIA';
    this.emit('CHANNEL_PROGRESS', channel);
    channel.callState = 'RINGING';
  }

  answer(channel: Channel): void {
    if (channel.isAnswered) return;
    if (channel.direction === 'inbound' && channel.answerState === 'ringing') {
      channel.answerState = 'early';
      channel.setVariable('endpoint_disposition', 'EARLY MEDIA');
      this.emit('CHANNEL_PROGRESS_MEDIA', channel);
      channel.callState = 'EARLY';
    }
    channel.answerState = 'answered';
    channel.answeredAt = Date.now() * 1000;
    this.emit('CHANNEL_ANSWER', channel);
    channel.callState = 'ACTIVE';
    channel.setVariable('endpoint_disposition', 'ANSWER');
  }

  /**
   * Hangs a leg up. `remote` = the phone ended it (BYE / refusal), `local` = FreeSWITCH did.
   * Bridged legs take their partner down as in scenarios 01 (B-leg first) and 02 (A-leg first).
   */
  hangup(channel: Channel, cause: string, side: 'local' | 'remote', extra: ReadonlyArray<readonly [string, string]> = []): void {
    if (!channel.isUp) return;
    const bridge = channel.bridge;
    const partner = bridge === undefined ? undefined : this.channels.get(channel.uuid === bridge.a ? bridge.b : bridge.a);
    if (bridge === undefined || partner === undefined || !partner.isUp) {
      this.markHungUp(channel, cause, side, extra);
      this.enterHangupState(channel);
      this.scheduler.soon(() => this.complete(channel));
      return;
    }
    // switch_channel_perform_hangup on the first leg of a bridge to go: last_bridge_role on it, last_bridge_hangup_cause
    // on its partner (endpoint-independent; captures 01 and 02). The partner, hung up after the bridge, gets neither.
    partner.setVariable('last_bridge_hangup_cause', cause);
    this.markHungUp(channel, cause, side, [...extra, ['last_bridge_role', channel.uuid === bridge.a ? 'originator' : 'originatee']]);
    if (channel.uuid === bridge.a) {
      this.markHungUp(partner, 'NORMAL_CLEARING', 'local', []);
      this.unbridge(channel, partner);
      this.enterHangupState(partner);
      this.enterHangupState(channel);
      this.scheduler.soon(() => {
        this.complete(partner);
        this.complete(channel);
      });
      return;
    }
    this.enterHangupState(channel);
    this.scheduler.soon(() => {
      this.complete(channel);
      const caller = this.channels.get(bridge.a);
      if (caller === undefined) return;
      this.unbridge(caller, channel);
      // End of switch_ivr_multi_threaded_bridge: with hangup_after_bridge true the caller goes down with the agent's
      // cause; otherwise its extension goes on after `socket`, whose app ended at uuid_bridge (see QueueExtension).
      if (switchTrue(caller.variables.get('hangup_after_bridge'))) this.hangup(caller, channel.hangupCause ?? 'NORMAL_CLEARING', 'local');
      else this.appsOf(caller).continueDialplan();
    });
  }

  /**
   * End of mod_event_socket's listener_run for `channel`'s outbound session. With resume it sets CS_RESET on any
   * channel not in CS_HIBERNATE and not flagged CF_TRANSFER: a bridged originator (uuid_bridge's caller) leaves its
   * bridge — the rig showed a caller in a uuid_bridge go on to its extension after `socket` and its agent leg hung up
   * (the non-originator is hung up when the originator leaves, switch_ivr_bridge.c). Otherwise the socket app ends.
   */
  socketSessionEnded(channel: Channel, resume: boolean): void {
    const bridge = channel.bridge;
    const partner = bridge === undefined ? undefined : this.channels.get(bridge.b);
    if (!resume || bridge?.a !== channel.uuid || partner === undefined) {
      this.appsOf(channel).socketEnded(resume);
      return;
    }
    channel.state = 'CS_RESET';
    this.emit('CHANNEL_STATE', channel);
    this.unbridge(channel, partner);
    this.hangup(partner, 'NORMAL_CLEARING', 'local');
    this.appsOf(channel).continueDialplan();
  }

  /** Hangs up a bridged leg but leaves its partner up (the partner is being transferred: 10, 13). */
  hangupLeavingPeer(channel: Channel, cause: string, side: 'local' | 'remote'): void {
    if (!channel.isUp) return;
    const bridge = channel.bridge;
    this.markHungUp(channel, cause, side, []);
    this.enterHangupState(channel);
    const a = bridge === undefined ? undefined : this.channels.get(bridge.a);
    const b = bridge === undefined ? undefined : this.channels.get(bridge.b);
    if (a !== undefined && b !== undefined) this.unbridge(a, b);
    this.scheduler.soon(() => this.complete(channel));
  }

  private markHungUp(channel: Channel, cause: string, side: 'local' | 'remote', extra: ReadonlyArray<readonly [string, string]>): void {
    const wasAnswered = channel.isAnswered;
    channel.hangupCause = cause;
    channel.answerState = 'hangup';
    channel.hangupAt = Date.now() * 1000;
    // mod_sofia sets the sip_* ones; other endpoints (loopback, verto) set none.
    const endpointVariables = channel.name.startsWith('sofia/') ? hangupVariables(cause, side, wasAnswered) : [];
    for (const [name, value] of [...endpointVariables, ...extra]) channel.setVariable(name, value);
    this.emit('CHANNEL_HANGUP', channel);
    this.appsOf(channel).endAll();
  }

  private enterHangupState(channel: Channel): void {
    channel.state = 'CS_HANGUP';
    this.emit('CHANNEL_STATE', channel);
  }

  unbridge(a: Channel, b: Channel): void {
    const bridge = a.bridge;
    if (bridge === undefined) return;
    this.emit('CHANNEL_UNBRIDGE', a, { pre: bridgeHeaders(bridge) });
    a.setVariable('bridge_hangup_cause', b.hangupCause ?? 'NORMAL_CLEARING');
    a.bridge = undefined;
    b.bridge = undefined;
  }

  private complete(channel: Channel): void {
    if (channel.state === 'CS_REPORTING') return;
    channel.state = 'CS_REPORTING';
    channel.callState = 'HANGUP';
    this.emit('CHANNEL_STATE', channel);
    const seconds = (micros: number): string => String(Math.max(0, Math.round((channel.hangupAt - micros) / 1e6)));
    channel.setVariable('hangup_cause', channel.hangupCause ?? 'NORMAL_CLEARING');
    channel.setVariable('duration', seconds(channel.createdAt));
    channel.setVariable('billsec', channel.answeredAt === 0 ? '0' : seconds(channel.answeredAt));
    this.emit('CHANNEL_HANGUP_COMPLETE', channel);
    channel.state = 'CS_DESTROY';
    // Kept (not deleted) so the peer's later events still carry Other-Leg-* as FreeSWITCH's do.
    this.emit('CHANNEL_DESTROY', channel);
  }

  /**
   * The originator's turn in uuid_bridge_on_soft_execute (switch_ivr_bridge.c), a tick after uuid_bridge replied.
   * Both up: the bridge. The originator gone: switch_ivr_wait_for_answer fails for it and only the originator is dealt
   * with, so nothing hangs the other leg up; it has left its apps (park ends) and sleeps in CS_RESET
   * (uuid_bridge_on_hibernate, uuid_bridge_on_reset), up until someone kills it. The other leg gone first: the
   * originator is hung up DESTINATION_OUT_OF_ORDER.
   */
  joinUuidBridge(a: Channel, b: Channel): void {
    if (a.isUp && b.isUp) this.bridge(a, b);
    else if (a.isUp) this.hangup(a, 'DESTINATION_OUT_OF_ORDER', 'local');
    else if (b.isUp) this.strand(b);
  }

  private strand(channel: Channel): void {
    this.appsOf(channel).endAll();
    for (const state of ['CS_HIBERNATE', 'CS_RESET'] as const) {
      channel.state = state;
      this.emit('CHANNEL_STATE', channel);
    }
  }

  /** uuid_bridge: both legs leave their apps (the caller's socket app ends), then CHANNEL_BRIDGE on `a`. */
  bridge(a: Channel, b: Channel): void {
    const epoch = Math.floor(Date.now() / 1000);
    a.peer = { uuid: b.uuid, role: 'originatee' };
    b.peer = { uuid: a.uuid, role: 'originator' };
    a.appendTransferHistory(`${epoch}:${randomUUID()}:uuid_br:${b.uuid}`);
    b.appendTransferHistory(`${epoch}:${randomUUID()}:uuid_br:${a.uuid}`);
    this.appsOf(b).endAll();
    this.appsOf(a).endAll();
    for (const state of ['CS_HIBERNATE', 'CS_RESET', 'CS_SOFT_EXECUTE'] as const) {
      a.state = state;
      this.emit('CHANNEL_STATE', a);
    }
    this.emit('CHANNEL_EXECUTE', a, { post: [['Application', 'uuid_bridge'], ['Application-Data', b.uuid]] });
    const bridge = { a: a.uuid, b: b.uuid };
    a.bridge = bridge;
    b.bridge = bridge;
    a.bridgedAt = b.bridgedAt = Date.now() * 1000;
    b.state = 'CS_EXCHANGE_MEDIA';
    for (const [leg, other] of [[a, b], [b, a]] as const) {
      leg.setVariable('bridge_uuid', other.uuid);
      leg.setVariable('signal_bond', other.uuid);
      leg.setVariable('last_bridge_to', other.uuid);
      leg.setVariable('bridge_channel', other.name);
    }
    this.emit('CHANNEL_BRIDGE', a, { pre: bridgeHeaders(bridge) });
  }

  dispose(): void {
    this.scheduler.clear();
    this.listeners.clear();
  }
}

function bridgeHeaders(bridge: { readonly a: string; readonly b: string }): Array<readonly [string, string]> {
  return [
    ['Bridge-A-Unique-ID', bridge.a],
    ['Bridge-B-Unique-ID', bridge.b],
  ];
}
