// Erlang C (M/M/N): Poisson arrivals, exponential handle times, N identical agents, callers who
// never give up, served in order. The model a simulation with those assumptions must agree with,
// and the staffing calculator behind `lineup erlang`.
// Formulas: /work/shared/reference/queue-products-and-metrics.md §3.6.

export interface ErlangLoad {
  /** Offered traffic A = λ·h, in Erlangs. */
  readonly trafficErlangs: number;
  /** Mean handle time h, seconds. */
  readonly handleSeconds: number;
}

export interface StaffingRow {
  readonly agents: number;
  /** A / N. */
  readonly occupancy: number;
  /** Probability that a caller waits at all, C(N, A). */
  readonly pWait: number;
  /** Mean wait over all callers, seconds. */
  readonly asaSeconds: number;
  /** Fraction of callers answered within the threshold. */
  readonly serviceLevel: number;
  /** Mean number of callers waiting. */
  readonly meanQueueLength: number;
}

export function trafficErlangs(callsPerHour: number, handleSeconds: number): number {
  return (callsPerHour * handleSeconds) / 3600;
}

/** Erlang B, the blocking probability of N servers, by the recursion B_k = A·B_{k−1} / (k + A·B_{k−1}). */
export function erlangB(agents: number, traffic: number): number {
  let b = 1;
  for (let k = 1; k <= agents; k++) b = (traffic * b) / (k + traffic * b);
  return b;
}

/** C(N, A): probability of waiting; 1 when the queue is unstable (A ≥ N). */
export function erlangC(agents: number, traffic: number): number {
  if (traffic >= agents) return 1;
  if (traffic <= 0) return 0;
  const b = erlangB(agents, traffic);
  return (agents * b) / (agents - traffic * (1 - b));
}

/** Mean wait over all callers, seconds; Infinity when unstable. */
export function averageSpeedOfAnswer(agents: number, load: ErlangLoad): number {
  if (load.trafficErlangs >= agents) return Infinity;
  return (erlangC(agents, load.trafficErlangs) * load.handleSeconds) / (agents - load.trafficErlangs);
}

/** P(wait ≤ threshold); 0 when unstable. */
export function serviceLevel(agents: number, load: ErlangLoad, thresholdSeconds: number): number {
  const a = load.trafficErlangs;
  if (a >= agents) return 0;
  return 1 - erlangC(agents, a) * Math.exp((-(agents - a) * thresholdSeconds) / load.handleSeconds);
}

/** Mean number of callers waiting, Lq; Infinity when unstable. */
export function meanQueueLength(agents: number, traffic: number): number {
  if (traffic >= agents) return Infinity;
  return (erlangC(agents, traffic) * traffic) / (agents - traffic);
}

export function staffingRow(agents: number, load: ErlangLoad, thresholdSeconds: number): StaffingRow {
  return {
    agents,
    occupancy: Math.min(1, load.trafficErlangs / agents),
    pWait: erlangC(agents, load.trafficErlangs),
    asaSeconds: averageSpeedOfAnswer(agents, load),
    serviceLevel: serviceLevel(agents, load, thresholdSeconds),
    meanQueueLength: meanQueueLength(agents, load.trafficErlangs),
  };
}

/** The fewest agents with a stable queue: the smallest integer above A. */
export function minimumStableAgents(traffic: number): number {
  return Math.floor(traffic) + 1;
}

export interface StaffingTarget {
  /** Fraction in (0, 1): answered within thresholdSeconds. */
  readonly serviceLevel: number;
  readonly thresholdSeconds: number;
  /** Optional: the ASA must also be at most this, seconds. */
  readonly maxAsaSeconds?: number;
}

/**
 * The fewest agents meeting the target. SL rises and ASA falls monotonically with N (to 1 and 0),
 * so a doubling then bisecting search finds it in O(N log N) even for thousands of Erlangs.
 */
export function agentsNeeded(load: ErlangLoad, target: StaffingTarget): number {
  let low = minimumStableAgents(load.trafficErlangs);
  if (meetsTarget(low, load, target)) return low;
  let high = low * 2;
  while (!meetsTarget(high, load, target)) {
    low = high;
    high *= 2;
  }
  // Invariant: low misses the target, high meets it.
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (meetsTarget(middle, load, target)) high = middle;
    else low = middle;
  }
  return high;
}

function meetsTarget(agents: number, load: ErlangLoad, target: StaffingTarget): boolean {
  if (serviceLevel(agents, load, target.thresholdSeconds) < target.serviceLevel) return false;
  return target.maxAsaSeconds === undefined || averageSpeedOfAnswer(agents, load) <= target.maxAsaSeconds;
}
