import type { Scheduler } from './scheduler.js';

export interface ReplyPacingOptions {
  /** Added to every api/response and BACKGROUND_JOB. */
  readonly delayMs: number;
  /** Up to this much more, drawn per reply. */
  readonly jitterMs: number;
  /** Draws in [0, 1) for the jitter. */
  readonly random: () => number;
}

/** How late replies to commands go out: a busy FreeSWITCH runs the command but answers late. */
export class ReplyPacing {
  constructor(
    private readonly options: ReplyPacingOptions,
    private readonly scheduler: Scheduler,
  ) {}

  /** Resolves when the next reply is due (at once without delay or jitter). */
  wait(): Promise<void> {
    const ms = this.options.delayMs + this.options.random() * this.options.jitterMs;
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => this.scheduler.after(ms, resolve));
  }
}
