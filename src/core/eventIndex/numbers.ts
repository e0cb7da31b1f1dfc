/**
 * Growable arrays of numbers on typed arrays, for the segment builder's columns. A plain array of 20,000
 * ids is one V8 object in the large-object space, reallocated on fresh pages each time it grows (on the
 * 1M-event benchmark, a third of the indexing's page faults); these grow by doubling and, cleared, keep
 * their storage for the next batch.
 */
export class NumberList<T extends Uint8Array | Uint32Array | Float64Array> {
  length = 0;

  constructor(
    private data: T,
    private readonly make: (size: number) => T,
  ) {}

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = this.make(2 * this.data.length);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index]!;
  }

  /** The numbers pushed, as a view of the storage (valid until the next push or clear). */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }

  /** Empties the list, keeping its storage. */
  clear(): void {
    this.length = 0;
  }
}

export const u8List = (): NumberList<Uint8Array> => new NumberList(new Uint8Array(1024), (n) => new Uint8Array(n));
export const u32List = (): NumberList<Uint32Array> => new NumberList(new Uint32Array(1024), (n) => new Uint32Array(n));
export const f64List = (): NumberList<Float64Array> =>
  new NumberList(new Float64Array(1024), (n) => new Float64Array(n));
