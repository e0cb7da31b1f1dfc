/**
 * A growable byte buffer for building a segment, and the varint reading its posting lists need. Plain
 * typed arrays only: the index room is pure (no Buffer, no fs), so it runs wherever the core runs.
 */
export class ByteWriter {
  private bytes = new Uint8Array(1 << 16);
  private view = new DataView(this.bytes.buffer);
  length = 0;

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  u8(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  u32(value: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, value, true);
    this.length += 4;
  }

  f64(value: number): void {
    this.reserve(8);
    this.view.setFloat64(this.length, value, true);
    this.length += 8;
  }

  varint(value: number): void {
    this.reserve(5);
    let v = value >>> 0;
    while (v >= 0x80) {
      this.bytes[this.length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.bytes[this.length++] = v;
  }

  /**
   * Ids of `width` bytes each, little-endian (0 writes nothing: a column with no values), in the order
   * `order` gives when there is one (ids[order[0]] first).
   */
  ids(ids: ArrayLike<number>, width: number, order?: Uint32Array): void {
    const count = order?.length ?? ids.length;
    this.reserve(count * width);
    const bytes = this.bytes;
    let at = this.length;
    for (let i = 0; i < count; i++) {
      const id = ids[order === undefined ? i : order[i]!]!;
      for (let b = 0; b < width; b++) bytes[at++] = (id >>> (8 * b)) & 0xff;
    }
    this.length = at;
  }

  /** Copies `source[at..at+length)`. */
  copy(source: Uint8Array, at: number, length: number): void {
    this.reserve(length);
    // A loop, not set(subarray): the copies are 16 bytes, one per event, and a view each would be garbage.
    for (let i = 0; i < length; i++) this.bytes[this.length++] = source[at + i]!;
  }

  write(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** Pads with zeros to a multiple of `alignment`, so a typed-array view may start here. */
  align(alignment: number): void {
    while (this.length % alignment !== 0) this.u8(0);
  }

  /** Overwrites a u32 written earlier (a directory entry filled in once its section is placed). */
  patchU32(at: number, value: number): void {
    this.view.setUint32(at, value, true);
  }

  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** Reads the varint at `at`; returns the value and the offset after it. */
export function readVarint(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = bytes[at++]!;
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte >= 0x80);
  return [value, at];
}

/** Byte order of two UTF-8 strings (the key directory's order). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

export const utf8 = new TextEncoder();
export const fromUtf8 = new TextDecoder();
