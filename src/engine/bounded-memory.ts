// A map that remembers recent keys, at least `capacity` and at most 2 × `capacity` of them, used
// to tell stale inputs from unknown ones. Two generations: when the current one is full it
// becomes the previous one and the old previous one is dropped whole, so adding costs one
// Map.set and no per-entry eviction.

export class BoundedMemory<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  set(key: string, value: V): void {
    if (this.current.size >= this.capacity) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }

  get(key: string): V | undefined {
    return this.current.get(key) ?? this.previous.get(key);
  }

  has(key: string): boolean {
    return this.current.has(key) || this.previous.has(key);
  }

  delete(key: string): void {
    this.current.delete(key);
    this.previous.delete(key);
  }
}
