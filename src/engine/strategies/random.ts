// Strategies drawing from the engine's seeded PRNG.
import type { Strategy } from './types.js';
import { lowest, lowestN } from './types.js';

/** mod_callcenter random: ORDER BY level, random(). */
export const random: Strategy = {
  concurrency: 'one',
  select: ({ candidates, rng }) => lowest(candidates, (t) => [t.level, rng()]),
};

/** Asterisk wrandom: each agent draws rng() * (level + 1) * 1000; the lowest draw wins. */
export const weightedRandom: Strategy = {
  concurrency: 'one',
  select: ({ candidates, rng }) => lowest(candidates, (t) => [rng() * (t.level + 1) * 1000]),
};

/** 3CX hunt by threes: up to ringN agents at once, lowest level first, random within a level. */
export const ringNRandom: Strategy = {
  concurrency: 'n',
  select: ({ candidates, member, queue, rng }) =>
    lowestN(candidates, queue.config.ringN - member.offers.size, (t) => [t.level, rng()]),
};
