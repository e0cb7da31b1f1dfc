import { ByteWriter, fromUtf8, utf8 } from './bytes';
import { widthFor } from './format';

/** Strings numbered in first-seen order from 1 (0 is "absent"), as the writer meets them. */
export class DictionaryBuilder {
  private readonly ids = new Map<string, number>();
  private readonly keyed = new Map<string, number>();
  readonly strings: string[] = [];
  /**
   * The last value asked and its id: most columns repeat from one event to the next (a file's region,
   * account, event version, a principal's run of calls), and comparing with it is cheaper than hashing.
   */
  private last: string | undefined;
  private lastId = 0;

  idOf(value: string | undefined): number {
    if (value === undefined) return 0;
    if (value === this.last) return this.lastId;
    let id = this.ids.get(value);
    if (id === undefined) {
      this.strings.push(value);
      id = this.strings.length;
      this.ids.set(value, id);
    }
    this.last = value;
    this.lastId = id;
    return id;
  }

  /**
   * The id of the value `key` stands for; `value` is made only the first time the key is met (the
   * principal and resource columns store JSON, too dear to write for every event).
   */
  idOfKeyed(key: string, value: () => string): number {
    let id = this.keyed.get(key);
    if (id === undefined) {
      id = this.idOf(value());
      this.keyed.set(key, id);
    }
    return id;
  }

  get width(): 0 | 1 | 2 | 4 {
    return widthFor(this.strings.length);
  }
}

/** Layout: entry count, then count + 1 byte offsets into the UTF-8 text that follows (u32 each). */
export function encodeStrings(strings: readonly string[], out: ByteWriter): void {
  writeEncodedStrings(
    strings.map((s) => utf8.encode(s)),
    out,
  );
}

/** encodeStrings' layout, for strings the caller has encoded already (to sort them by their bytes). */
export function writeEncodedStrings(encoded: readonly Uint8Array[], out: ByteWriter): void {
  out.u32(encoded.length);
  let offset = 0;
  out.u32(0);
  for (const bytes of encoded) {
    offset += bytes.length;
    out.u32(offset);
  }
  for (const bytes of encoded) out.write(bytes);
}

/** A dictionary section read lazily: an entry is decoded the first time it is asked for, then kept. */
export class Dictionary {
  readonly size: number;
  private readonly offsets: Uint32Array;
  private readonly text: Uint8Array;
  private readonly cache: (string | undefined)[];

  constructor(section: Uint8Array) {
    const size = new DataView(section.buffer, section.byteOffset, 4).getUint32(0, true);
    this.size = size;
    this.offsets = new Uint32Array(section.buffer, section.byteOffset + 4, size + 1);
    this.text = section.subarray(4 + 4 * (size + 1));
    if (this.offsets[size]! > this.text.length) throw new RangeError('a dictionary runs past its section');
    this.cache = new Array<string | undefined>(size + 1);
  }

  /** The string of id (1-based); undefined for 0. */
  get(id: number): string | undefined {
    if (id === 0) return undefined;
    let value = this.cache[id];
    if (value === undefined) {
      value = fromUtf8.decode(this.text.subarray(this.offsets[id - 1], this.offsets[id]));
      this.cache[id] = value;
    }
    return value;
  }

  /** The id of a string, by a scan (a query asks this once per dictionary); 0 when absent. */
  find(value: string): number {
    for (let id = 1; id <= this.size; id++) if (this.get(id) === value) return id;
    return 0;
  }
}
