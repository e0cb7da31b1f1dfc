/**
 * A map that forgets everything when it grows past `limit`: for answers that are pure functions of
 * strings (does this ARN fit that resource type?), asked again on every keystroke for the text that did
 * not change. Clearing at once keeps it simple and its memory bounded; the next lint refills what it uses.
 *
 * The limit counts entries, or with `weigh`, the entries' weights (an expansion weighs its actions): a
 * count alone must be set low for the heaviest answers, and then a policy with more distinct questions
 * than the limit (20,000 actions) clears the memo over and over within one lint and keeps nothing.
 */
export class BoundedMemo<V> {
  private readonly map = new Map<string, V>();
  private weight = 0;

  constructor(
    private readonly limit = 50_000,
    private readonly weigh: (value: V) => number = () => 1,
  ) {}

  has(key: string): boolean {
    return this.map.has(key);
  }

  get(key: string, compute: () => V): V {
    const known = this.map.get(key);
    if (known !== undefined || this.map.has(key)) return known as V;
    const value = compute();
    const weight = this.weigh(value);
    if (this.weight + weight > this.limit) {
      this.map.clear();
      this.weight = 0;
    }
    this.map.set(key, value);
    this.weight += weight;
    return value;
  }
}
