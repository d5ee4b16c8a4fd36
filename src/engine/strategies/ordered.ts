// Strategies that take the single agent first in an ORDER BY (mod_callcenter §5).
import type { Compare, Strategy } from './types.js';
import { lowest } from './types.js';
import type { TierRt } from '../state.js';

function orderedBy(compare: (now: number) => Compare): Strategy {
  return { concurrency: 'one', select: ({ candidates, now }) => lowest(candidates, compare(now)) };
}

/** Answered calls of this agent in this queue within the window ending now. */
export function callsInWindow(tier: TierRt, now: number): number {
  const since = now - tier.queue.config.callWindowSeconds * 1000;
  const times = tier.answeredAt;
  while (times.length > 0 && (times[0] as number) <= since) times.shift();
  return times.length;
}

/** ORDER BY level, lastBridgeEnd, position. */
export const longestIdleAgent = orderedBy(
  () => (a, b) => a.level - b.level || a.agent.lastBridgeEndAt - b.agent.lastBridgeEndAt || a.position - b.position,
);
/** ORDER BY level, talk time, position. */
export const leastTalkTime = orderedBy(
  () => (a, b) => a.level - b.level || a.agent.talkSeconds - b.agent.talkSeconds || a.position - b.position,
);
/** ORDER BY level, calls answered, position. */
export const fewestCalls = orderedBy(
  () => (a, b) => a.level - b.level || a.agent.callsAnswered - b.agent.callsAnswered || a.position - b.position,
);
/** ORDER BY level, position, last offered (also the tail of top-down's and round-robin's). */
export const byLevelPositionLastOffered: Compare = (a, b) =>
  a.level - b.level || a.position - b.position || a.agent.lastOfferedAt - b.agent.lastOfferedAt;
export const sequentiallyByAgentOrder = orderedBy(() => byLevelPositionLastOffered);
/** ORDER BY calls answered in this queue in the window, level, position. */
export const fewestCallsInWindow = orderedBy(
  (now) => (a, b) => callsInWindow(a, now) - callsInWindow(b, now) || a.level - b.level || a.position - b.position,
);
