/**
 * How many of `count` items, sorted by where they start, start at or before `at` (strictly before, with
 * `strictly`): the index of the first item that starts after it. A binary search: asked for every finding,
 * over thousands of spans.
 */
export function startingBy(count: number, startOf: (index: number) => number, at: number, strictly = false): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const start = startOf(mid);
    if (strictly ? start < at : start <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
