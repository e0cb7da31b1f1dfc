/** Counting what a set of events holds: the most frequent values first, ties by name. */

export interface Tally {
  readonly value: string;
  readonly count: number;
}

/** Counts values, then lists the `limit` most frequent (with how many distinct values there were). */
export class Counter {
  private readonly counts = new Map<string, number>();

  add(value: string | undefined): void {
    if (value === undefined || value === '') return;
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
  }

  has(value: string): boolean {
    return this.counts.has(value);
  }

  get size(): number {
    return this.counts.size;
  }

  top(limit: number): Tally[] {
    return [...this.counts]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, limit);
  }
}
