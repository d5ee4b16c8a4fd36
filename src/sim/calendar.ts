// The simulator's event calendar: a binary min-heap on (time, insertion order), so that events due
// at the same instant come out in the order they were scheduled and a run replays exactly.
// Parallel arrays instead of an entry object per event: a million-call run schedules millions.

export class Calendar<T> {
  private readonly times: number[] = [];
  private readonly seqs: number[] = [];
  private readonly items: T[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  schedule(at: number, item: T): void {
    this.times.push(at);
    this.seqs.push(this.seq++);
    this.items.push(item);
    this.siftUp(this.items.length - 1);
  }

  /** Time of the earliest event, or null when empty. */
  peekTime(): number | null {
    return this.times[0] ?? null;
  }

  /** Removes and returns the earliest event (due at peekTime()), or null when empty. */
  pop(): T | null {
    const item = this.items[0];
    if (item === undefined) return null;
    const lastIndex = this.items.length - 1;
    this.move(lastIndex, 0);
    this.times.pop();
    this.seqs.pop();
    this.items.pop();
    if (lastIndex > 0) this.siftDown(0);
    return item;
  }

  private before(a: number, b: number): boolean {
    const ta = this.times[a] as number;
    const tb = this.times[b] as number;
    return ta < tb || (ta === tb && (this.seqs[a] as number) < (this.seqs[b] as number));
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from] as number;
    this.seqs[to] = this.seqs[from] as number;
    this.items[to] = this.items[from] as T;
  }

  private swap(a: number, b: number): void {
    const time = this.times[a] as number;
    const seq = this.seqs[a] as number;
    const item = this.items[a] as T;
    this.move(b, a);
    this.times[b] = time;
    this.seqs[b] = seq;
    this.items[b] = item;
  }

  private siftUp(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(index: number): void {
    const length = this.items.length;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && this.before(right, left) ? right : left;
      if (!this.before(child, i)) break;
      this.swap(i, child);
      i = child;
    }
  }
}
