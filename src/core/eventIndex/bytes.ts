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

  /** Each value's difference from the one before (the first's from 0) as a varint: sorted values only. */
  deltaVarints(values: ArrayLike<number>): void {
    this.reserve(5 * values.length);
    const bytes = this.bytes;
    let at = this.length;
    let previous = 0;
    for (let i = 0; i < values.length; i++) {
      let v = (values[i]! - previous) >>> 0;
      previous = values[i]!;
      while (v >= 0x80) {
        bytes[at++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      bytes[at++] = v;
    }
    this.length = at;
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

  /*
   * Whole sections of fixed-size values, written through typed-array views rather than value by value
   * (a million DataView writes a segment cost more than the rest of its layout). Views use the platform's
   * byte order: little-endian wherever VS Code runs, and the reader views these sections the same way.
   * Each starts where a section does, at a multiple of 8 (assemble aligns them).
   */

  /** `values[order[i]]` for each i, as f64. */
  f64sInOrder(values: Float64Array, order: Uint32Array): void {
    const at = this.alignedEnd(8 * order.length);
    const out = new Float64Array(this.bytes.buffer, at, order.length);
    for (let i = 0; i < order.length; i++) out[i] = values[order[i]!]!;
    this.length += 8 * order.length;
  }

  /** `values[order[i]]` for each i, as u8. */
  u8sInOrder(values: Uint8Array, order: Uint32Array): void {
    const at = this.alignedEnd(order.length);
    const bytes = this.bytes;
    for (let i = 0; i < order.length; i++) bytes[at + i] = values[order[i]!]!;
    this.length += order.length;
  }

  /** The 16-byte blocks of `source` (a UUID each), block `order[i]` for each i. */
  blocksInOrder(source: Uint8Array, order: Uint32Array): void {
    const from = new Uint32Array(source.buffer, source.byteOffset, source.length >>> 2);
    const end = this.alignedEnd(16 * order.length);
    const out = new Uint32Array(this.bytes.buffer, end, 4 * order.length);
    for (let i = 0; i < order.length; i++) {
      const at = 4 * order[i]!;
      out[4 * i] = from[at]!;
      out[4 * i + 1] = from[at + 1]!;
      out[4 * i + 2] = from[at + 2]!;
      out[4 * i + 3] = from[at + 3]!;
    }
    this.length += 16 * order.length;
  }

  /** The values as u32. */
  u32s(values: ArrayLike<number>): void {
    const at = this.alignedEnd(4 * values.length);
    const out = new Uint32Array(this.bytes.buffer, at, values.length);
    for (let i = 0; i < values.length; i++) out[i] = values[i]!;
    this.length += 4 * values.length;
  }

  /** Makes room for `extra` more bytes (which may move the storage: view it after) at the current length, a multiple of 8. */
  private alignedEnd(extra: number): number {
    if (this.length % 8 !== 0) throw new Error('a section of fixed-size values must start at a multiple of 8');
    this.reserve(extra);
    return this.length;
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

  /** A copy of the bytes written. */
  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  /** The bytes written, as a view of the storage (valid until the next write or reset). */
  written(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  /** Empties the writer, keeping its storage. */
  reset(): void {
    this.length = 0;
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
