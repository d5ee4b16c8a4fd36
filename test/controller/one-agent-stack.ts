// A stack with one top-down queue served by one available agent, for tests about how a single call ends.
import type { AgentConfig } from '../../src/engine/index.js';
import { startStack, type Stack, type StackOptions } from './stack.js';

export async function startOneAgentStack(queue: string, agentId: string, options: { readonly stack?: StackOptions; readonly agent?: Partial<AgentConfig> } = {}): Promise<Stack> {
  const stack = await startStack(options.stack);
  await stack.addQueue(queue, { strategy: 'top-down' });
  await stack.addAgent(agentId, options.agent);
  const tier = { queue, agentId, level: 1, position: 1 };
  await stack.addTier(tier);
  await stack.configured({ queues: [queue], agents: [agentId], tiers: [tier] });
  stack.setStatus(agentId, 'Available');
  return stack;
}
