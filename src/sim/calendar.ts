// The simulator's event calendar: a binary min-heap on (time, insertion order), so that events due
// at the same instant come out in the order they were scheduled and a run replays exactly.

interface Entry<T> {
  readonly at: number;
  readonly seq: number;
  readonly item: T;
}

export class Calendar<T> {
  private readonly heap: Entry<T>[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  schedule(at: number, item: T): void {
    this.heap.push({ at, seq: this.seq++, item });
    this.siftUp(this.heap.length - 1);
  }

  /** Time of the earliest event, or null when empty. */
  peekTime(): number | null {
    return this.heap[0]?.at ?? null;
  }

  /** Removes and returns the earliest event, or null when empty. */
  pop(): { readonly at: number; readonly item: T } | null {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top === undefined || last === undefined) return null;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    const entry = heap[index] as Entry<T>;
    let i = index;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = heap[parentIndex] as Entry<T>;
      if (!before(entry, parent)) break;
      heap[i] = parent;
      i = parentIndex;
    }
    heap[i] = entry;
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    const length = heap.length;
    const entry = heap[index] as Entry<T>;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && before(heap[right] as Entry<T>, heap[left] as Entry<T>)) child = right;
      const childEntry = heap[child] as Entry<T>;
      if (!before(childEntry, entry)) break;
      heap[i] = childEntry;
      i = child;
    }
    heap[i] = entry;
  }
}

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
