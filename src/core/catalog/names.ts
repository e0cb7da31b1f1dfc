/**
 * The view of the catalog that wildcard expansion and did-you-mean work on: service prefixes and
 * action names, lowercase and sorted, so that look-ups are binary searches and a pattern's literal
 * prefix narrows the search to a range.
 */
export interface NameIndex {
  /** Lowercase service prefixes, sorted. */
  readonly prefixes: readonly string[];
  /** Lowercase action names of service `s` (an index into `prefixes`), sorted. */
  lowerNames(s: number): readonly string[];
  /** Canonical action names of service `s`, parallel to `lowerNames(s)`. */
  names(s: number): readonly string[];
}

/** The first position in `sorted` whose value is not less than `key`. */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The position of `key` in `sorted`, or -1. */
export function indexOfSorted(sorted: readonly string[], key: string): number {
  const i = lowerBound(sorted, key);
  return i < sorted.length && sorted[i] === key ? i : -1;
}
