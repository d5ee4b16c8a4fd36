// The agents or callers settle must look at again. An array plus a mark on each item rather
// than a Set: the set empties after nearly every input, and V8 reallocates a Set's table when
// a delete leaves it sparse, which made every input pay an allocation and a runtime call. The
// array keeps its length (setting length is a runtime call too); `size` says how much is used.

export interface Markable {
  /** In the dirty set (owned by DirtySet). */
  dirty: boolean;
}

export class DirtySet<T extends Markable> {
  private readonly slots: (T | undefined)[] = [];
  private used = 0;

  add(item: T): void {
    if (item.dirty) return;
    item.dirty = true;
    this.slots[this.used++] = item;
  }

  /** Unmarks the item; its entry stays until clear(). */
  delete(item: T): void {
    item.dirty = false;
  }

  /** Entries added since clear(), unmarked ones included. */
  get size(): number {
    return this.used;
  }

  /** Entry `index` < size; skip it when unmarked (deleted, or a repeat after a delete and add). */
  at(index: number): T {
    return this.slots[index] as T;
  }

  clear(): void {
    for (let i = 0; i < this.used; i++) {
      (this.slots[i] as T).dirty = false;
      this.slots[i] = undefined; // holds no removed agent or caller
    }
    this.used = 0;
  }
}
