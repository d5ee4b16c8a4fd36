// A min-heap of deadlines with lazy deletion: cancelling marks the entry, and cancelled
// entries are dropped when they reach the top. Ties fire in scheduling order.

export interface TimerHandle {
  readonly at: number;
  cancelled: boolean;
}

interface Entry<T> extends TimerHandle {
  readonly seq: number;
  readonly payload: T;
}

export class TimerHeap<T> {
  private readonly heap: Entry<T>[] = [];
  private seq = 0;

  schedule(at: number, payload: T): TimerHandle {
    const entry: Entry<T> = { at, seq: this.seq++, payload, cancelled: false };
    this.heap.push(entry);
    this.siftUp(this.heap.length - 1);
    return entry;
  }

  /** Earliest live deadline, or null. */
  nextAt(): number | null {
    this.dropCancelled();
    return this.heap[0]?.at ?? null;
  }

  /** Removes and returns the earliest live payload due at `now`, or null. */
  popDue(now: number): T | null {
    this.dropCancelled();
    const top = this.heap[0];
    if (top === undefined || top.at > now) return null;
    this.removeTop();
    top.cancelled = true;
    return top.payload;
  }

  private dropCancelled(): void {
    while (this.heap[0]?.cancelled === true) this.removeTop();
  }

  private removeTop(): void {
    const last = this.heap.pop();
    if (last === undefined || this.heap.length === 0) return;
    this.heap[0] = last;
    this.siftDown(0);
  }

  private before(i: number, j: number): boolean {
    const a = this.heap[i] as Entry<T>;
    const b = this.heap[j] as Entry<T>;
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private swap(i: number, j: number): void {
    const a = this.heap[i] as Entry<T>;
    this.heap[i] = this.heap[j] as Entry<T>;
    this.heap[j] = a;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const n = this.heap.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let least = i;
      if (left < n && this.before(left, least)) least = left;
      if (right < n && this.before(right, least)) least = right;
      if (least === i) return;
      this.swap(i, least);
      i = least;
    }
  }
}

export function cancelTimer(handle: TimerHandle | null): null {
  if (handle !== null) handle.cancelled = true;
  return null;
}
