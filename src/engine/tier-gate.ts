// mod_callcenter tier rules (§4), computed per caller from per-level counts of logged-in
// agents instead of walking agent rows. The walk visits levels in ascending order:
//   cur = 0, count = 0; for each level L (with logged-in agents) above cur:
//     no-agent-no-wait and count == 0      -> open L
//     multiply-level and wait >= L * W     -> open L, count = 0
//     not multiply-level and wait >= W     -> open L, count = 0
//     otherwise                            -> stop: levels above cur stay closed
//   count += the logged-in agents of L (eligible or not).
// So with no-agent-no-wait=false even level 1 waits W (only level 0 rings at once).
import type { MemberRt, QueueRt } from './state.js';

export interface Gate {
  /** Highest open level (Infinity: all). */
  readonly open: number;
  /** When the next closed level opens by time (epoch ms), or null. */
  readonly nextAt: number | null;
}

const ALL_OPEN: Gate = { open: Infinity, nextAt: null };

export function sortedLevels(queue: QueueRt): readonly number[] {
  if (queue.levelsCache === null) {
    queue.levelsCache = [...queue.loggedInByLevel.keys()].sort((a, b) => a - b);
  }
  return queue.levelsCache;
}

export function tierGate(queue: QueueRt, member: MemberRt, now: number): Gate {
  const c = queue.config;
  if (!c.tierRulesApply) return ALL_OPEN;
  const stepMs = c.tierRuleWaitSeconds * 1000;
  let cur = 0;
  let count = 0;
  for (const level of sortedLevels(queue)) {
    if (level > cur) {
      const opensAt = member.joinedAt + (c.tierRuleWaitMultiplyLevel ? level * stepMs : stepMs);
      if (c.tierRuleNoAgentNoWait && count === 0) {
        cur = level;
      } else if (now >= opensAt) {
        cur = level;
        count = 0;
      } else {
        return { open: cur, nextAt: opensAt };
      }
    }
    count += queue.loggedInByLevel.get(level) ?? 0;
  }
  return ALL_OPEN;
}
