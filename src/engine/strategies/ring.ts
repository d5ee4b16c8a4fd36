// Strategies that ring several agents for one caller; the first to answer wins.
import type { Strategy } from './types.js';

/** Every eligible agent; agents becoming eligible while the caller waits are added. */
export const ringAll: Strategy = { concurrency: 'all', select: ({ candidates }) => [...candidates] };

/** One more agent, the first in (level, position), every ringProgressivelyDelaySeconds. */
export const ringProgressively: Strategy = { concurrency: 'progressive', select: ({ candidates }) => candidates.slice(0, 1) };

/** Up to ringN agents at once in (level, position) order. */
export const ringNOrdered: Strategy = {
  concurrency: 'n',
  select: ({ candidates, member, queue }) => candidates.slice(0, Math.max(0, queue.config.ringN - member.offers.size)),
};
