// The strategy table, and when a caller may be offered to (more) agents.
import type { StrategyName } from '../model.js';
import type { MemberRt } from '../state.js';
import type { Strategy } from './types.js';
import { fewestCalls, fewestCallsInWindow, leastTalkTime, longestIdleAgent, sequentiallyByAgentOrder } from './ordered.js';
import { random, ringNRandom, weightedRandom } from './random.js';
import { ringAll, ringNOrdered, ringProgressively } from './ring.js';
import { linear, roundRobin, roundRobinMemory, topDown } from './cursor.js';

export const STRATEGY_TABLE: Readonly<Record<StrategyName, Strategy>> = {
  'ring-all': ringAll,
  'longest-idle-agent': longestIdleAgent,
  'round-robin': roundRobin,
  'top-down': topDown,
  'agent-with-least-talk-time': leastTalkTime,
  'agent-with-fewest-calls': fewestCalls,
  'sequentially-by-agent-order': sequentiallyByAgentOrder,
  random,
  'ring-progressively': ringProgressively,
  'round-robin-memory': roundRobinMemory,
  linear,
  'fewest-calls-in-window': fewestCallsInWindow,
  'weighted-random': weightedRandom,
  'ring-n-random': ringNRandom,
  'ring-n-ordered': ringNOrdered,
};

export function strategyOf(member: MemberRt): Strategy {
  return STRATEGY_TABLE[member.queue.config.strategy];
}

/** ring-progressively-delay: 0 means 10 s, as mod_callcenter. */
export function progressiveDelayMs(member: MemberRt): number {
  const seconds = member.queue.config.ringProgressivelyDelaySeconds;
  return (seconds > 0 ? seconds : 10) * 1000;
}

/** May this caller be offered to more agents now (automatic assignment)? */
export function wantsAgents(member: MemberRt, now: number): boolean {
  if (member.connectedTo !== null || member.timedOut || member.queue.config.assignment !== 'automatic') return false;
  const ringing = member.offers.size;
  switch (strategyOf(member).concurrency) {
    case 'one':
      return ringing === 0;
    case 'all':
      return true;
    case 'progressive':
      return ringing === 0 || now >= member.lastAddedAt + progressiveDelayMs(member);
    case 'n':
      return ringing < member.queue.config.ringN;
  }
}
