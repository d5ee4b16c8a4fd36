// The caller's side: joining (with join policy, max callers, resume), leaving without an agent.
import type { ExitReason } from './commands.js';
import type { Ctx } from './context.js';
import type { EventType, EventValue } from './events.js';
import type { Input } from './inputs.js';
import { startAnnouncements } from './announcements.js';
import { memberBefore } from './member-order.js';
import { cancelMemberTimers } from './member-timers.js';
import { cancelAllOffers } from './offers.js';
import { positionOf } from './positions.js';
import { insertSorted, removeSorted } from './sorted.js';
import { applyNoAgentRule, applyLeavePolicy } from './staffing.js';
import type { MemberRt, QueueRt } from './state.js';
import { cancelTimer } from './timer-heap.js';

type CallerEntered = Extract<Input, { kind: 'caller-entered' }>;

/** Refused at the door (FULL / JOINEMPTY, no ENTERQUEUE), or null when the caller may join. */
function refusal(queue: QueueRt): { event: EventType; reason: ExitReason; destination: string | null } | null {
  const c = queue.config;
  if (c.maxCallers > 0 && queue.members.length >= c.maxCallers) {
    return { event: 'FULL', reason: 'full', destination: c.timeoutDestination };
  }
  const empty =
    (c.joinPolicy === 'require-logged-in' && queue.loggedIn === 0) ||
    (c.joinPolicy === 'require-available' && queue.serving === 0);
  return empty ? { event: 'JOINEMPTY', reason: 'join-empty', destination: c.emptyDestination } : null;
}

export function callerEntered(ctx: Ctx, queue: QueueRt, input: CallerEntered): void {
  const { s, now } = ctx;
  const c = queue.config;
  const refused = refusal(queue);
  if (refused !== null) {
    const data: Record<string, EventValue> =
      refused.event === 'FULL'
        ? { callerIdNumber: input.callerIdNumber, maxCallers: c.maxCallers, destination: refused.destination }
        : { callerIdNumber: input.callerIdNumber, policy: c.joinPolicy, destination: refused.destination };
    ctx.event(refused.event, { callId: input.callId, queue: queue.name }, data);
    ctx.command({ kind: 'exit', callId: input.callId, queue: queue.name, reason: refused.reason, destination: refused.destination });
    return;
  }
  const abandoned = c.abandonedResumeAllowed ? queue.abandonedCallers.get(input.callerIdNumber) : undefined;
  if (abandoned !== undefined) {
    cancelTimer(abandoned.timer);
    queue.abandonedCallers.delete(input.callerIdNumber);
  }
  const scoreSeconds = (input.baseScoreSeconds ?? 0) + (c.timeBaseScore === 'system' ? (input.secondsInSystem ?? 0) : 0);
  const member: MemberRt = {
    callId: input.callId,
    queue,
    callerIdNumber: input.callerIdNumber,
    callerIdName: input.callerIdName,
    priority: input.priority ?? 0,
    seq: ++s.memberSeq,
    joinedAt: abandoned?.joinedAt ?? now,
    orderAt: abandoned?.orderAt ?? now - scoreSeconds * 1000,
    enteredAt: now,
    originalPosition: 0,
    resumed: abandoned !== undefined,
    offers: new Map(),
    connectedTo: null,
    connectedAt: 0,
    timedOut: false,
    cursor: null,
    lastAddedAt: 0,
    timers: { maxWait: null, announce: null, play: null, gate: null, progressive: null },
    dirty: false,
  };
  insertSorted(queue.members, member, memberBefore);
  s.members.set(member.callId, member);
  const position = positionOf(member) ?? 0;
  member.originalPosition = position;
  ctx.event(
    'ENTERQUEUE',
    { callId: member.callId, queue: queue.name },
    {
      callerIdNumber: member.callerIdNumber,
      callerIdName: member.callerIdName,
      position,
      priority: member.priority,
      resumed: member.resumed,
    },
  );
  if (c.maxWaitSeconds > 0) {
    member.timers.maxWait = s.timers.schedule(now + c.maxWaitSeconds * 1000, { kind: 'max-wait', member });
  }
  startAnnouncements(ctx, member);
  ctx.dirtyMembers.add(member);
  applyNoAgentRule(ctx, queue);
  applyLeavePolicy(ctx, queue);
}

/** Takes a not-yet-connected caller out of its queue for good. */
function removeWaiting(ctx: Ctx, member: MemberRt): void {
  cancelMemberTimers(member);
  removeSorted(member.queue.members, member, memberBefore);
  forgetCall(ctx, member);
}

export function forgetCall(ctx: Ctx, member: MemberRt): void {
  ctx.s.members.delete(member.callId);
  ctx.dirtyMembers.delete(member);
  ctx.s.endedCalls.set(member.callId, true);
}

/**
 * The caller leaves without an agent: its rings are cancelled first, then the terminal event
 * (position, originalPosition, waitSeconds + `data`), then the exit command if any.
 */
export function exitMember(
  ctx: Ctx,
  member: MemberRt,
  type: EventType,
  data: Record<string, EventValue>,
  exit: { reason: ExitReason; destination: string | null } | null,
  ringReason: 'caller-left' | 'removed' = 'caller-left',
): void {
  cancelAllOffers(ctx, member, ringReason);
  const position = positionOf(member);
  removeWaiting(ctx, member);
  const queue = member.queue.name;
  ctx.event(
    type,
    { callId: member.callId, queue },
    { position, originalPosition: member.originalPosition, waitSeconds: ctx.secondsSince(member.enteredAt), ...data },
  );
  if (exit !== null) ctx.command({ kind: 'exit', callId: member.callId, queue, ...exit });
}

export function exitWithTimeout(ctx: Ctx, member: MemberRt): void {
  const destination = member.queue.config.timeoutDestination;
  exitMember(ctx, member, 'EXITWITHTIMEOUT', { destination, cancelReason: 'TIMEOUT' }, { reason: 'timeout', destination });
}

/** Max wait reached; with an offer ringing, the caller leaves once it resolves (FS-10237). */
export function maxWaitReached(ctx: Ctx, member: MemberRt): void {
  member.timers.maxWait = null;
  if (member.offers.size > 0) member.timedOut = true;
  else exitWithTimeout(ctx, member);
}

/** The caller hung up before an agent answered (BREAK_OUT); remembered for a resume. */
export function callerAbandoned(ctx: Ctx, member: MemberRt): void {
  const queue = member.queue;
  exitMember(ctx, member, 'ABANDON', { ringing: member.offers.size > 0, cancelReason: 'BREAK_OUT' }, null);
  queue.abandoned++;
  const keepMs = queue.config.discardAbandonedAfterSeconds * 1000;
  if (keepMs <= 0) return;
  const number = member.callerIdNumber;
  cancelTimer(queue.abandonedCallers.get(number)?.timer ?? null);
  queue.abandonedCallers.set(number, {
    callerIdNumber: number,
    joinedAt: member.joinedAt,
    orderAt: member.orderAt,
    timer: ctx.s.timers.schedule(ctx.now + keepMs, { kind: 'discard-abandoned', queue, callerIdNumber: number }),
  });
}

/** A DTMF digit: an exit key sends the caller to its destination; other digits are ignored. */
export function callerKey(ctx: Ctx, member: MemberRt, key: string): void {
  if (member.connectedTo !== null) return;
  const exitKey = member.queue.config.exitKeys.find((k) => k.key === key);
  if (exitKey === undefined) return;
  const destination = exitKey.destination;
  exitMember(ctx, member, 'EXITWITHKEY', { key, destination, cancelReason: 'EXIT_WITH_KEY' }, { reason: 'key', destination });
}
