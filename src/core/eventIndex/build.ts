import type { ActivityEvent } from '../activity/event';
import { ByteWriter, compareBytes, utf8 } from './bytes';
import { DictionaryBuilder, encodeStrings, writeEncodedStrings } from './dictionary';
import {
  CATEGORIES,
  COLUMNS,
  DIRECTORY_ENTRY_BYTES,
  FORMAT_VERSION,
  HEADER_BYTES,
  MAGIC,
  Kind,
  Section,
  canonicalTime,
  type Column,
} from './format';
import { dayOf } from './keys';
import { f64List, u32List, u8List, type NumberList } from './numbers';
import { encodePostings } from './postings';
import { writeUuid } from './uuid';
import { PRINCIPALS, RESOURCES, WholeValues } from './wholeValues';

/** A section's id, its writer and, for id columns, their width. */
interface Part {
  readonly id: number;
  readonly width: number;
  readonly write: (out: ByteWriter) => void;
}

/** Each column's index in COLUMNS (and in the builder's arrays). */
const AT = Object.fromEntries(COLUMNS.map((c, i) => [c, i])) as Record<Column, number>;

/** Encodes a batch of events as one segment (format.ts); see SegmentBuilder. */
export function buildSegment(batch: readonly ActivityEvent[]): Uint8Array {
  const builder = new SegmentBuilder();
  for (const event of batch) builder.add(event);
  return builder.finish();
}

/**
 * Builds one segment event by event. Each event is turned into dictionary ids as it is added and is
 * not kept: a batch of 100,000 events is a few arrays of numbers while it grows, not 100,000 objects
 * the garbage collector must copy into the old generation (on the 1M-event benchmark that copying was a
 * fifth of the indexing time). `finish` stores the events in time order (stable: events of the same
 * time keep the order they were added in), so each is then decoded by its ordinal.
 */
export class SegmentBuilder {
  private count = 0;
  private readonly times = f64List();
  private readonly flags = u8List();
  /** 16 bytes per event: its eventID when that is a UUID, zeros when the text column holds it. */
  private eventIds = new Uint8Array(16 * 1024);
  /** Per column (COLUMNS' order): its dictionary, and each event's id in it in the order added. */
  private dictionaries = COLUMNS.map(() => new DictionaryBuilder());
  private readonly ids = COLUMNS.map(() => u32List());
  private resources = new DictionaryBuilder();
  private readonly resourceIds = u32List();
  /** Where each event's resource ids end in resourceIds. */
  private readonly resourceEnds = u32List();
  /** Whole principals and resources: their ids in the principal column and in `resources`. */
  private principals = new WholeValues(this.dictionaries[AT.principal]!, PRINCIPALS);
  private resourceValues = new WholeValues(this.resources, RESOURCES);
  /** The last event key seen and its id: a log's events repeat it in runs, and comparing beats hashing. */
  private lastSource: string | undefined;
  private lastName: string | undefined;
  private lastKeyId = 0;
  /** The event key column's ids by source, then name: found without joining the two each event. */
  private eventKeys = new Map<string, Map<string, number>>();
  /**
   * Facts of the few events that carry any (the detections' reading of a raw record, opaque here), as
   * JSON, by the position the event was added at.
   */
  private facts = new Map<number, string>();
  /**
   * Where finish lays out a segment and its posting lists: kept from one segment to the next, grown to a
   * segment's size once, rather than grown by doubling (fresh pages, copies) for each.
   */
  private readonly out = new ByteWriter();
  private readonly postingBody = new ByteWriter();

  /** Empties the builder for another segment, keeping the storage its arrays have grown to. */
  clear(): void {
    this.count = 0;
    for (const list of [this.times, this.flags, ...this.ids, this.resourceIds, this.resourceEnds]) list.clear();
    this.dictionaries = COLUMNS.map(() => new DictionaryBuilder());
    this.resources = new DictionaryBuilder();
    this.principals = new WholeValues(this.dictionaries[AT.principal]!, PRINCIPALS);
    this.resourceValues = new WholeValues(this.resources, RESOURCES);
    this.facts = new Map();
    this.eventKeys = new Map();
    this.lastSource = this.lastName = undefined;
  }

  get size(): number {
    return this.count;
  }

  add(e: ActivityEvent): void {
    const n = this.count++;
    this.times.push(e.time);
    this.flags.push(flagsOf(e));
    const uuid = this.eventIdOf(e.eventId, n);
    this.ids[AT.eventKey]!.push(this.eventKeyIdOf(e));
    this.put(AT.action, e.action);
    this.ids[AT.principal]!.push(this.principals.idOf(e.principal));
    this.put(AT.accessKeyId, e.accessKeyId);
    this.put(AT.sourceIp, e.sourceIp);
    this.put(AT.region, e.region);
    this.put(AT.account, e.account);
    this.put(AT.errorCode, e.errorCode);
    this.put(AT.errorMessage, e.errorMessage);
    this.put(AT.userAgent, e.userAgent);
    this.put(AT.eventVersion, e.eventVersion);
    this.put(AT.file, e.file);
    this.put(AT.eventIdText, uuid ? undefined : e.eventId);
    this.put(AT.eventTimeText, isCanonicalTime(e) ? undefined : e.eventTime);
    for (const r of e.resources) this.resourceIds.push(this.resourceValues.idOf(r));
    this.resourceEnds.push(this.resourceIds.length);
  }

  /**
   * Facts for the event added last, kept beside it (a reader of log files learns them from the raw
   * record after the event is added). A plain-data object: stored as JSON, given back equal.
   */
  setFacts(facts: object): void {
    if (this.count === 0) throw new Error('setFacts before any event');
    this.facts.set(this.count - 1, JSON.stringify(facts));
  }

  private put(column: number, value: string | undefined): void {
    this.ids[column]!.push(this.dictionaries[column]!.idOf(value));
  }

  /** Writes the event's UUID bytes (zeros for another eventID); true when it was a UUID. */
  private eventIdOf(eventId: string, n: number): boolean {
    if (this.eventIds.length < 16 * (n + 1)) {
      const grown = new Uint8Array(2 * this.eventIds.length);
      grown.set(this.eventIds);
      this.eventIds = grown;
    }
    if (writeUuid(eventId, this.eventIds, 16 * n)) return true;
    this.eventIds.fill(0, 16 * n, 16 * n + 16);
    return false;
  }

  /** The id of eventSource and eventName joined by NUL; the text is built once per distinct pair. */
  private eventKeyIdOf(e: ActivityEvent): number {
    if (e.eventSource === this.lastSource && e.eventName === this.lastName) return this.lastKeyId;
    let names = this.eventKeys.get(e.eventSource);
    if (names === undefined) this.eventKeys.set(e.eventSource, (names = new Map()));
    let id = names.get(e.eventName);
    if (id === undefined) {
      id = this.dictionaries[AT.eventKey]!.idOf(`${e.eventSource}\u0000${e.eventName}`);
      names.set(e.eventName, id);
    }
    this.lastSource = e.eventSource;
    this.lastName = e.eventName;
    this.lastKeyId = id;
    return id;
  }

  finish(): Uint8Array {
    const order = timeOrder(this.times);
    const parts: Part[] = [
      { id: Section.Time, width: 0, write: (out) => out.f64sInOrder(this.times.view(), order) },
      { id: Section.EventId, width: 0, write: (out) => out.blocksInOrder(this.eventIds, order) },
      { id: Section.Flags, width: 0, write: (out) => out.u8sInOrder(this.flags.view(), order) },
      ...this.columnParts(order),
      ...this.resourceParts(order),
      ...this.postingParts(order, this.postingBody),
      ...this.factParts(order),
    ];
    const first = order.length === 0 ? 0 : this.times.get(order[0]!);
    const last = order.length === 0 ? 0 : this.times.get(order[order.length - 1]!);
    return assemble(this.out, order.length, first, last, parts);
  }

  private columnParts(order: Uint32Array): Part[] {
    return COLUMNS.flatMap((_, i) => {
      const dictionary = this.dictionaries[i]!;
      const ids = this.ids[i]!;
      return [
        { id: Section.ColumnBase + 2 * i, width: 0, write: (out) => encodeStrings(dictionary.strings, out) },
        {
          id: Section.ColumnBase + 2 * i + 1,
          width: dictionary.width,
          write: (out) => out.ids(ids.view(), dictionary.width, order),
        },
      ];
    });
  }

  /** The facts by the ordinals their events were given (time order), ascending. */
  private factParts(order: Uint32Array): Part[] {
    const ordinalOf = new Map<number, number>();
    // Only the few events with facts are looked for: one pass over the order finds their ordinals.
    if (this.facts.size > 0) order.forEach((i, ordinal) => this.facts.has(i) && ordinalOf.set(i, ordinal));
    const entries = [...this.facts].map(([i, json]) => [ordinalOf.get(i)!, json] as const).sort((a, b) => a[0] - b[0]);
    return [
      { id: Section.FactOrdinals, width: 0, write: (out) => out.u32s(entries.map(([ordinal]) => ordinal)) },
      {
        id: Section.Facts,
        width: 0,
        write: (out) =>
          encodeStrings(
            entries.map(([, json]) => json),
            out,
          ),
      },
    ];
  }

  /** Where the event added `i`-th has its resource ids in resourceIds. */
  private resourcesFrom(i: number): number {
    return i === 0 ? 0 : this.resourceEnds.get(i - 1);
  }

  /** Each event's resources as ids into one dictionary of whole resources, found through offsets. */
  private resourceParts(order: Uint32Array): Part[] {
    const offsets = [0];
    const ids: number[] = [];
    for (const i of order) {
      for (let at = this.resourcesFrom(i); at < this.resourceEnds.get(i); at++) ids.push(this.resourceIds.get(at));
      offsets.push(ids.length);
    }
    const { resources } = this;
    return [
      { id: Section.ResourceOffsets, width: 0, write: (out) => out.u32s(offsets) },
      { id: Section.ResourceIds, width: resources.width, write: (out) => out.ids(ids, resources.width) },
      { id: Section.ResourceDictionary, width: 0, write: (out) => encodeStrings(resources.strings, out) },
    ];
  }

  /**
   * The posting lists. Each dictionary id is resolved to its lists once (a principal's many keys, an
   * action's lower case), so per event only list numbers are followed; an event is added to a list once
   * however many of its keys lead there.
   */
  private postingParts(order: Uint32Array, body: ByteWriter): Part[] {
    const postings = new Postings();
    const listsOf = (kind: Kind, keysById: readonly (readonly string[] | undefined)[]): number[][] =>
      Array.from(keysById, (keys) => (keys ?? []).map((key) => postings.list(kind, key)));
    // Index 0, the absent value, has no list.
    const valueLists = (kind: Kind, column: Column, keyOf = (v: string): string => v): Int32Array =>
      Int32Array.from([-1, ...this.dictionaries[AT[column]]!.strings.map((v) => postings.list(kind, keyOf(v)))]);
    const resourceLists = listsOf(Kind.Resource, this.resourceValues.postingKeys);
    const principalLists = listsOf(Kind.Principal, this.principals.postingKeys);
    const accessKeyLists = valueLists(Kind.AccessKey, 'accessKeyId');
    const actionLists = valueLists(Kind.Action, 'action', (v) => v.toLowerCase());
    const ipLists = valueLists(Kind.SourceIp, 'sourceIp');
    const [principal, accessKeyId, action, sourceIp] = [AT.principal, AT.accessKeyId, AT.action, AT.sourceIp].map(
      (at) => this.ids[at]!.view(),
    );
    const resourceIds = this.resourceIds.view();
    const resourceEnds = this.resourceEnds.view();
    const times = this.times.view();
    let day = -1;
    let dayList = -1;
    for (let ordinal = 0; ordinal < order.length; ordinal++) {
      const i = order[ordinal]!;
      for (let at = this.resourcesFrom(i); at < resourceEnds[i]!; at++)
        for (const list of resourceLists[resourceIds[at]!]!) postings.add(list, ordinal);
      for (const list of principalLists[principal![i]!]!) postings.add(list, ordinal);
      // The absent value's list is -1: added to nothing.
      postings.add(accessKeyLists[accessKeyId![i]!]!, ordinal);
      postings.add(actionLists[action![i]!]!, ordinal);
      postings.add(ipLists[sourceIp![i]!]!, ordinal);
      const d = dayOf(times[i]!);
      if (d !== day) [day, dayList] = [d, postings.list(Kind.Day, String(d))];
      postings.add(dayList, ordinal);
    }
    return postings.parts(body);
  }
}

/**
 * The positions of `times` in time order, ties in the order they were added. Sorted as a plain array:
 * V8 sorts those with TimSort, which takes a batch's events (log files in order, each nearly so) in a
 * few runs, and a typed array with a merge sort that does not look for runs (three times slower here).
 */
function timeOrder(times: NumberList<Float64Array>): Uint32Array {
  const t = times.view();
  const order = Array.from({ length: t.length }, (_, i) => i);
  order.sort((a, b) => t[a]! - t[b]! || a - b);
  return Uint32Array.from(order);
}

/** readOnly in bits 0-1 (absent, false, true), the category's index in bits 2-4. */
function flagsOf(e: ActivityEvent): number {
  const readOnly = e.readOnly === undefined ? 0 : e.readOnly ? 2 : 1;
  return readOnly | (Math.max(0, CATEGORIES.indexOf(e.category)) << 2);
}

/**
 * An event time as CloudTrail's log files write it (`2023-07-10T11:45:00Z`) is `time` written back, so
 * only other forms keep their text. The form is checked by its shape: normalise read the digits.
 */
function isCanonicalTime(e: ActivityEvent): boolean {
  const t = e.eventTime;
  if (t.length === 20 && t.charCodeAt(10) === 84 /* T */ && t.charCodeAt(19) === 90 /* Z */) return true;
  return t === canonicalTime(e.time);
}

/**
 * The posting lists by key (kind + value), and their three sections in the keys' byte order. Lists are
 * numbered as their keys are met; each addition is a (list, ordinal) pair appended to two typed arrays,
 * which a counting sort by list turns into the lists at the end: no growing array per list (a segment
 * adds about ten entries per event to a few thousand lists).
 */
class Postings {
  private readonly numbers = new Map<string, number>();
  private readonly keys: string[] = [];
  /** Each list's last ordinal: an event reaching a list by two keys is added once. */
  private readonly last: number[] = [];
  private readonly lists = u32List();
  private readonly ordinals = u32List();

  /** The number of the list of `value` of this kind, made on first ask. */
  list(kind: Kind, value: string): number {
    const key = kind + value;
    let list = this.numbers.get(key);
    if (list === undefined) {
      list = this.keys.push(key) - 1;
      this.numbers.set(key, list);
      this.last.push(-1);
    }
    return list;
  }

  /** Adds `ordinal` (never lower than the last added) to a list; list -1 is none. */
  add(list: number, ordinal: number): void {
    if (list < 0 || this.last[list] === ordinal) return;
    this.last[list] = ordinal;
    this.lists.push(list);
    this.ordinals.push(ordinal);
  }

  /** The sections; the lists are written into `body`, which the Postings part copies from. */
  parts(body: ByteWriter): Part[] {
    const lists = this.lists.view();
    const ordinals = this.ordinals.view();
    // starts[l] is where list l begins in `sorted`; the pairs came in ordinal order, so each list is sorted.
    const starts = new Uint32Array(this.keys.length + 1);
    for (let i = 0; i < lists.length; i++) starts[lists[i]! + 1]!++;
    for (let l = 0; l < this.keys.length; l++) starts[l + 1]! += starts[l]!;
    const next = starts.slice(0, this.keys.length);
    const sorted = new Uint32Array(lists.length);
    for (let i = 0; i < lists.length; i++) sorted[next[lists[i]!]!++] = ordinals[i]!;
    const byKey = this.keys
      .map((key, list) => ({ list, bytes: utf8.encode(key) }))
      .filter(({ list }) => starts[list + 1]! > starts[list]!);
    byKey.sort((a, b) => compareBytes(a.bytes, b.bytes));
    body.reset();
    const meta: number[] = [];
    for (const { list } of byKey) {
      meta.push(body.length, starts[list + 1]! - starts[list]!);
      encodePostings(sorted.subarray(starts[list], starts[list + 1]), body);
    }
    // The keys' bytes, made once for the sort, are what the Keys section holds.
    const keys = byKey.map((k) => k.bytes);
    return [
      { id: Section.Keys, width: 0, write: (out) => writeEncodedStrings(keys, out) },
      { id: Section.PostingMeta, width: 0, write: (out) => out.u32s(meta) },
      { id: Section.Postings, width: 0, write: (out) => out.write(body.written()) },
    ];
  }
}

/** The segment's bytes, laid out in `out` (emptied first) and copied from it. */
function assemble(out: ByteWriter, count: number, first: number, last: number, parts: readonly Part[]): Uint8Array {
  out.reset();
  out.u32(MAGIC);
  out.u32(FORMAT_VERSION);
  out.u32(count);
  out.u32(parts.length);
  out.f64(first);
  out.f64(last);
  const directory = out.length;
  for (let i = 0; i < parts.length * 4; i++) out.u32(0);
  parts.forEach((part, i) => {
    out.align(8);
    const start = out.length;
    part.write(out);
    const entry = directory + i * DIRECTORY_ENTRY_BYTES;
    out.patchU32(entry, part.id);
    out.patchU32(entry + 4, start);
    out.patchU32(entry + 8, out.length - start);
    out.patchU32(entry + 12, part.width);
  });
  if (directory !== HEADER_BYTES) throw new Error('segment header size drifted from HEADER_BYTES');
  return out.finish();
}
