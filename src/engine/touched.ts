// Which rows of the engine's state an input may have changed, read off the input and its events:
// a mirror of the state (agent_live / caller_live) rewrites these rows instead of comparing all of them.
// A property test checks the claim: a mirror fed only these rows always equals the whole snapshot.
import type { Input } from './inputs.js';
import type { Outcome } from './outcome.js';

export interface Touched {
  readonly agentIds: ReadonlySet<string>;
  readonly callIds: ReadonlySet<string>;
  /** Queues whose callers may have moved: each one's positions are re-read. */
  readonly queues: ReadonlySet<string>;
}

interface Ids {
  readonly kind?: string; // so that every input type fits (TypeScript refuses a type with no shared property)
  readonly agentId?: string | null;
  readonly callId?: string | null;
  readonly queue?: string | null;
}

export function touchedBy(input: Input, outcome: Outcome): Touched {
  const agentIds = new Set<string>();
  const callIds = new Set<string>();
  const queues = new Set<string>();
  const add = (ids: Ids): void => {
    if (typeof ids.agentId === 'string') agentIds.add(ids.agentId);
    if (typeof ids.callId === 'string') callIds.add(ids.callId);
    if (typeof ids.queue === 'string') queues.add(ids.queue);
  };
  if (outcome.error === null) {
    if (input.kind === 'agent-upserted') agentIds.add(input.agent.id);
    else if (input.kind === 'tier-upserted') add(input.tier);
    else if (input.kind !== 'queue-upserted' && input.kind !== 'timer') add(input);
  }
  for (const event of outcome.events) add(event);
  return { agentIds, callIds, queues };
}
