/**
 * A map that forgets everything when it grows past `limit`: for answers that are pure functions of
 * strings (does this ARN fit that resource type?), asked again on every keystroke for the text that did
 * not change. Clearing at once keeps it simple and its memory bounded; the next lint refills what it uses.
 */
export class BoundedMemo<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly limit = 50_000) {}

  has(key: string): boolean {
    return this.map.has(key);
  }

  get(key: string, compute: () => V): V {
    const known = this.map.get(key);
    if (known !== undefined || this.map.has(key)) return known as V;
    const value = compute();
    if (this.map.size >= this.limit) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}
