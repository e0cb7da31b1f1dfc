/**
 * The segment's binary layout, shared by the writer and the reader. A segment is one Uint8Array:
 *
 *   header      magic 'CWIX', format version, event count, section count (u32 each), first and last
 *               event time (f64)
 *   directory   per section: id, offset, length, width (u32 each)
 *   sections    each starting on an 8-byte boundary, so opening one is a typed-array view
 *
 * Events are stored in time order, so a time window is a range of ordinals. Dictionary-valued fields
 * store, per event, an id of `width` bytes (0, 1, 2 or 4: the fewest that hold the dictionary); id 0
 * means the field is absent, id k the dictionary's k-th string.
 */
export const MAGIC = 0x58495743; // 'CWIX' read as a little-endian u32
/** Bump on any change of layout or meaning: an index of another version is rebuilt, never misread. */
export const FORMAT_VERSION = 2;
export const HEADER_BYTES = 32;
export const DIRECTORY_ENTRY_BYTES = 16;

export const Section = {
  Time: 1,
  EventId: 2,
  Flags: 3,
  ResourceOffsets: 4,
  ResourceIds: 5,
  ResourceDictionary: 6,
  Keys: 7,
  PostingMeta: 8,
  Postings: 9,
  /** The ordinals of the events that carry facts (ascending u32s); version 2. */
  FactOrdinals: 10,
  /** Their facts, one JSON object each, in the same order (a dictionary section's layout). */
  Facts: 11,
  /** Column i's dictionary is section ColumnBase + 2i, its ids ColumnBase + 2i + 1. */
  ColumnBase: 16,
} as const;

/** The fields kept as a dictionary plus per-event ids, in section order. */
export const COLUMNS = [
  /** eventSource and eventName as one entry, joined by NUL. */
  'eventKey',
  'action',
  /** The whole ActivityPrincipal as JSON: a principal repeats, and its parts are never asked apart. */
  'principal',
  'accessKeyId',
  'sourceIp',
  'region',
  'account',
  'errorCode',
  'errorMessage',
  'userAgent',
  'eventVersion',
  'file',
  /** eventIDs that are not lower-case UUIDs (those are 16 bytes in the EventId section). */
  'eventIdText',
  /** eventTimes that are not `time` written as CloudTrail does (ISO 8601, seconds, Z). */
  'eventTimeText',
] as const;
export type Column = (typeof COLUMNS)[number];

export const CATEGORIES = ['unknown', 'management', 'data', 'insight', 'networkActivity'] as const;

/** Posting-list key kinds: the first character of a key, the value after it. */
export const Kind = {
  Resource: 'r',
  Principal: 'p',
  AccessKey: 'k',
  Action: 'a',
  SourceIp: 'i',
  Day: 'd',
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export const DAY_MS = 86_400_000;

/** The id width that holds a dictionary of `size` entries besides the absent id 0. */
export function widthFor(size: number): 0 | 1 | 2 | 4 {
  if (size === 0) return 0;
  if (size < 0x100) return 1;
  if (size < 0x10000) return 2;
  return 4;
}

/** Years 0000 to 9999: where toISOString writes four-digit years, the form built here. */
const LAST_PLAIN_TIME = 253_402_300_800_000;
/** The day of the last time written and its `YYYY-MM-DDT`: consecutive events mostly share a day. */
let lastDay = NaN;
let lastDayText = '';

/**
 * `time` as CloudTrail writes eventTime; an event whose eventTime reads otherwise keeps its text.
 * toISOString without its `.000`, built from the day's text and the time of day: the detections decode
 * every event of a window, and a Date and a regular expression per event were a third of that.
 */
export function canonicalTime(time: number): string {
  if (!Number.isInteger(time) || time < 0 || time >= LAST_PLAIN_TIME)
    return new Date(time).toISOString().replace(/\.000Z$/, 'Z');
  const ofDay = time % DAY_MS;
  const day = time - ofDay;
  if (day !== lastDay) {
    lastDay = day;
    lastDayText = new Date(day).toISOString().slice(0, 11);
  }
  const ms = ofDay % 1000;
  const seconds = (ofDay - ms) / 1000;
  const text = `${lastDayText}${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
  return ms === 0 ? `${text}Z` : `${text}.${String(ms).padStart(3, '0')}Z`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Thrown by the reader for bytes that are not a segment of this version; the index rebuilds then. */
export class SegmentError extends Error {
  override readonly name = 'SegmentError';
}
