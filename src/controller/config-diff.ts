// What changed between two readings of the configuration tables, as engine inputs in an order the
// engine accepts: queues and agents before the tiers that name them, tiers removed before the
// queues and agents they hang on.
import type { AgentConfig, Input, QueueConfig, TierConfig } from '../engine/index.js';

export interface ConfigTables {
  readonly queues: readonly QueueConfig[];
  readonly agents: readonly AgentConfig[];
  readonly tiers: readonly TierConfig[];
}

export const EMPTY_CONFIG: ConfigTables = { queues: [], agents: [], tiers: [] };

const tierKey = (tier: TierConfig): string => `${tier.queue}\u0000${tier.agentId}`;

/** Records keyed by identity, compared by value (rows are plain data, so JSON is a faithful comparison). */
function changes<T>(before: readonly T[], after: readonly T[], key: (record: T) => string) {
  const previous = new Map(before.map((record) => [key(record), JSON.stringify(record)]));
  const current = new Set(after.map(key));
  return {
    upserted: after.filter((record) => previous.get(key(record)) !== JSON.stringify(record)),
    removed: before.filter((record) => !current.has(key(record))),
  };
}

export function configChanges(before: ConfigTables, after: ConfigTables): Input[] {
  const queues = changes(before.queues, after.queues, (queue) => queue.name);
  const agents = changes(before.agents, after.agents, (agent) => agent.id);
  const tiers = changes(before.tiers, after.tiers, tierKey);
  return [
    ...queues.upserted.map((queue): Input => ({ kind: 'queue-upserted', queue })),
    ...agents.upserted.map((agent): Input => ({ kind: 'agent-upserted', agent })),
    ...tiers.removed.map((tier): Input => ({ kind: 'tier-removed', queue: tier.queue, agentId: tier.agentId })),
    ...tiers.upserted.map((tier): Input => ({ kind: 'tier-upserted', tier })),
    ...agents.removed.map((agent): Input => ({ kind: 'agent-removed', agentId: agent.id })),
    ...queues.removed.map((queue): Input => ({ kind: 'queue-removed', queue: queue.name })),
  ];
}
