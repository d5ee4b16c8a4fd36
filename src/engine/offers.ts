// Offer lifecycle: ring, answer, fail (by hang-up cause, mod_callcenter §8.5), cancel.
import type { RingCancelReason } from './commands.js';
import type { Ctx } from './context.js';
import type { EventType } from './events.js';
import type { OfferFailureCause } from './model.js';
import { setAgentState, setAgentReadyAt, applyStatus } from './agents.js';
import { exitWithTimeout } from './callers.js';
import { memberBefore } from './member-order.js';
import { positionOf } from './positions.js';
import { removeSorted } from './sorted.js';
import { progressiveDelayMs } from './strategies/index.js';
import { cancelMemberTimers } from './member-timers.js';
import type { MemberRt, OfferRt, TierRt } from './state.js';
import { cancelTimer } from './timer-heap.js';
import { tierKey } from './tier-order.js';

export function startOffer(ctx: Ctx, tier: TierRt, member: MemberRt): void {
  const { s, now } = ctx;
  const agent = tier.agent;
  const queue = member.queue;
  const id = `o${++s.offerCounter}`;
  const offer: OfferRt = { id, member, agent, startedAt: now, timer: null };
  offer.timer = s.timers.schedule(now + queue.config.maxRingSeconds * 1000, { kind: 'ring-timeout', offer });
  s.offers.set(id, offer);
  member.offers.set(agent.config.id, offer);
  agent.offer = offer;
  agent.onDemandAtOffer = agent.status === 'Available (On Demand)';
  agent.lastOfferedAt = now;
  setAgentState(agent, 'Receiving', now);
  const key = tierKey(tier);
  member.cursor = key;
  queue.lastRung = key;
  member.lastAddedAt = now;
  if (queue.config.strategy === 'ring-progressively') {
    cancelTimer(member.timers.progressive);
    member.timers.progressive = s.timers.schedule(now + progressiveDelayMs(member), { kind: 'progressive', member });
  }
  ctx.command({
    kind: 'ring',
    offerId: id,
    callId: member.callId,
    queue: queue.name,
    agentId: agent.config.id,
    contact: agent.config.contact,
    timeoutSeconds: queue.config.maxRingSeconds,
    callerIdNumber: member.callerIdNumber,
    callerIdName: member.callerIdName,
  });
  ctx.event(
    'OFFER',
    { callId: member.callId, queue: queue.name, agentId: agent.config.id },
    { offerId: id, position: positionOf(member), ringTimeoutSeconds: queue.config.maxRingSeconds },
  );
}

/**
 * Forgets a ringing offer; the agent goes to `next`: back to Waiting (also after a failure,
 * FS-10738), or In a queue call when it answered. Returns the ring time, ms.
 */
function endOffer(ctx: Ctx, offer: OfferRt, next: 'Waiting' | 'In a queue call' = 'Waiting'): number {
  ctx.s.offers.delete(offer.id);
  offer.member.offers.delete(offer.agent.config.id);
  offer.timer = cancelTimer(offer.timer);
  offer.agent.offer = null;
  setAgentState(offer.agent, next, ctx.now);
  if (next === 'Waiting') ctx.dirtyAgents.add(offer.agent);
  return ctx.now - offer.startedAt;
}

/** Ends the offer and tells the shell to stop the ring; a late answer gets cancelled again. */
function withdrawOffer(ctx: Ctx, offer: OfferRt, reason: RingCancelReason): number {
  const ringMs = endOffer(ctx, offer);
  ctx.command({ kind: 'cancel-ring', offerId: offer.id, callId: offer.member.callId, agentId: offer.agent.config.id, reason });
  ctx.s.cancelledOffers.set(offer.id, { callId: offer.member.callId, agentId: offer.agent.config.id, reason });
  return ringMs;
}

/** Cancels every ring of the caller; copies the offers only when there are any (the usual case has none). */
export function cancelAllOffers(ctx: Ctx, member: MemberRt, reason: RingCancelReason): void {
  if (member.offers.size === 0) return;
  for (const offer of [...member.offers.values()]) cancelOffer(ctx, offer, reason);
}

/** We stop the ring (RINGCANCELED). The caller's next step is up to the caller of this function. */
function cancelOffer(ctx: Ctx, offer: OfferRt, reason: RingCancelReason): void {
  const ringMs = withdrawOffer(ctx, offer, reason);
  ctx.event('RINGCANCELED', offerIds(offer), { offerId: offer.id, ringMs, reason });
}

/** Cancel an agent's ring because of the agent (status change, removal): the caller goes on. */
export function cancelAgentOffer(ctx: Ctx, offer: OfferRt, reason: RingCancelReason): void {
  cancelOffer(ctx, offer, reason);
  afterOfferEnded(ctx, offer.member);
}

/** The ring time is over: stop the ring and count a no-answer. */
export function ringTimedOut(ctx: Ctx, offer: OfferRt): void {
  offerFailed(ctx, offer, 'NO_ANSWER', withdrawOffer(ctx, offer, 'ring-timeout'));
}

/** The agent declined from the UI/API: a CALL_REJECTED that we hang up. */
export function offerRejected(ctx: Ctx, offer: OfferRt): void {
  offerFailed(ctx, offer, 'CALL_REJECTED', withdrawOffer(ctx, offer, 'rejected'));
}

/** The shell reports the originate failed with this hang-up cause. */
export function offerFailedInput(ctx: Ctx, offer: OfferRt, cause: OfferFailureCause): void {
  offerFailed(ctx, offer, cause, endOffer(ctx, offer));
}

interface FailureClass {
  readonly event: EventType;
  readonly delaySeconds: number;
  readonly noAnswer: boolean;
}

function classify(offer: OfferRt, cause: OfferFailureCause): FailureClass | null {
  const c = offer.agent.config;
  switch (cause) {
    case 'LOSE_RACE':
    case 'ORIGINATOR_CANCEL':
      return null;
    case 'USER_BUSY':
    case 'NORMAL_CIRCUIT_CONGESTION':
      return { event: 'RINGBUSY', delaySeconds: c.busyDelaySeconds, noAnswer: false };
    case 'CALL_REJECTED':
      return { event: 'RINGREJECTED', delaySeconds: c.rejectDelaySeconds, noAnswer: false };
    case 'USER_NOT_REGISTERED':
    case 'SUBSCRIBER_ABSENT':
      return { event: 'RINGUNAVAILABLE', delaySeconds: c.notRegisteredDelaySeconds, noAnswer: false };
    default:
      return { event: 'RINGNOANSWER', delaySeconds: c.noAnswerDelaySeconds, noAnswer: true };
  }
}

function offerFailed(ctx: Ctx, offer: OfferRt, cause: OfferFailureCause, ringMs: number): void {
  const agent = offer.agent;
  const failure = classify(offer, cause);
  if (failure === null) {
    // Someone else hung the leg up: no delay, no count.
    ctx.event('RINGCANCELED', offerIds(offer), { offerId: offer.id, ringMs, reason: cause });
  } else {
    ctx.event(failure.event, offerIds(offer), { offerId: offer.id, ringMs, cause });
    if (failure.delaySeconds > 0) setAgentReadyAt(ctx, agent, ctx.now + failure.delaySeconds * 1000);
    if (failure.noAnswer) {
      agent.noAnswerCount++;
      const max = agent.config.maxNoAnswer;
      if (max > 0 && agent.noAnswerCount >= max) maxNoAnswerReached(ctx, offer);
    }
  }
  afterOfferEnded(ctx, offer.member);
}

/** mod_callcenter agent-no-answer-status; a static agent cannot log out, so it is paused. */
function maxNoAnswerReached(ctx: Ctx, offer: OfferRt): void {
  const agent = offer.agent;
  const wanted = offer.member.queue.config.agentNoAnswerStatus;
  const status = wanted === 'Logged Out' && agent.config.type === 'static' ? 'On Break' : wanted;
  applyStatus(ctx, agent, status, 'max-no-answer', 'max-no-answer');
}

/** A caller's offer ended without a connection: leave if max wait passed, else offer again. */
export function afterOfferEnded(ctx: Ctx, member: MemberRt): void {
  if (member.connectedTo !== null || !ctx.s.members.has(member.callId)) return;
  if (member.timedOut && member.offers.size === 0) exitWithTimeout(ctx, member);
  else ctx.dirtyMembers.add(member);
}

export function answerOffer(ctx: Ctx, offer: OfferRt): void {
  const now = ctx.now;
  const member = offer.member;
  const agent = offer.agent;
  const queue = member.queue;
  const ringMs = endOffer(ctx, offer, 'In a queue call');
  cancelAllOffers(ctx, member, 'lose-race');
  const position = positionOf(member);
  removeSorted(queue.members, member, memberBefore);
  cancelMemberTimers(member);
  member.connectedTo = agent;
  member.connectedAt = now;
  queue.connected++;
  queue.answered++;
  agent.call = member;
  agent.callsAnswered++;
  agent.noAnswerCount = 0;
  agent.lastBridgeStartAt = now;
  agent.tiers.get(queue.name)?.answeredAt.push(now);
  ctx.command({
    kind: 'bridge',
    offerId: offer.id,
    callId: member.callId,
    queue: queue.name,
    agentId: agent.config.id,
    recordTemplate: queue.config.recordTemplate,
  });
  ctx.event('CONNECT', offerIds(offer), {
    offerId: offer.id,
    waitSeconds: ctx.secondsSince(member.enteredAt),
    ringMs,
    position,
    originalPosition: member.originalPosition,
  });
}

function offerIds(offer: OfferRt): { callId: string; queue: string; agentId: string } {
  return { callId: offer.member.callId, queue: offer.member.queue.name, agentId: offer.agent.config.id };
}
