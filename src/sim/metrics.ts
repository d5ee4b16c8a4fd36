// What a simulation measures, per queue and overall, from the calls as they finish.
// Definitions (docs/simulator.md): service level and P(wait) are fractions of answered calls; a
// call "waited" when the offer that connected it started after the call arrived (queue time, not
// the ring of the agent who answered); waits run from arrival to answer, ring time included.
import { BatchMeans } from './confidence.js';

export type CallOutcome = 'answered' | 'abandoned' | 'timed-out' | 'exited' | 'refused';

export interface FinishedCall {
  readonly queue: string;
  /** 0 for the first call that arrived, 1 for the second... */
  readonly arrivalIndex: number;
  readonly outcome: CallOutcome;
  /** Virtual epoch ms of arrival. */
  readonly arrivedAt: number;
  /** Arrival to answer (answered) or to leaving (others), ms; 0 for refused calls. */
  readonly waitMs: number;
  /** Answered calls: whether the call queued before the offer that connected it. */
  readonly waited: boolean;
}

export interface CallMetrics {
  /** Calls that entered the queue, finished or not (refused calls are not offered). */
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly timedOut: number;
  readonly exited: number;
  readonly refused: number;
  /** Fraction of answered calls answered within the threshold; null with no answered call. */
  readonly serviceLevel: number | null;
  /** Mean wait of answered calls, seconds. */
  readonly asaSeconds: number | null;
  /** Fraction of answered calls that queued at all. */
  readonly pWait: number | null;
  /** Fraction of offered calls abandoned. */
  readonly abandonRate: number | null;
  /** Longest wait of any call, answered or not (callers still waiting at the end: so far), seconds. */
  readonly maxWaitSeconds: number;
  /** Half-widths of the 95 % confidence intervals (confidence.ts); null with too few answered calls. */
  readonly confidence: {
    readonly serviceLevel: number | null;
    readonly asaSeconds: number | null;
    readonly pWait: number | null;
  };
}

export class CallTally {
  private readonly counts: Record<CallOutcome, number> = { answered: 0, abandoned: 0, 'timed-out': 0, exited: 0, refused: 0 };
  private readonly withinThreshold = new BatchMeans();
  private readonly waited = new BatchMeans();
  private readonly waitSeconds = new BatchMeans();
  private maxWaitMs = 0;
  private entered = 0;

  /** `calls`: how many calls the run offers in all, to place each call in its batch. */
  constructor(
    private readonly slThresholdMs: number,
    private readonly calls: number,
  ) {}

  /** A caller entered the queue (ENTERQUEUE). */
  enter(): void {
    this.entered++;
  }

  /** A caller still waiting when the run ends: its wait so far counts for the longest wait. */
  stillWaiting(waitMs: number): void {
    this.maxWaitMs = Math.max(this.maxWaitMs, waitMs);
  }

  record(call: FinishedCall): void {
    this.counts[call.outcome]++;
    this.stillWaiting(call.waitMs);
    if (call.outcome !== 'answered') return;
    const position = call.arrivalIndex / this.calls;
    this.withinThreshold.add(position, call.waitMs <= this.slThresholdMs ? 1 : 0);
    this.waited.add(position, call.waited ? 1 : 0);
    this.waitSeconds.add(position, call.waitMs / 1000);
  }

  metrics(): CallMetrics {
    const { answered, abandoned, refused } = this.counts;
    const offered = this.entered;
    return {
      offered,
      answered,
      abandoned,
      timedOut: this.counts['timed-out'],
      exited: this.counts.exited,
      refused,
      serviceLevel: this.withinThreshold.mean(),
      asaSeconds: this.waitSeconds.mean(),
      pWait: this.waited.mean(),
      abandonRate: offered === 0 ? null : abandoned / offered,
      maxWaitSeconds: this.maxWaitMs / 1000,
      confidence: {
        serviceLevel: this.withinThreshold.halfWidth95(),
        asaSeconds: this.waitSeconds.halfWidth95(),
        pWait: this.waited.halfWidth95(),
      },
    };
  }
}

/**
 * Agents' busy time (talk + wrap-up) inside a measurement window that starts at the simulation's
 * start and ends at the last arrival, so the drain after the last arrival does not dilute it.
 */
export class BusyWindow {
  private totalMs = 0;
  private end: number | null = null;

  constructor(private readonly start: number) {}

  /** Closes the window (at the last arrival); intervals that end later are cut there. */
  closeAt(at: number): void {
    this.end = at;
  }

  add(from: number, to: number): void {
    const end = this.end === null ? to : Math.min(to, this.end);
    this.totalMs += Math.max(0, end - Math.max(from, this.start));
  }

  /** Length of the window, ending at `openEnd` if it was never closed. */
  spanMs(openEnd: number): number {
    return (this.end ?? openEnd) - this.start;
  }

  /** Busy fraction of `agents` over the window; null when the window is empty. */
  occupancy(agents: number, openEnd: number): number | null {
    const span = this.spanMs(openEnd);
    return span <= 0 || agents === 0 ? null : this.totalMs / (agents * span);
  }
}
