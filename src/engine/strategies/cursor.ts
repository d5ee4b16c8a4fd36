// Strategies that remember where they stopped.
import type { Strategy } from './types.js';
import { byLevelPositionLastOffered } from './ordered.js';
import { lowest } from './types.js';
import type { TierKey, TierRt } from '../state.js';
import { keyBefore, tierKey } from '../tier-order.js';

/** The first candidate strictly after `cursor` in tier order, wrapping to the top. */
function firstAfter(candidates: readonly TierRt[], cursor: TierKey | null): TierRt[] {
  const first = candidates[0];
  if (first === undefined) return [];
  const next = cursor === null ? first : candidates.find((t) => keyBefore(cursor, tierKey(t)));
  return [next ?? first];
}

/**
 * mod_callcenter top-down, per caller: continue below the (level, position) last offered;
 * when no ELIGIBLE agent is below it, start again from the top (the fix of issue #1216).
 */
export const topDown: Strategy = {
  concurrency: 'one',
  select: ({ candidates, member }) => {
    const cursor = member.cursor;
    const below =
      cursor === null
        ? candidates
        : candidates.filter((t) => t.level > cursor.level || (t.level === cursor.level && t.position > cursor.position));
    const pool = below.length > 0 ? below : candidates;
    return lowest(pool, byLevelPositionLastOffered);
  },
};

/**
 * mod_callcenter round-robin: the cursor is the queue's agent offered most recently (by any
 * queue); first the agents after it at its level, else everyone by (level, position, last offered).
 */
export const roundRobin: Strategy = {
  concurrency: 'one',
  select: ({ candidates, queue }) => {
    let last: TierRt | null = null;
    for (const t of queue.tiers) {
      if (t.agent.lastOfferedAt > 0 && (last === null || t.agent.lastOfferedAt > last.agent.lastOfferedAt)) last = t;
    }
    const after = last === null ? [] : candidates.filter((t) => t.level === last.level && t.position > last.position);
    const pool = after.length > 0 ? after : candidates;
    return lowest(pool, byLevelPositionLastOffered);
  },
};

/** Asterisk rrmemory: the next agent after the last one rung in this queue, wrapping. */
export const roundRobinMemory: Strategy = {
  concurrency: 'one',
  select: ({ candidates, queue }) => firstAfter(candidates, queue.lastRung),
};

/** Asterisk linear: every caller starts at the top; after a failure it moves on down, wrapping. */
export const linear: Strategy = {
  concurrency: 'one',
  select: ({ candidates, member }) => firstAfter(candidates, member.cursor),
};
