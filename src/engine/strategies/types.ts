// What a strategy sees and decides.
import type { Rng } from '../rng.js';
import type { MemberRt, QueueRt, TierRt } from '../state.js';

export interface SelectInput {
  readonly queue: QueueRt;
  readonly member: MemberRt;
  /** Tiers of free agents the caller may be offered to now (gate open, not ringing), in tier order. */
  readonly candidates: readonly TierRt[];
  readonly now: number;
  readonly rng: Rng;
}

/**
 * How many agents ring at once for one caller: one at a time; every eligible agent;
 * one more per ring-progressively delay; up to ringN.
 */
export type Concurrency = 'one' | 'all' | 'progressive' | 'n';

export interface Strategy {
  readonly concurrency: Concurrency;
  /** The agents to ring now (empty only when there are no candidates). */
  select(input: SelectInput): TierRt[];
}

/** Negative when `a` comes first (an ORDER BY as a comparator). */
export type Compare = (a: TierRt, b: TierRt) => number;

/** The first candidate that no other comes before (candidates come in tier order, which breaks ties). */
export function lowest(candidates: readonly TierRt[], compare: Compare): TierRt[] {
  let best: TierRt | undefined;
  for (const t of candidates) if (best === undefined || compare(t, best) < 0) best = t;
  return best === undefined ? [] : [best];
}

/** The candidate with the lowest (level, rng()) draw, one draw per candidate in tier order. */
export function lowestDraw(candidates: readonly TierRt[], draw: (t: TierRt) => number, byLevel: boolean): TierRt[] {
  let best: TierRt | undefined;
  let bestDraw = Infinity;
  for (const t of candidates) {
    const d = draw(t);
    const before = best === undefined || (byLevel && t.level !== best.level ? t.level < best.level : d < bestDraw);
    if (before) {
      best = t;
      bestDraw = d;
    }
  }
  return best === undefined ? [] : [best];
}
