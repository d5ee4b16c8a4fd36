/** An append-only list that tests can wait on: each wait is bounded and rejects with a message saying what was missing. */
export class WatchedList<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<(item: T) => void>();

  push(item: T): void {
    this.items.push(item);
    for (const waiter of [...this.waiters]) waiter(item);
  }

  /** The first item (already there or future) that `select` maps to a value. */
  waitFor<R>(select: (item: T) => R | undefined, timeoutMs: number, timeoutError: () => Error): Promise<R> {
    for (const item of this.items) {
      const found = select(item);
      if (found !== undefined) return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const waiter = (item: T): void => {
        const found = select(item);
        if (found === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(timeoutError());
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
