// A map that remembers at most `capacity` recent keys (oldest forgotten first), used to tell
// stale inputs from unknown ones. Eviction order lives in a ring of keys, so adding is O(1)
// even after many deletions.

export class BoundedMemory<V> {
  private readonly entries = new Map<string, V>();
  private readonly ring: (string | undefined)[];
  private next = 0;

  constructor(private readonly capacity: number) {
    this.ring = new Array<string | undefined>(capacity);
  }

  set(key: string, value: V): void {
    const evicted = this.ring[this.next];
    if (evicted !== undefined && evicted !== key) this.entries.delete(evicted);
    this.ring[this.next] = key;
    this.next = (this.next + 1) % this.capacity;
    this.entries.set(key, value);
  }

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
