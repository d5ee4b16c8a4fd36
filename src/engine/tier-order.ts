// Tier order (level, position, agent id) and cursors in it.
import type { TierKey, TierRt } from './state.js';

export function keyBefore(a: TierKey, b: TierKey): boolean {
  if (a.level !== b.level) return a.level < b.level;
  if (a.position !== b.position) return a.position < b.position;
  return a.agentId < b.agentId;
}

export function tierKey(tier: TierRt): TierKey {
  return { level: tier.level, position: tier.position, agentId: tier.agent.config.id };
}

export function tierBefore(a: TierRt, b: TierRt): boolean {
  if (a.level !== b.level) return a.level < b.level;
  if (a.position !== b.position) return a.position < b.position;
  return a.agent.config.id < b.agent.config.id;
}
