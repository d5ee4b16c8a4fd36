// Estimated wait (EWT) for a caller at position k.
//
// Model: the queue is served by N agents (tiered, status Available or Available (On Demand));
// F of them are free and eligible right now. Handle times (talk + wrap-up) are taken as
// exponential with mean H, so while all N are busy departures form a Poisson stream of rate
// N / H (the M/M/N picture). The first F callers are served at once; caller k needs k − F
// departures, whose expected time is (k − F) × H / N:
//
//     EWT_k = max(0, k − F) × H / N      (null when N = 0: nobody serves the queue)
//
// H is an exponentially weighted mean of the queue's completed calls (weight HANDLE_WEIGHT for
// the newest), starting at the queue's defaultHandleSeconds. Rounded to whole seconds.
import { takesQueueCalls } from './eligibility.js';
import type { QueueRt } from './state.js';

/** Weight of the newest call in the mean handle time. */
export const HANDLE_WEIGHT = 0.2;

export function estimatedWaitSeconds(position: number, serving: number, free: number, handleSeconds: number): number | null {
  if (serving <= 0) return null;
  return Math.round((Math.max(0, position - free) * handleSeconds) / serving);
}

export function recordHandleTime(queue: QueueRt, seconds: number): void {
  queue.handleSeconds += HANDLE_WEIGHT * (seconds - queue.handleSeconds);
}

/** Agents of the queue free to take one of its callers now (tier gates aside). */
export function freeAgents(queue: QueueRt): number {
  let free = 0;
  for (const tier of queue.freeTiers) if (takesQueueCalls(tier.agent, queue)) free++;
  return free;
}

export function queueWaitEstimate(queue: QueueRt, position: number): number | null {
  return estimatedWaitSeconds(position, queue.serving, freeAgents(queue), queue.handleSeconds);
}
