// Automatic dispatch, incremental. After each input the engine holds two sets: agents that
// may have become free and callers that may have become offerable. Repeatedly it takes the
// caller first in global order among (a) the offerable dirty callers and (b) for each dirty
// free agent, the best caller that agent could take, and runs that caller's strategy over all
// its eligible agents. So strategy order is exact, the global caller order holds for every
// agent, and nothing scans all agents or all callers.
import type { Ctx } from './context.js';
import { takesQueueCalls } from './eligibility.js';
import { globallyBefore } from './member-order.js';
import { startOffer } from './offers.js';
import { strategyOf, wantsAgents } from './strategies/index.js';
import type { AgentRt, MemberRt, TierRt } from './state.js';
import { tierGate } from './tier-gate.js';
import { cancelTimer } from './timer-heap.js';

export function settle(ctx: Ctx): void {
  // An agent's best caller only changes when that caller is dispatched (nothing becomes
  // offerable while settling), so it is computed once per agent and dropped when used.
  const bestOf = ctx.s.bestCallers;
  // Map.clear allocates a fresh table even when empty; most inputs leave it empty.
  if (bestOf.size > 0) bestOf.clear();
  for (;;) {
    let best: MemberRt | null = null;
    for (let i = 0; i < ctx.dirtyMembers.size; i++) {
      const member = ctx.dirtyMembers.at(i);
      if (!member.dirty) continue;
      if (!ctx.s.members.has(member.callId) || !wantsAgents(member, ctx.now)) {
        ctx.dirtyMembers.delete(member);
      } else if (best === null || globallyBefore(member, best)) best = member;
    }
    for (let i = 0; i < ctx.dirtyAgents.size; i++) {
      const agent = ctx.dirtyAgents.at(i);
      if (!agent.dirty) continue;
      const caller = bestOf.get(agent) ?? bestCallerFor(agent, ctx.now);
      if (caller === null) {
        ctx.dirtyAgents.delete(agent);
        continue;
      }
      bestOf.set(agent, caller);
      if (best === null || globallyBefore(caller, best)) best = caller;
    }
    if (best === null) {
      // Every entry is unmarked by now: drop them.
      ctx.dirtyMembers.clear();
      ctx.dirtyAgents.clear();
      return;
    }
    dispatchMember(ctx, best);
    ctx.dirtyMembers.delete(best);
    for (const [agent, caller] of bestOf) if (caller === best || !agent.free) bestOf.delete(agent);
  }
}

/** The caller first in global order, among the agent's automatic queues, that this agent may take now. */
export function bestCallerFor(agent: AgentRt, now: number): MemberRt | null {
  if (!agent.free) return null;
  let best: MemberRt | null = null;
  for (const tier of agent.tiers.values()) {
    const queue = tier.queue;
    if (queue.config.assignment !== 'automatic' || !takesQueueCalls(agent, queue)) continue;
    for (const member of queue.members) {
      if (best !== null && !globallyBefore(member, best)) break;
      if (!wantsAgents(member, now) || tier.level > tierGate(queue, member, now).open) continue;
      best = member;
      break;
    }
  }
  return best;
}

/** Tiers of free agents this caller may be offered to now, in tier order. */
function candidatesFor(member: MemberRt, open: number): TierRt[] {
  const queue = member.queue;
  return queue.freeTiers.filter((t) => t.level <= open && takesQueueCalls(t.agent, queue));
}

/** Runs the caller's strategy and rings what it picks; re-arms the tier-gate timer. */
function dispatchMember(ctx: Ctx, member: MemberRt): void {
  const gate = tierGate(member.queue, member, ctx.now);
  const candidates = candidatesFor(member, gate.open);
  if (candidates.length > 0) {
    const picked = strategyOf(member).select({ queue: member.queue, member, candidates, now: ctx.now, rng: ctx.s.rng });
    for (const tier of picked) startOffer(ctx, tier, member);
  }
  const timers = member.timers;
  if (timers.gate?.at !== gate.nextAt) {
    timers.gate = cancelTimer(timers.gate);
    if (gate.nextAt !== null) timers.gate = ctx.s.timers.schedule(gate.nextAt, { kind: 'gate', member });
  }
}
