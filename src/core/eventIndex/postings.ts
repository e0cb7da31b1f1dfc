import { ByteWriter, readVarint } from './bytes';

/** Sorted ordinals as varint deltas: dense lists (a day, a busy principal) cost about a byte an entry. */
export function encodePostings(ordinals: ArrayLike<number>, out: ByteWriter): void {
  out.deltaVarints(ordinals);
}

export function decodePostings(bytes: Uint8Array, at: number, count: number): Uint32Array {
  const out = new Uint32Array(count);
  let previous = 0;
  for (let i = 0; i < count; i++) {
    const [delta, next] = readVarint(bytes, at);
    previous += delta;
    out[i] = previous;
    at = next;
  }
  return out;
}

/** The ordinals in both sorted lists. */
export function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      out[n++] = a[i]!;
      i++;
      j++;
    }
  }
  return out.subarray(0, n);
}

/** The ordinals in any of the sorted lists, sorted, each once. */
export function union(lists: readonly Uint32Array[]): Uint32Array {
  if (lists.length === 1) return lists[0]!;
  const all = new Uint32Array(lists.reduce((n, l) => n + l.length, 0));
  let at = 0;
  for (const list of lists) {
    all.set(list, at);
    at += list.length;
  }
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i]!;
  return all.subarray(0, n);
}
