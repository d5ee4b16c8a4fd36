/** Timers of the double, tracked so `stop()` leaves nothing behind that keeps the test process alive. */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly immediates = new Set<NodeJS.Immediate>();

  after(ms: number, run: () => void): () => void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  /** After the current I/O and promise callbacks: keeps FreeSWITCH's "A then later B" event orders. */
  soon(run: () => void): void {
    const immediate = setImmediate(() => {
      this.immediates.delete(immediate);
      run();
    });
    this.immediates.add(immediate);
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    for (const immediate of this.immediates) clearImmediate(immediate);
    this.timers.clear();
    this.immediates.clear();
  }
}
