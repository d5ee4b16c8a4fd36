// Strategies drawing from the engine's seeded PRNG.
import type { Strategy } from './types.js';
import { lowestDraw } from './types.js';
import type { TierRt } from '../state.js';

/** mod_callcenter random: ORDER BY level, random(). */
export const random: Strategy = {
  concurrency: 'one',
  select: ({ candidates, rng }) => lowestDraw(candidates, () => rng(), true),
};

/** Asterisk wrandom: each agent draws rng() * (level + 1) * 1000; the lowest draw wins. */
export const weightedRandom: Strategy = {
  concurrency: 'one',
  select: ({ candidates, rng }) => lowestDraw(candidates, (t) => rng() * (t.level + 1) * 1000, false),
};

/** 3CX hunt by threes: up to ringN agents at once, lowest level first, random within a level. */
export const ringNRandom: Strategy = {
  concurrency: 'n',
  select: ({ candidates, member, queue, rng }) => {
    const drawn = candidates.map((tier) => ({ tier, draw: rng() }));
    drawn.sort((a, b) => a.tier.level - b.tier.level || a.draw - b.draw);
    return drawn.slice(0, Math.max(0, queue.config.ringN - member.offers.size)).map((d): TierRt => d.tier);
  },
};
