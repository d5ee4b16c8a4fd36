// The agents or callers settle must look at again. An array plus a mark on each item rather
// than a Set: the set empties after nearly every input, and V8 reallocates a Set's table when
// a delete leaves it sparse, which made every input pay an allocation and a runtime call.

export interface Markable {
  /** In the dirty set (owned by DirtySet). */
  dirty: boolean;
}

export class DirtySet<T extends Markable> {
  private readonly list: T[] = [];

  add(item: T): void {
    if (item.dirty) return;
    item.dirty = true;
    this.list.push(item);
  }

  /** Unmarks the item; its entry stays in `entries` until clear(). */
  delete(item: T): void {
    item.dirty = false;
  }

  /** Items added since clear(), in order; skip unmarked ones (deleted, or a repeat after a delete and add). */
  get entries(): readonly T[] {
    return this.list;
  }

  clear(): void {
    for (const item of this.list) item.dirty = false;
    this.list.length = 0;
  }
}
