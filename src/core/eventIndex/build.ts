import type { ActivityEvent } from '../activity/event';
import { ByteWriter, compareBytes, utf8 } from './bytes';
import { DictionaryBuilder, encodeStrings } from './dictionary';
import {
  CATEGORIES,
  COLUMNS,
  DIRECTORY_ENTRY_BYTES,
  FORMAT_VERSION,
  HEADER_BYTES,
  MAGIC,
  Section,
  canonicalTime,
  type Column,
} from './format';
import { postingKeysOf } from './keys';
import { encodePostings } from './postings';
import { isUuid, uuidBytes } from './uuid';

/** A section's bytes and, for id columns, their width. */
interface Part {
  readonly id: number;
  readonly width: number;
  readonly write: (out: ByteWriter) => void;
}

/**
 * Encodes a batch of events as one segment (format.ts). The events are stored in time order (stable,
 * so events of the same second keep their reading order); each is then decoded by its ordinal.
 */
export function buildSegment(batch: readonly ActivityEvent[]): Uint8Array {
  const events = [...batch].sort((a, b) => a.time - b.time);
  const parts: Part[] = [
    fixed(Section.Time, events, (e, out) => out.f64(e.time)),
    fixed(Section.EventId, events, (e, out) => out.write(isUuid(e.eventId) ? uuidBytes(e.eventId) : NO_UUID)),
    fixed(Section.Flags, events, (e, out) => out.u8(flagsOf(e))),
    ...columnParts(events),
    ...resourceParts(events),
    ...postingParts(events),
  ];
  return assemble(events, parts);
}

const NO_UUID = new Uint8Array(16);

function fixed(id: number, events: readonly ActivityEvent[], put: (e: ActivityEvent, out: ByteWriter) => void): Part {
  return { id, width: 0, write: (out) => events.forEach((e) => put(e, out)) };
}

/** readOnly in bits 0-1 (absent, false, true), the category's index in bits 2-4. */
function flagsOf(e: ActivityEvent): number {
  const readOnly = e.readOnly === undefined ? 0 : e.readOnly ? 2 : 1;
  return readOnly | (Math.max(0, CATEGORIES.indexOf(e.category)) << 2);
}

const COLUMN_VALUES: Record<Column, (e: ActivityEvent) => string | undefined> = {
  eventKey: (e) => `${e.eventSource}\u0000${e.eventName}`,
  action: (e) => e.action,
  principal: (e) => JSON.stringify(e.principal),
  accessKeyId: (e) => e.accessKeyId,
  sourceIp: (e) => e.sourceIp,
  region: (e) => e.region,
  account: (e) => e.account,
  errorCode: (e) => e.errorCode,
  errorMessage: (e) => e.errorMessage,
  userAgent: (e) => e.userAgent,
  eventVersion: (e) => e.eventVersion,
  file: (e) => e.file,
  eventIdText: (e) => (isUuid(e.eventId) ? undefined : e.eventId),
  eventTimeText: (e) => (e.eventTime === canonicalTime(e.time) ? undefined : e.eventTime),
};

function columnParts(events: readonly ActivityEvent[]): Part[] {
  return COLUMNS.flatMap((column, i) => {
    const dictionary = new DictionaryBuilder();
    const ids = events.map((e) => dictionary.idOf(COLUMN_VALUES[column](e)));
    return [
      { id: Section.ColumnBase + 2 * i, width: 0, write: (out) => encodeStrings(dictionary.strings, out) },
      { id: Section.ColumnBase + 2 * i + 1, width: dictionary.width, write: writeIds(ids, dictionary.width) },
    ];
  });
}

function writeIds(ids: readonly number[], width: number): (out: ByteWriter) => void {
  return (out) => {
    for (const id of ids) for (let b = 0; b < width; b++) out.u8((id >>> (8 * b)) & 0xff);
  };
}

/** Each event's resources as ids into one dictionary of whole resources, found through offsets. */
function resourceParts(events: readonly ActivityEvent[]): Part[] {
  const dictionary = new DictionaryBuilder();
  const ids: number[] = [];
  const offsets = [0];
  for (const e of events) {
    for (const r of e.resources) ids.push(dictionary.idOf(JSON.stringify(r)));
    offsets.push(ids.length);
  }
  return [
    { id: Section.ResourceOffsets, width: 0, write: (out) => offsets.forEach((o) => out.u32(o)) },
    { id: Section.ResourceIds, width: dictionary.width, write: writeIds(ids, dictionary.width) },
    { id: Section.ResourceDictionary, width: 0, write: (out) => encodeStrings(dictionary.strings, out) },
  ];
}

/** The keys in byte order (the reader's binary search), each with its offset and count of ordinals. */
function postingParts(events: readonly ActivityEvent[]): Part[] {
  const lists = new Map<string, number[]>();
  const keys = new Set<string>();
  events.forEach((e, ordinal) => {
    keys.clear();
    postingKeysOf(e, keys);
    for (const key of keys) {
      const list = lists.get(key);
      if (list === undefined) lists.set(key, [ordinal]);
      else list.push(ordinal);
    }
  });
  const sorted = [...lists.keys()].map((key) => ({ key, bytes: utf8.encode(key) }));
  sorted.sort((a, b) => compareBytes(a.bytes, b.bytes));
  const postings = new ByteWriter();
  const meta: number[] = [];
  for (const { key } of sorted) {
    const list = lists.get(key)!;
    meta.push(postings.length, list.length);
    encodePostings(list, postings);
  }
  const body = postings.finish();
  return [
    {
      id: Section.Keys,
      width: 0,
      write: (out) =>
        encodeStrings(
          sorted.map((k) => k.key),
          out,
        ),
    },
    { id: Section.PostingMeta, width: 0, write: (out) => meta.forEach((m) => out.u32(m)) },
    { id: Section.Postings, width: 0, write: (out) => out.write(body) },
  ];
}

function assemble(events: readonly ActivityEvent[], parts: readonly Part[]): Uint8Array {
  const out = new ByteWriter();
  out.u32(MAGIC);
  out.u32(FORMAT_VERSION);
  out.u32(events.length);
  out.u32(parts.length);
  out.f64(events[0]?.time ?? 0);
  out.f64(events.at(-1)?.time ?? 0);
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
