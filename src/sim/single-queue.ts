// The scenario `lineup simulate` builds from flags: one queue, N identical static agents.
import { defaultQueueConfig, type StrategyName } from '../engine/index.js';
import type { Distribution } from './distributions.js';
import { scenarioAgent, type Scenario } from './scenario.js';

export const HANDLE_TIME_KINDS = ['exponential', 'fixed'] as const;
export type HandleTimeKind = (typeof HANDLE_TIME_KINDS)[number];

export interface SingleQueueOptions {
  readonly agents: number;
  readonly callsPerHour: number;
  readonly ahtSeconds: number;
  readonly handleTime: HandleTimeKind;
  readonly strategy: StrategyName;
  /** Fixed time from offer to answer. */
  readonly ringDelaySeconds: number;
  readonly wrapUpSeconds: number;
  /** Mean of exponential caller patience; null: callers never give up. */
  readonly patienceSeconds: number | null;
  readonly noAnswerProbability: number;
  readonly calls: number;
  readonly seed: number;
  readonly slThresholdSeconds: number;
}

const SINGLE_QUEUE_NAME = 'queue';

export function singleQueueScenario(options: SingleQueueOptions): Scenario {
  const agents = Array.from({ length: options.agents }, (_, i) => scenarioAgent(`agent-${i + 1}`));
  const handleTime: Distribution =
    options.handleTime === 'fixed'
      ? { kind: 'fixed', seconds: options.ahtSeconds }
      : { kind: 'exponential', meanSeconds: options.ahtSeconds };
  return {
    queues: [{ ...defaultQueueConfig(SINGLE_QUEUE_NAME), strategy: options.strategy, wrapUpSeconds: options.wrapUpSeconds }],
    agents,
    tiers: agents.map((agent, i) => ({ queue: SINGLE_QUEUE_NAME, agentId: agent.id, level: 1, position: i + 1 })),
    arrivals: [
      {
        queue: SINGLE_QUEUE_NAME,
        callsPerHour: options.callsPerHour,
        handleTime,
        patience: options.patienceSeconds === null ? null : { kind: 'exponential', meanSeconds: options.patienceSeconds },
      },
    ],
    ringDelay: { kind: 'fixed', seconds: options.ringDelaySeconds },
    noAnswerProbability: options.noAnswerProbability,
    calls: options.calls,
    seed: options.seed,
    slThresholdSeconds: options.slThresholdSeconds,
  };
}
