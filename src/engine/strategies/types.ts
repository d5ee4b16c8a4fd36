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

/** A sort key; compared element by element, lower first. */
export type SortKey = readonly number[];

export function keyLess(a: SortKey, b: SortKey): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== y) return x < y;
  }
  return false;
}

/** The first candidate with the lowest key (candidates come in tier order, which breaks ties). */
export function lowest(candidates: readonly TierRt[], key: (t: TierRt) => SortKey): TierRt[] {
  let best: TierRt | null = null;
  let bestKey: SortKey = [];
  for (const t of candidates) {
    const k = key(t);
    if (best === null || keyLess(k, bestKey)) {
      best = t;
      bestKey = k;
    }
  }
  return best === null ? [] : [best];
}

/** The first `n` candidates by key (stable: tier order breaks ties). */
export function lowestN(candidates: readonly TierRt[], n: number, key: (t: TierRt) => SortKey): TierRt[] {
  const keyed = candidates.map((t, i) => ({ t, k: [...key(t), i] }));
  keyed.sort((a, b) => (keyLess(a.k, b.k) ? -1 : keyLess(b.k, a.k) ? 1 : 0));
  return keyed.slice(0, Math.max(0, n)).map((e) => e.t);
}
