// The FreeSWITCH side of the controller: takes each caller's outbound socket into the engine,
// carries out the engine's commands on the caller's node (originate, uuid_kill, uuid_bridge,
// uuid_transfer, announcements) and turns what FreeSWITCH reports back into engine inputs.
import { randomUUID } from 'node:crypto';
import { BoundedMemory, type Command, type Input, type Outcome } from '../engine/index.js';
import type { EslEvent } from '../esl/index.js';
import type { CallConnection, InboundEvent, InboundNode, OriginateRequest, OriginateResult } from '../freeswitch/index.js';
import type { Logger } from '../log.js';
import type { ConfigSync } from './config-sync.js';
import { parseDestination } from './destination.js';
import { isFeatureAction, runFeatureCode } from './feature-code.js';
import { partyThatHungUp, type CallLeg } from './hangup-party.js';
import { nodeForCall } from './node-for-call.js';
import { announcementSteps, type Step } from './prompts.js';
import { replacedLegFromHangup, transferFromAgentHangup, transferFromEvent, type ReportedTransfer } from './transfer-event.js';

export interface CallFlowDeps {
  readonly submit: (input: Input) => Outcome;
  readonly config: ConfigSync;
  readonly nodes: readonly InboundNode[];
  readonly logger: Logger;
  /** How long an ended call's agent leg may take to report its own hang-up before it is killed (default 2 s). */
  readonly agentLegGraceMs?: number;
}

/**
 * waiting: in the queue (agents may ring); bridging: connected to an agent leg, not yet joined to it (no CHANNEL_BRIDGE
 * yet); bridged: its CHANNEL_BRIDGE named the agent leg.
 */
type CallerPhase = 'waiting' | 'bridging' | 'bridged';

interface Caller {
  readonly call: CallConnection;
  readonly node: InboundNode;
  readonly callId: string;
  phase: CallerPhase;
  agentUuid: string | null;
  /** Settles when the caller's channel is answered (true) or cannot be (false): the bridge waits for it. */
  readonly answered: Promise<boolean>;
}

interface Offer {
  readonly offerId: string;
  readonly callId: string;
  readonly agentId: string;
  readonly uuid: string;
  readonly node: InboundNode;
  /** Set when we stopped the ring: the hang-up cause we asked for. */
  cancelCause: string | null;
}

/** The caller's channel variable holding the recording's file name (mod_callcenter's is cc_record_filename). */
const RECORD_FILENAME_VARIABLE = 'lineup_record_filename';

/**
 * Once bridged, FreeSWITCH hangs the agent leg up in the same moment as the caller: its CHANNEL_HANGUP_COMPLETE comes
 * within milliseconds. The grace only covers a slow event socket.
 */
const AGENT_LEG_GRACE_MS = 2_000;

/** Consult legs remembered for attended transfers: the agent leg ends right after its consult leg. */
const REPLACED_LEGS_KEPT = 64;

/** FreeSWITCH's dial-string parser cannot carry these in a variable (see originate-command.ts). */
const UNSAFE_IN_DIAL_STRING = /['"\\{}[\]]/g;

/**
 * Answers the caller, unless the dialplan did: sent first on its socket, so that announcements and music follow it,
 * and not awaited, so that the caller is queued (and agents rung) while FreeSWITCH runs it on the channel's next
 * media tick (~20 ms: sendmsg is executed by the channel's own thread).
 */
function answer(call: CallConnection): Promise<boolean> {
  if (call.channel.event.get('Answer-State') === 'answered') return Promise.resolve(true);
  return call.execute('answer', undefined, { eventLock: true }).then((result) => result.ok);
}

function numberVariable(call: CallConnection, name: string): number | undefined {
  const value = Number.parseInt(call.channel.variables.get(name) ?? '', 10);
  return Number.isFinite(value) ? value : undefined;
}

export class CallFlow {
  readonly #callers = new Map<string, Caller>();
  readonly #offers = new Map<string, Offer>();
  /** Agent leg uuid → the caller it is connected to. */
  readonly #agentLegs = new Map<string, string>();
  /** Agent legs of ended calls whose own hang-up is not seen yet → the kill due when the grace runs out. */
  readonly #unconfirmedLegs = new Map<string, NodeJS.Timeout>();
  /** Legs we gave up on while a node was unreachable: hung up once it is back, so none rings unseen. */
  readonly #orphanLegs = new Map<string, string>();
  /**
   * Rings asked for while their node's event socket was down, sent when it is back. Failing them
   * at once freed the agent for an immediate re-offer that failed again, without ever yielding to
   * the event loop: the reconnect timer never ran and the event log grew until out of memory.
   */
  readonly #held = new Map<string, OriginateRequest>();
  /** The fire-transfer-events warning was logged (one CallFlow per process, so once per process). */
  #warnedTransferEventsOff = false;
  /** Consult legs attended transfers replaced, by uuid → the number they called: the agent leg's refer_uuid names one. */
  readonly #replacedLegs = new BoundedMemory<string>(REPLACED_LEGS_KEPT);

  constructor(private readonly deps: CallFlowDeps) {}

  /** A new outbound socket from the dialplan. */
  accept(call: CallConnection): void {
    void this.#accept(call).catch((error: unknown) => {
      this.deps.logger.error({ err: error, callId: call.channel.uuid }, 'cannot take the call; the dialplan continues');
      void call.release();
    });
  }

  execute(command: Command): void {
    switch (command.kind) {
      case 'ring':
        return this.#ring(command);
      case 'cancel-ring':
        return this.#cancelRing(command.offerId, command.reason === 'lose-race' ? 'LOSE_RACE' : 'ORIGINATOR_CANCEL');
      case 'bridge':
        return this.#bridge(command.offerId, command.callId, command.recordTemplate);
      case 'announce':
        return this.#play(command.callId, announcementSteps(command.position, command.estimatedWaitSeconds));
      case 'play':
        return this.#play(command.callId, [{ application: 'playback', arg: command.sound }]);
      case 'exit':
        return this.#exit(command.callId, command.destination);
    }
  }

  /** Channel events from a node's inbound socket (agent legs are only visible there). */
  onInboundEvent({ event }: InboundEvent): void {
    const uuid = event.get('Unique-ID') ?? '';
    if (event.name === 'CHANNEL_HANGUP_COMPLETE') {
      this.#confirmLegEnded(uuid);
      const callId = this.#agentLegs.get(uuid);
      if (callId !== undefined) this.#legEnded(callId, 'agent', event);
      else if (this.#callers.has(uuid)) this.#legEnded(uuid, 'caller', event);
      const replaced = replacedLegFromHangup(event);
      if (replaced !== undefined) this.#replacedLegs.set(replaced.uuid, replaced.destination);
      return;
    }
    // sofia fires this before it transfers the caller and BYEs the agent, on this same socket: the agent leg's
    // HANGUP_COMPLETE comes after it and finds the call forgotten, so a transfer is never reported twice.
    // Only a bridged caller can be REFERred, so this also proves the bridge whose CHANNEL_BRIDGE, on the caller's own
    // socket, may still be on its way.
    const transfer = transferFromEvent(event);
    const caller = this.#callers.get(uuid);
    if (transfer !== undefined && caller !== undefined && (caller.phase === 'bridging' || caller.phase === 'bridged')) this.#transferred(caller, transfer);
  }

  #transferred(caller: Caller, transfer: ReportedTransfer): void {
    this.#forget(caller);
    this.deps.submit({ kind: 'call-transferred', callId: caller.callId, ...transfer });
  }

  /** A node's event socket is (again) connected: send the rings held while it was down. */
  nodeConnected(node: InboundNode): void {
    for (const [offerId, request] of this.#held) {
      const offer = this.#offers.get(offerId);
      if (offer?.node !== node) continue;
      this.#held.delete(offerId);
      this.#originate(offer, request);
    }
  }

  /** After a node's event socket came back: settle every leg that ended while we could not see it. */
  async reconcile(node: InboundNode): Promise<void> {
    for (const [uuid, nodeName] of this.#orphanLegs) {
      if (nodeName !== node.name) continue;
      this.#orphanLegs.delete(uuid);
      void node.kill(uuid, 'ORIGINATOR_CANCEL');
    }
    const agentLegs = [...this.#agentLegs].filter(([, callId]) => this.#callers.get(callId)?.node === node);
    const presence = await node.channelPresence(agentLegs.map(([uuid]) => uuid));
    for (const uuid of presence.gone) {
      const callId = this.#agentLegs.get(uuid);
      if (callId !== undefined) this.#legEnded(callId, 'agent', undefined);
    }
    this.deps.logger.info({ node: node.name, checked: agentLegs.length, gone: presence.gone.length }, 'reconciled agent legs after reconnect');
  }

  async #accept(call: CallConnection): Promise<void> {
    const channel = call.channel;
    const log = this.deps.logger.child({ callId: channel.uuid });
    const action = channel.variables.get('lineup_action');
    if (action !== undefined) {
      if (isFeatureAction(action)) {
        await runFeatureCode(call, action, {
          agents: () => this.deps.config.agents,
          setStatus: (agentId, wanted) =>
            this.deps.submit({
              kind: 'agent-status-set',
              agentId,
              status: wanted === 'agent-login' ? 'Available' : 'Logged Out',
              source: 'feature-code',
            }).error,
          logger: this.deps.logger,
        });
      } else {
        log.warn({ action }, 'unknown lineup_action (agent-login or agent-logout expected); the dialplan continues');
        await call.release();
      }
      return;
    }
    const queueName = channel.variables.get('lineup_queue');
    const queue = this.deps.config.queueFor(queueName, channel.destinationNumber);
    if (queue === undefined) {
      log.warn({ queue: queueName ?? null, destination: channel.destinationNumber }, 'no queue has this name or extension; the dialplan continues');
      await call.release();
      return;
    }
    const node = nodeForCall(this.deps.nodes, channel);
    if (node === undefined) {
      log.error({ switchname: channel.event.get('FreeSWITCH-Switchname') ?? null }, 'the call comes from a FreeSWITCH node that is not configured (--esl); the dialplan continues');
      await call.release();
      return;
    }
    const caller: Caller = { call, node, callId: channel.uuid, phase: 'waiting', agentUuid: null, answered: answer(call) };
    this.#callers.set(caller.callId, caller);
    call.on('dtmf', ({ digit }) => {
      if (caller.phase === 'waiting') this.deps.submit({ kind: 'caller-key', callId: caller.callId, key: digit });
    });
    call.on('bridge', ({ otherUuid }) => {
      if (caller.phase === 'bridging' && caller.agentUuid === otherUuid) caller.phase = 'bridged';
    });
    call.on('hangup', () => this.#callerGone(caller));
    call.on('closed', () => this.#callerGone(caller));
    call.on('event', (event: EslEvent) => {
      if (event.name === 'CHANNEL_HANGUP_COMPLETE') this.#legEnded(caller.callId, 'caller', event);
    });
    const entered = this.deps.submit({
      kind: 'caller-entered',
      callId: caller.callId,
      queue: queue.name,
      callerIdNumber: channel.callerIdNumber,
      callerIdName: channel.callerIdName,
      priority: numberVariable(call, 'lineup_priority'),
      baseScoreSeconds: numberVariable(call, 'cc_base_score'),
    });
    if (entered.error !== null) {
      this.#callers.delete(caller.callId);
      await call.release();
      return;
    }
    // After the engine, so that a free agent's originate is not queued behind the music's two commands;
    // unless the engine already sent the caller on (FULL, JOINEMPTY): nothing may be left queued on its channel.
    if (this.#callers.get(caller.callId) === caller) void call.playMusicOnHold(queue.mohSound);
    // A hang-up also arrives as such; a refused answer leaves a channel nobody can talk to: back to the dialplan.
    if (!(await caller.answered)) {
      this.#callerGone(caller);
      this.#legEnded(caller.callId, 'caller', undefined);
      void call.release();
    }
  }

  /** The caller hung up (or its socket died) before being connected. Connected calls end in #legEnded. */
  #callerGone(caller: Caller): void {
    if (caller.phase !== 'waiting' || this.#callers.get(caller.callId) !== caller) return;
    this.#callers.delete(caller.callId);
    this.deps.submit({ kind: 'caller-left', callId: caller.callId });
  }

  #ring(command: Extract<Command, { kind: 'ring' }>): void {
    const caller = this.#callers.get(command.callId);
    if (caller === undefined) {
      this.deps.submit({ kind: 'offer-failed', offerId: command.offerId, cause: 'ORIGINATOR_CANCEL' });
      return;
    }
    const offer: Offer = {
      offerId: command.offerId,
      callId: command.callId,
      agentId: command.agentId,
      uuid: randomUUID(),
      node: caller.node,
      cancelCause: null,
    };
    this.#offers.set(offer.offerId, offer);
    this.#originate(offer, {
      uuid: offer.uuid,
      contact: command.contact,
      timeoutSeconds: command.timeoutSeconds,
      callerIdNumber: command.callerIdNumber.replace(UNSAFE_IN_DIAL_STRING, ''),
      callerIdName: command.callerIdName.replace(UNSAFE_IN_DIAL_STRING, ''),
      variables: { lineup_queue: command.queue, lineup_call_id: command.callId, lineup_agent: command.agentId, lineup_offer: command.offerId },
    });
  }

  #originate(offer: Offer, request: OriginateRequest): void {
    if (!offer.node.connected) {
      this.#held.set(offer.offerId, request);
      return;
    }
    void offer.node.originate(request).then((result) => this.#originated(offer, request, result));
  }

  #originated(offer: Offer, request: OriginateRequest, result: OriginateResult): void {
    if (!result.ok && result.failure.kind === 'disconnected' && offer.cancelCause === null) {
      this.#held.set(offer.offerId, request);
      return;
    }
    if (result.ok) {
      if (offer.cancelCause !== null) {
        // Answered after we stopped the ring (the kill came before the channel existed, #2529).
        this.#offers.delete(offer.offerId);
        void offer.node.kill(offer.uuid, offer.cancelCause);
        return;
      }
      this.deps.submit({ kind: 'offer-answered', offerId: offer.offerId });
      return;
    }
    this.#offers.delete(offer.offerId);
    if (offer.cancelCause !== null) return;
    if (result.failure.kind === 'invalid') {
      // The contact cannot be dialled (logged by the node): unreachable, so the not-registered
      // delay applies instead of an immediate re-offer that fails the same way.
      this.deps.submit({ kind: 'offer-failed', offerId: offer.offerId, cause: 'USER_NOT_REGISTERED' });
      return;
    }
    if (result.cause.startsWith('ESL_')) {
      // We do not know what became of the leg: not the agent's fault, and it must not ring on unseen.
      this.#orphanLegs.set(offer.uuid, offer.node.name);
      this.deps.submit({ kind: 'offer-failed', offerId: offer.offerId, cause: 'ORIGINATOR_CANCEL' });
      return;
    }
    this.deps.submit({ kind: 'offer-failed', offerId: offer.offerId, cause: result.cause });
  }

  #cancelRing(offerId: string, cause: string): void {
    const offer = this.#offers.get(offerId);
    if (offer === undefined || offer.cancelCause !== null) return;
    if (this.#held.delete(offerId)) {
      this.#offers.delete(offerId); // never sent: nothing rings
      return;
    }
    offer.cancelCause = cause;
    void offer.node.kill(offer.uuid, cause);
  }

  #bridge(offerId: string, callId: string, recordTemplate: string | null): void {
    const offer = this.#offers.get(offerId);
    this.#offers.delete(offerId);
    const caller = this.#callers.get(callId);
    if (offer === undefined) return;
    if (caller === undefined || caller.phase !== 'waiting') {
      void offer.node.kill(offer.uuid, 'ORIGINATOR_CANCEL');
      this.deps.submit({ kind: 'call-ended', callId, by: 'caller' });
      return;
    }
    caller.phase = 'bridging';
    caller.agentUuid = offer.uuid;
    this.#agentLegs.set(offer.uuid, callId);
    // The caller's answer was not awaited when it came in (#accept): uuid_bridge waits for it, if it is not done yet.
    const connect = (): void =>
      void caller.answered.then((answered) => {
        if (answered && this.#connecting(caller)) this.#connect(caller, offer.uuid, offer.agentId);
      });
    if (recordTemplate === null || recordTemplate === '') return connect();
    void this.#startRecording(caller, offer.agentId, recordTemplate).then(() => {
      if (this.#connecting(caller)) connect(); // else the call ended meanwhile and #legEnded cleaned up
    });
  }

  /** The caller is between the engine's bridge and its CHANNEL_BRIDGE, its call not ended. */
  #connecting(caller: Caller): boolean {
    return caller.phase === 'bridging' && this.#callers.get(caller.callId) === caller;
  }

  /**
   * As mod_callcenter does when the agent answers, before the bridge: the template is expanded by FreeSWITCH with
   * the caller's channel variables (and $${globals}), kept in lineup_record_filename, and record_session starts.
   * Sent without event-lock, so both run at once inside the hold music; awaited, so the recording covers the call.
   */
  async #startRecording(caller: Caller, agentId: string, recordTemplate: string): Promise<void> {
    void caller.call.execute('set', `${RECORD_FILENAME_VARIABLE}=${recordTemplate}`);
    const started = await caller.call.execute('record_session', `\${${RECORD_FILENAME_VARIABLE}}`);
    if (started.ok) this.deps.logger.info({ callId: caller.callId, agentId, recordTemplate }, 'recording started');
    else this.deps.logger.warn({ callId: caller.callId, agentId, recordTemplate, result: started }, 'recording did not start; the call is connected without it');
  }

  /**
   * uuid_bridge's +OK (switch_ivr_uuid_bridge) only hands both legs to uuid_bridge_on_soft_execute (switch_ivr_bridge.c),
   * which joins them on the caller's next tick, or never if the caller hangs up first. So the call counts as bridged
   * only on the caller's CHANNEL_BRIDGE naming the agent leg (see #accept).
   */
  #connect(caller: Caller, agentUuid: string, agentId: string): void {
    const callId = caller.callId;
    caller.call.handOver();
    void caller.node.bridge(callId, agentUuid).then((result) => {
      // A lost reply (timeout) may hide a bridge that happened: the caller's own socket has said so by now.
      if (result.ok || !this.#connecting(caller)) return;
      this.deps.logger.error({ callId, agentId, failure: result.failure }, 'uuid_bridge failed; the agent leg is hung up and the caller goes on with the dialplan');
      void caller.node.kill(agentUuid, 'NORMAL_TEMPORARY_FAILURE');
      this.#legEnded(callId, 'agent', undefined);
    });
  }

  /**
   * One leg of a connected call hung up (`hangup`: its CHANNEL_HANGUP_COMPLETE; undefined when it vanished unseen):
   * the call ends, and the other leg must not be left behind. Unless the agent transferred the caller.
   */
  #legEnded(callId: string, leg: CallLeg, hangup: EslEvent | undefined): void {
    const caller = this.#callers.get(callId);
    if (caller === undefined || (caller.phase !== 'bridging' && caller.phase !== 'bridged')) return;
    const transfer = leg === 'agent' && hangup !== undefined ? transferFromAgentHangup(hangup, (uuid) => this.#replacedLegs.get(uuid)) : undefined;
    if (transfer !== undefined) {
      // No sofia::transferee came first, so the profile lacks fire-transfer-events=true.
      this.#warnTransferEventsOff();
      this.#transferred(caller, transfer);
      return;
    }
    const wasBridged = caller.phase === 'bridged';
    this.#forget(caller);
    const by = partyThatHungUp(leg, hangup);
    this.deps.submit({ kind: 'call-ended', callId, by });
    if (leg === 'caller') this.#endAgentLeg(caller, wasBridged);
    // Bridged, FreeSWITCH ends the caller or runs its extension on (scenario 01); before, the caller is ours to let go.
    else if (!wasBridged) void caller.call.release();
  }

  /**
   * The caller left: its agent leg must not outlive the call. Before CHANNEL_BRIDGE nothing in FreeSWITCH hangs it
   * up: uuid_bridge_on_soft_execute gives up on a caller that is down (switch_ivr_wait_for_answer fails) and deals
   * with the caller only, leaving the agent leg up in CS_RESET; so it is killed now. Once bridged FreeSWITCH hangs it
   * up with the caller (scenario 02); then it is killed only if that is not seen within the grace.
   */
  #endAgentLeg(caller: Caller, wasBridged: boolean): void {
    const uuid = caller.agentUuid;
    if (uuid === null) return;
    if (!wasBridged) {
      this.deps.logger.info({ callId: caller.callId, agentLeg: uuid }, 'the caller left before the bridge; hanging the agent leg up');
      void caller.node.kill(uuid, 'NORMAL_CLEARING');
      return;
    }
    const due = setTimeout(() => {
      this.#unconfirmedLegs.delete(uuid);
      this.deps.logger.warn({ callId: caller.callId, agentLeg: uuid }, 'the agent leg did not end with its bridged caller; hanging it up');
      void caller.node.kill(uuid, 'NORMAL_CLEARING');
    }, this.deps.agentLegGraceMs ?? AGENT_LEG_GRACE_MS);
    this.#unconfirmedLegs.set(uuid, due);
  }

  /** A leg's CHANNEL_HANGUP_COMPLETE: a kill waiting for it is not needed. */
  #confirmLegEnded(uuid: string): void {
    clearTimeout(this.#unconfirmedLegs.get(uuid));
    this.#unconfirmedLegs.delete(uuid);
  }

  /** The controller stops: no kill may fire after. */
  stop(): void {
    for (const due of this.#unconfirmedLegs.values()) clearTimeout(due);
    this.#unconfirmedLegs.clear();
  }

  #warnTransferEventsOff(): void {
    if (this.#warnedTransferEventsOff) return;
    this.#warnedTransferEventsOff = true;
    this.deps.logger.warn(
      'a transfer by an agent was seen only on the agent leg: the SIP profile lacks fire-transfer-events=true. Transfers are still logged (BLINDTRANSFER, TRANSFER) from the agent leg, but an attended transfer\'s target only when its consult call was seen ending',
    );
  }

  #forget(caller: Caller): void {
    this.#callers.delete(caller.callId);
    if (caller.agentUuid !== null) this.#agentLegs.delete(caller.agentUuid);
  }

  #play(callId: string, steps: readonly Step[]): void {
    const caller = this.#callers.get(callId);
    if (caller === undefined || caller.phase !== 'waiting') return;
    // Without event-lock these run nested inside the hold music, which goes on after them (scenario 12).
    for (const step of steps) void caller.call.execute(step.application, step.arg);
  }

  #exit(callId: string, destination: string | null): void {
    const caller = this.#callers.get(callId);
    if (caller === undefined) return;
    this.#callers.delete(callId);
    const target = destination === null ? null : parseDestination(destination);
    if (target === null) {
      if (destination !== null) this.deps.logger.warn({ callId, destination }, 'exit destination is not "EXTENSION [XML] [CONTEXT]"; the dialplan continues');
      void caller.call.release();
      return;
    }
    caller.call.handOver();
    void caller.node.transfer(caller.callId, target.extension, target.context).then((result) => {
      if (!result.ok) {
        this.deps.logger.warn({ callId, destination, failure: result.failure }, 'uuid_transfer failed; the dialplan continues');
        void caller.call.release();
      }
    });
  }
}
