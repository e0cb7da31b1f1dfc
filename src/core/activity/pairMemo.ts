/**
 * Answers remembered by two keys (a map of maps: no joined key text to build and hash per call), for
 * the look-ups that run for every event of a log over a few hundred distinct pairs. Bounded: each level
 * is emptied when it reaches `limit` entries, so a log of made-up names cannot grow it without end.
 */
export class PairMemo<A, B, V> {
  private readonly byFirst = new Map<A, Map<B, V>>();
  /** The pair asked last and its answer: a log's events repeat it in runs, and comparing beats hashing. */
  private lastA: A | undefined;
  private lastB: B | undefined;
  private lastValue: V | undefined;
  private hasLast = false;

  constructor(private readonly limit = 10_000) {}

  /** The answer for (a, b), made by `make` the first time (or again after the memo was emptied). */
  get(a: A, b: B, make: () => V): V {
    if (this.hasLast && a === this.lastA && b === this.lastB) return this.lastValue as V;
    const value = this.lookUp(a, b, make);
    this.lastA = a;
    this.lastB = b;
    this.lastValue = value;
    this.hasLast = true;
    return value;
  }

  private lookUp(a: A, b: B, make: () => V): V {
    let second = this.byFirst.get(a);
    if (second === undefined) {
      if (this.byFirst.size >= this.limit) this.byFirst.clear();
      this.byFirst.set(a, (second = new Map()));
    }
    const found = second.get(b);
    // One look-up when found; an answer that is undefined is told from a miss by has().
    if (found !== undefined || second.has(b)) return found as V;
    if (second.size >= this.limit) second.clear();
    const value = make();
    second.set(b, value);
    return value;
  }
}
