// An independent reading of the rules, from the outside (snapshots and the test's own record of
// the configuration), used by property tests to check the engine.
import type { AgentSnapshot, EngineSnapshot, MemberSnapshot, QueueConfig, TierConfig } from '../../../src/engine/index.js';

export interface World {
  readonly queues: Map<string, QueueConfig>;
  /** Tiers by `${queue}/${agentId}`. */
  readonly tiers: Map<string, TierConfig>;
}

/** Highest level open for a caller who joined at `joinedAt` (mod_callcenter §4, written from the spec). */
export function openLevel(world: World, snap: EngineSnapshot, queue: QueueConfig, joinedAt: number, now: number): number {
  if (!queue.tierRulesApply) return Infinity;
  const status = new Map(snap.agents.map((a) => [a.id, a.status]));
  const rows = [...world.tiers.values()]
    .filter((t) => t.queue === queue.name && status.get(t.agentId) !== undefined && status.get(t.agentId) !== 'Logged Out')
    .sort((a, b) => a.level - b.level);
  let cur = 0;
  let count = 0;
  const waited = now - joinedAt;
  for (const row of rows) {
    if (row.level > cur) {
      const need = queue.tierRuleWaitMultiplyLevel ? row.level * queue.tierRuleWaitSeconds : queue.tierRuleWaitSeconds;
      if (queue.tierRuleNoAgentNoWait && count === 0) cur = row.level;
      else if (waited >= need * 1000) {
        cur = row.level;
        count = 0;
      } else return cur;
    }
    count++;
  }
  return Infinity;
}

/** Could this agent be offered this caller now (all checks of §3.4 plus the tier gate)? */
export function eligible(world: World, snap: EngineSnapshot, agent: AgentSnapshot, member: MemberSnapshot, now: number): boolean {
  const queue = world.queues.get(member.queue);
  const tier = world.tiers.get(`${member.queue}/${agent.id}`);
  if (queue === undefined || tier === undefined) return false;
  return (
    (agent.status === 'Available' || agent.status === 'Available (On Demand)') &&
    agent.state === 'Waiting' &&
    (agent.wrapUpUntil === null || agent.wrapUpUntil <= now) &&
    agent.readyAt <= now &&
    !(queue.skipAgentsWithExternalCalls && agent.externalCalls > 0) &&
    tier.level <= openLevel(world, snap, queue, member.joinedAt, now)
  );
}
