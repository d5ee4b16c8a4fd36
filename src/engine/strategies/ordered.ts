// Strategies that take the single agent with the lowest key (mod_callcenter ORDER BY, §5).
import type { Strategy, SortKey } from './types.js';
import { lowest } from './types.js';
import type { TierRt } from '../state.js';

function orderedBy(key: (t: TierRt, now: number) => SortKey): Strategy {
  return { concurrency: 'one', select: ({ candidates, now }) => lowest(candidates, (t) => key(t, now)) };
}

/** Answered calls of this agent in this queue within the window ending now. */
export function callsInWindow(tier: TierRt, now: number): number {
  const since = now - tier.queue.config.callWindowSeconds * 1000;
  const times = tier.answeredAt;
  while (times.length > 0 && (times[0] as number) <= since) times.shift();
  return times.length;
}

export const longestIdleAgent = orderedBy((t) => [t.level, t.agent.lastBridgeEndAt, t.position]);
export const leastTalkTime = orderedBy((t) => [t.level, t.agent.talkSeconds, t.position]);
export const fewestCalls = orderedBy((t) => [t.level, t.agent.callsAnswered, t.position]);
export const sequentiallyByAgentOrder = orderedBy((t) => [t.level, t.position, t.agent.lastOfferedAt]);
export const fewestCallsInWindow = orderedBy((t, now) => [callsInWindow(t, now), t.level, t.position]);
