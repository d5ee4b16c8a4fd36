// Per-queue agent counts (logged in, serving, per level) and the rules that depend on them:
// mod_callcenter's "no agent" rule (§2) and the leave policy.
import type { Ctx } from './context.js';
import { exitMember } from './callers.js';
import { isLoggedIn, isServing } from './eligibility.js';
import type { AgentStatus } from './model.js';
import type { MemberRt, QueueRt, TierRt } from './state.js';
import { cancelTimer } from './timer-heap.js';

/** Adds (sign 1) or removes (sign -1) a tier's agent, with this status, from its queue's counts. */
export function countTier(tier: TierRt, status: AgentStatus, sign: 1 | -1): void {
  const q = tier.queue;
  if (isServing(status)) q.serving += sign;
  if (!isLoggedIn(status)) return;
  q.loggedIn += sign;
  const n = (q.loggedInByLevel.get(tier.level) ?? 0) + sign;
  if (n > 0) {
    if (!q.loggedInByLevel.has(tier.level)) q.levelsCache = null;
    q.loggedInByLevel.set(tier.level, n);
  } else {
    q.loggedInByLevel.delete(tier.level);
    q.levelsCache = null;
  }
}

/**
 * After the queue's counts changed: the no-agent rule, the leave policy, and, when the
 * logged-in agents per level changed, the tier gates of every waiting caller.
 */
export function staffingChanged(ctx: Ctx, queue: QueueRt, loggedInChanged: boolean): void {
  if (queue.loggedIn > 0) queue.noAgentSince = null;
  else if (queue.noAgentSince === null) queue.noAgentSince = ctx.now;
  if (loggedInChanged) applyNoAgentRule(ctx, queue);
  applyLeavePolicy(ctx, queue);
  if (loggedInChanged && queue.config.tierRulesApply) for (const m of queue.members) ctx.dirtyMembers.add(m);
}

/**
 * mod_callcenter max-wait-time-with-no-agent, event-driven. With no tiered agent logged in
 * since S, a caller who entered at J leaves at
 *   max(S + maxNoAgent, J + timeReached + maxNoAgent)   (the second term only if timeReached > 0).
 * So a caller joining a queue empty for long leaves maxNoAgent + timeReached after joining.
 */
function kickAt(queue: QueueRt, member: MemberRt, since: number): number {
  const c = queue.config;
  const maxMs = c.maxWaitWithNoAgentSeconds * 1000;
  const graceMs = c.maxWaitWithNoAgentTimeReachedSeconds * 1000;
  const byJoin = graceMs > 0 ? member.enteredAt + graceMs + maxMs : -Infinity;
  return Math.max(since + maxMs, byJoin);
}

export function applyNoAgentRule(ctx: Ctx, queue: QueueRt): void {
  queue.noAgentTimer = cancelTimer(queue.noAgentTimer);
  const since = queue.noAgentSince;
  if (since === null || queue.config.maxWaitWithNoAgentSeconds <= 0) return;
  let next = Infinity;
  for (const member of [...queue.members]) {
    const at = kickAt(queue, member, since);
    if (at <= ctx.now) {
      exitEmpty(ctx, member, 'no-agent-timeout');
    } else next = Math.min(next, at);
  }
  if (next < Infinity) queue.noAgentTimer = ctx.s.timers.schedule(next, { kind: 'no-agent', queue });
}

export function applyLeavePolicy(ctx: Ctx, queue: QueueRt): void {
  const policy = queue.config.leavePolicy;
  const empty =
    (policy === 'when-none-logged-in' && queue.loggedIn === 0) ||
    (policy === 'when-none-available' && queue.serving === 0);
  if (!empty) return;
  for (const member of [...queue.members]) exitEmpty(ctx, member, 'leave-policy');
}

function exitEmpty(ctx: Ctx, member: MemberRt, reason: 'no-agent-timeout' | 'leave-policy'): void {
  const destination = member.queue.config.emptyDestination;
  exitMember(ctx, member, 'EXITEMPTY', { reason, destination, cancelReason: 'NO_AGENT_TIMEOUT' }, { reason: 'empty', destination });
}
