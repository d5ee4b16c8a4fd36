// Sorted arrays kept by binary insertion (per-queue member lists and tier lists).

/** Index of the first element not before `item` (lower bound) under `before`. */
export function lowerBound<T>(list: readonly T[], item: T, before: (a: T, b: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(list[mid] as T, item)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function insertSorted<T>(list: T[], item: T, before: (a: T, b: T) => boolean): void {
  list.splice(lowerBound(list, item, before), 0, item);
}

/** Index of `item` itself (the order must be strict), or -1. */
export function indexOfSorted<T>(list: readonly T[], item: T, before: (a: T, b: T) => boolean): number {
  const i = lowerBound(list, item, before);
  return list[i] === item ? i : -1;
}

export function removeSorted<T>(list: T[], item: T, before: (a: T, b: T) => boolean): boolean {
  const i = indexOfSorted(list, item, before);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}
