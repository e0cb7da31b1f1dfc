import type { ActivityEvent, ActivityPrincipal, ActivityResource } from '../activity/event';
import { compareBytes, utf8 } from './bytes';
import { Dictionary } from './dictionary';
import {
  CATEGORIES,
  COLUMNS,
  DIRECTORY_ENTRY_BYTES,
  FORMAT_VERSION,
  HEADER_BYTES,
  MAGIC,
  Section,
  SegmentError,
  canonicalTime,
  type Column,
  type Kind,
} from './format';
import { decodePostings } from './postings';
import { uuidText } from './uuid';

type Ids = Uint8Array | Uint16Array | Uint32Array;
interface ColumnData {
  readonly dictionary: Dictionary;
  readonly ids: Ids;
}

/**
 * A segment opened over its bytes: a handful of typed-array views, nothing decoded until asked. Any
 * event is decoded by its ordinal; a posting list is found by binary search over the sorted keys.
 */
export class Segment {
  readonly count: number;
  readonly minTime: number;
  readonly maxTime: number;
  /** Event times, ascending. */
  readonly times: Float64Array;
  private readonly eventIds: Uint8Array;
  private readonly flags: Uint8Array;
  private readonly columns: ReadonlyMap<Column, ColumnData>;
  /** The same columns as an object's fields: event() reads them by name, without a map look-up. */
  private readonly byName: Readonly<Record<Column, ColumnData>>;
  private readonly resourceOffsets: Uint32Array;
  private readonly resourceIds: Ids;
  readonly resources: Dictionary;
  private readonly keys: Dictionary;
  private readonly postingMeta: Uint32Array;
  private readonly postingBytes: Uint8Array;
  private readonly factOrdinals: Uint32Array;
  private readonly facts: Dictionary;
  private readonly principals = new Map<number, ActivityPrincipal>();
  private readonly resourceCache = new Map<number, ActivityResource>();
  private readonly eventKeys = new Map<number, readonly [string, string]>();

  /** Opens the bytes as a segment; a SegmentError when they are not one of this format version. */
  static open(bytes: Uint8Array): Segment {
    // A typed-array view needs its element alignment; a buffer from elsewhere may start anywhere.
    const aligned = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
    try {
      return new Segment(aligned);
    } catch (error) {
      if (error instanceof SegmentError) throw error;
      throw new SegmentError(`the segment is corrupt (${error instanceof Error ? error.message : String(error)})`);
    }
  }

  private constructor(bytes: Uint8Array) {
    if (bytes.length < HEADER_BYTES) throw new SegmentError('the segment is shorter than its header');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0, true) !== MAGIC) throw new SegmentError('the file is not an index segment');
    const version = view.getUint32(4, true);
    if (version !== FORMAT_VERSION)
      throw new SegmentError(`the segment is of format version ${version}, not ${FORMAT_VERSION}`);
    this.count = view.getUint32(8, true);
    this.minTime = view.getFloat64(16, true);
    this.maxTime = view.getFloat64(24, true);
    const sections = readDirectory(bytes, view, view.getUint32(12, true));
    const section = (id: number): { bytes: Uint8Array; width: number } => {
      const found = sections.get(id);
      if (found === undefined) throw new SegmentError(`the segment lacks section ${id}`);
      return found;
    };
    const ids = (id: number, entries: number): Ids => idsView(section(id), entries);
    this.times = view32or64(section(Section.Time).bytes, Float64Array, this.count);
    this.eventIds = sized(section(Section.EventId).bytes, 16 * this.count);
    this.flags = sized(section(Section.Flags).bytes, this.count);
    this.columns = new Map(
      COLUMNS.map((column, i) => [
        column,
        {
          dictionary: new Dictionary(section(Section.ColumnBase + 2 * i).bytes),
          ids: ids(Section.ColumnBase + 2 * i + 1, this.count),
        },
      ]),
    );
    this.byName = Object.fromEntries(this.columns) as Record<Column, ColumnData>;
    this.resourceOffsets = view32or64(section(Section.ResourceOffsets).bytes, Uint32Array, this.count + 1);
    this.resourceIds = ids(Section.ResourceIds, this.resourceOffsets[this.count]!);
    this.resources = new Dictionary(section(Section.ResourceDictionary).bytes);
    this.keys = new Dictionary(section(Section.Keys).bytes);
    this.postingMeta = view32or64(section(Section.PostingMeta).bytes, Uint32Array, 2 * this.keys.size);
    this.postingBytes = section(Section.Postings).bytes;
    this.facts = new Dictionary(section(Section.Facts).bytes);
    this.factOrdinals = view32or64(section(Section.FactOrdinals).bytes, Uint32Array, this.facts.size);
  }

  /** How many events carry facts. */
  get factCount(): number {
    return this.facts.size;
  }

  /** The facts stored with the event at `ordinal` (SegmentBuilder.setFacts), or undefined: a binary search. */
  factsOf(ordinal: number): object | undefined {
    let lo = 0;
    let hi = this.factOrdinals.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.factOrdinals[mid]! < ordinal) lo = mid + 1;
      else hi = mid;
    }
    if (lo === this.factOrdinals.length || this.factOrdinals[lo] !== ordinal) return undefined;
    // Parsed afresh each time: a caller may keep or change what it is given.
    return JSON.parse(this.facts.get(lo + 1)!) as object;
  }

  /** A column's dictionary and its per-event ids. */
  column(name: Column): { readonly dictionary: Dictionary; readonly ids: Ids } {
    return this.columns.get(name)!;
  }

  /** The resource ids of one event. */
  resourceIdsOf(ordinal: number): Ids {
    return this.resourceIds.subarray(this.resourceOffsets[ordinal], this.resourceOffsets[ordinal + 1]);
  }

  /** Whether the event's id, kept as a UUID's 16 bytes, is `uuid` (an id query then decodes no event). */
  hasUuid(ordinal: number, uuid: Uint8Array): boolean {
    const at = 16 * ordinal;
    for (let i = 0; i < 16; i++) if (this.eventIds[at + i] !== uuid[i]) return false;
    return true;
  }

  principal(id: number): ActivityPrincipal {
    let p = this.principals.get(id);
    if (p === undefined) {
      p = JSON.parse(this.column('principal').dictionary.get(id)!) as ActivityPrincipal;
      this.principals.set(id, p);
    }
    return p;
  }

  resource(id: number): ActivityResource {
    let r = this.resourceCache.get(id);
    if (r === undefined) {
      r = JSON.parse(this.resources.get(id)!) as ActivityResource;
      this.resourceCache.set(id, r);
    }
    return r;
  }

  /** The event's category, from its flags (readOnly in bits 0-1, the category's index in bits 2-4). */
  category(ordinal: number): ActivityEvent['category'] {
    return CATEGORIES[(this.flags[ordinal]! >> 2) & 7] ?? 'unknown';
  }

  /**
   * The event at `ordinal`, as it was given to buildSegment. Fields are read straight from the columns
   * (no closure, no split per event): the detections decode every event of a window.
   */
  event(ordinal: number): ActivityEvent {
    const c = this.byName;
    const [source, name] = this.eventKey(c.eventKey.ids[ordinal]!);
    const time = this.times[ordinal]!;
    const flags = this.flags[ordinal]!;
    const event: Record<string, unknown> = {
      eventId: at(c.eventIdText, ordinal) ?? uuidText(this.eventIds, 16 * ordinal),
      eventTime: at(c.eventTimeText, ordinal) ?? canonicalTime(time),
      time,
    };
    // Each field by its name, not through a helper taking the name: the objects then share a shape.
    const eventVersion = at(c.eventVersion, ordinal);
    if (eventVersion !== undefined) event.eventVersion = eventVersion;
    event.eventSource = source;
    event.eventName = name;
    const action = at(c.action, ordinal);
    if (action !== undefined) event.action = action;
    event.principal = this.principal(c.principal.ids[ordinal]!);
    const accessKeyId = at(c.accessKeyId, ordinal);
    if (accessKeyId !== undefined) event.accessKeyId = accessKeyId;
    const sourceIp = at(c.sourceIp, ordinal);
    if (sourceIp !== undefined) event.sourceIp = sourceIp;
    const userAgent = at(c.userAgent, ordinal);
    if (userAgent !== undefined) event.userAgent = userAgent;
    const region = at(c.region, ordinal);
    if (region !== undefined) event.region = region;
    const account = at(c.account, ordinal);
    if (account !== undefined) event.account = account;
    const errorCode = at(c.errorCode, ordinal);
    if (errorCode !== undefined) event.errorCode = errorCode;
    const errorMessage = at(c.errorMessage, ordinal);
    if (errorMessage !== undefined) event.errorMessage = errorMessage;
    if ((flags & 3) !== 0) event.readOnly = (flags & 3) === 2;
    event.category = CATEGORIES[(flags >> 2) & 7] ?? 'unknown';
    const ids = this.resourceIdsOf(ordinal);
    const resources: ActivityResource[] = [];
    for (let i = 0; i < ids.length; i++) resources.push(this.resource(ids[i]!));
    event.resources = resources;
    const file = at(c.file, ordinal);
    if (file !== undefined) event.file = file;
    return event as unknown as ActivityEvent;
  }

  /** eventSource and eventName of an eventKey id, split once per id. */
  private eventKey(id: number): readonly [string, string] {
    let pair = this.eventKeys.get(id);
    if (pair === undefined) {
      pair = this.byName.eventKey.dictionary.get(id)!.split('\u0000') as [string, string];
      this.eventKeys.set(id, pair);
    }
    return pair;
  }

  /** The sorted ordinals under a key; undefined when no event has it. */
  postings(kind: Kind, value: string): Uint32Array | undefined {
    const at = this.findKey(utf8.encode(kind + value));
    if (at < 0) return undefined;
    const list = decodePostings(this.postingBytes, this.postingMeta[2 * at]!, this.postingMeta[2 * at + 1]!);
    if (list.length > 0 && list[list.length - 1]! >= this.count) throw new SegmentError('a posting list is corrupt');
    return list;
  }

  /** Every key of a kind with the size of its list, in key order (the keys of a kind are contiguous). */
  *keysOf(kind: Kind): Generator<{ readonly value: string; readonly count: number }> {
    for (let at = this.lowerBound(utf8.encode(kind)); at < this.keys.size; at++) {
      const key = this.keys.get(at + 1)!;
      if (!key.startsWith(kind)) return;
      yield { value: key.slice(1), count: this.postingMeta[2 * at + 1]! };
    }
  }

  private findKey(key: Uint8Array): number {
    const at = this.lowerBound(key);
    return at < this.keys.size && compareBytes(this.keyBytes(at), key) === 0 ? at : -1;
  }

  /** The first key index whose key is not below `key`. */
  private lowerBound(key: Uint8Array): number {
    let lo = 0;
    let hi = this.keys.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareBytes(this.keyBytes(mid), key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private keyBytes(at: number): Uint8Array {
    return utf8.encode(this.keys.get(at + 1)!);
  }
}

/** A column's text for one event; undefined when the event has none. */
function at(column: ColumnData, ordinal: number): string | undefined {
  return column.dictionary.get(column.ids[ordinal]!);
}

function readDirectory(
  bytes: Uint8Array,
  view: DataView,
  count: number,
): Map<number, { bytes: Uint8Array; width: number }> {
  const sections = new Map<number, { bytes: Uint8Array; width: number }>();
  if (HEADER_BYTES + count * DIRECTORY_ENTRY_BYTES > bytes.length)
    throw new SegmentError('the segment directory runs past its end');
  for (let i = 0; i < count; i++) {
    const at = HEADER_BYTES + i * DIRECTORY_ENTRY_BYTES;
    const offset = view.getUint32(at + 4, true);
    const length = view.getUint32(at + 8, true);
    if (offset % 8 !== 0 || offset + length > bytes.length)
      throw new SegmentError('a segment section lies outside the segment');
    sections.set(view.getUint32(at, true), {
      bytes: bytes.subarray(offset, offset + length),
      width: view.getUint32(at + 12, true),
    });
  }
  return sections;
}

function sized(bytes: Uint8Array, length: number): Uint8Array {
  if (bytes.length !== length) throw new SegmentError('a segment section has the wrong size');
  return bytes;
}

function view32or64<T extends Float64Array | Uint32Array>(
  bytes: Uint8Array,
  type: { new (buffer: ArrayBufferLike, offset: number, length: number): T; BYTES_PER_ELEMENT: number },
  length: number,
): T {
  sized(bytes, length * type.BYTES_PER_ELEMENT);
  return new type(bytes.buffer, bytes.byteOffset, length);
}

function idsView(section: { bytes: Uint8Array; width: number }, entries: number): Ids {
  const { bytes, width } = section;
  if (width === 0) return new Uint8Array(entries);
  sized(bytes, entries * width);
  if (width === 1) return bytes;
  if (width === 2) return new Uint16Array(bytes.buffer, bytes.byteOffset, entries);
  if (width === 4) return new Uint32Array(bytes.buffer, bytes.byteOffset, entries);
  throw new SegmentError(`an id width of ${width} bytes`);
}
