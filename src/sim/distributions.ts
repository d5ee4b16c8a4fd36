// Durations the simulator draws: handle times, ring delays, caller patience. All in seconds.
import type { Random } from './prng.js';

export type Distribution =
  | { readonly kind: 'fixed'; readonly seconds: number }
  | { readonly kind: 'exponential'; readonly meanSeconds: number }
  | { readonly kind: 'uniform'; readonly minSeconds: number; readonly maxSeconds: number };

export const DISTRIBUTION_KINDS = ['fixed', 'exponential', 'uniform'] as const satisfies readonly Distribution['kind'][];

/** One draw, in seconds. */
export function draw(distribution: Distribution, random: Random): number {
  switch (distribution.kind) {
    case 'fixed':
      return distribution.seconds;
    case 'exponential':
      // 1 − u is in (0, 1], so the logarithm is finite.
      return -Math.log(1 - random.next()) * distribution.meanSeconds;
    case 'uniform':
      return distribution.minSeconds + random.next() * (distribution.maxSeconds - distribution.minSeconds);
  }
}
