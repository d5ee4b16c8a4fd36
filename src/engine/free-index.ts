// The per-queue index of free agents' tiers, so dispatch looks only at agents that can take a
// call. An agent's `free` flag is recomputed after every change that can affect it.
import { agentFree } from './eligibility.js';
import { insertSorted, removeSorted } from './sorted.js';
import type { AgentRt, TierRt } from './state.js';
import { tierBefore } from './tier-order.js';

export function refreshFree(agent: AgentRt, now: number): void {
  const free = agentFree(agent, now);
  if (free === agent.free) return;
  agent.free = free;
  for (const tier of agent.tiers.values()) place(tier, free);
}

function place(tier: TierRt, present: boolean): void {
  if (present) insertSorted(tier.queue.freeTiers, tier, tierBefore);
  else removeSorted(tier.queue.freeTiers, tier, tierBefore);
}

/** Puts a tier in (true) or out of (false) its queue's free index, when its agent is free. */
export function indexTier(tier: TierRt, present: boolean): void {
  if (tier.agent.free) place(tier, present);
}
