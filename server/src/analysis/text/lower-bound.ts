// Binary search in an ascending list of numbers (line starts, route positions).

/** The first position whose value is not below `value` (= list.length when all are): where `value` sits or goes. */
export function lowerBound(list: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (list[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
