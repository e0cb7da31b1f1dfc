/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, the restricted
 * Damerau variant) between two strings, compared as given (callers lowercase them). Bounded: as soon
 * as the distance must exceed `max`, returns `max + 1`, so comparing against many names stays cheap.
 */
export function editDistance(a: string, b: string, max = Number.MAX_SAFE_INTEGER): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  // Three rows reused across calls: did-you-mean runs this thousands of times per keystroke.
  if (rows[0].length <= n) rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  let [before, previous, current] = rows;
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb)
        d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[n]!, max + 1);
}

let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * How many edits a typo of this length may contain and still get a suggestion: one for short
 * names, growing slowly so that long action names tolerate a few slips without suggesting unrelated ones.
 */
export function maxEdits(length: number): number {
  if (length <= 5) return 1;
  if (length <= 9) return 2;
  return 3;
}
