// Binary search in ascending lists (line starts, route positions, routes in declaration order), and the sorted
// number lists kept with it.

/** The first position whose value is not below `value` (= list.length when all are): where `value` sits or goes. */
export function lowerBound(list: ArrayLike<number>, value: number): number {
  return lowerBoundBy(list, value, (n) => n);
}

/** lowerBound over a list sorted by `keyOf` of its items. */
export function lowerBoundBy<T>(list: ArrayLike<T>, value: number, keyOf: (item: T) => number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (keyOf(list[mid]!) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Add `value` to an ascending list of distinct numbers (nothing when it is there already). */
export function insertSorted(list: number[], value: number): void {
  const at = lowerBound(list, value);
  if (list[at] !== value) list.splice(at, 0, value);
}

/** Remove `value` from an ascending list of distinct numbers (nothing when it is not there). */
export function removeSorted(list: number[], value: number): void {
  const at = lowerBound(list, value);
  if (list[at] === value) list.splice(at, 1);
}
