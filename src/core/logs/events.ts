import type { Normalised } from '../activity/event';
import { objectOf } from '../activity/json';
import { normaliseLookupEvent, type LookupEventLike } from '../activity/lookup';
import { normaliseRecord } from '../activity/normalise';
import { RECORD_LIMIT, type RecordKind } from './splitter';

/** A record's event or why it is not one; `malformed` when its bytes are not JSON (the file stops there). */
export type RecordRead = Normalised | { readonly ok: false; readonly malformed: string };

const decoder = new TextDecoder('utf-8');

/**
 * The event of a record the splitter cut out: a `Records` element is a log record; an `Events` element
 * is a lookup-events answer's event (its CloudTrailEvent string holds the record); an element of a bare
 * array or a line of JSON Lines is whichever of the two it looks like.
 */
export function readRecordBytes(bytes: Uint8Array, start: number, end: number, kind: RecordKind): RecordRead {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes.subarray(start, end)));
  } catch (error) {
    return { ok: false, malformed: (error as Error).message };
  }
  return eventOfElement(value, kind);
}

/**
 * A whole CloudTrail log file's events (`{"Records": [...]}`) with one JSON.parse, passed to `onRead` in
 * order; false, with nothing passed on, for anything else (the splitter reads that, record by record).
 * For a file no larger than RECORD_LIMIT it answers as the splitter would (no record can be oversized),
 * without stepping over the bytes twice.
 */
export function readRecordsFile(bytes: Uint8Array, onRead: (read: Normalised) => void): boolean {
  if (bytes.length > RECORD_LIMIT) return false;
  let document: unknown;
  try {
    document = JSON.parse(decoder.decode(bytes));
  } catch {
    return false;
  }
  const object = objectOf(document);
  const records = object?.Records;
  if (!Array.isArray(records) || object?.Events !== undefined) return false;
  for (const record of records) onRead(normaliseRecord(record));
  return true;
}

function eventOfElement(value: unknown, kind: RecordKind): Normalised {
  if (kind === 'records') return normaliseRecord(value);
  if (kind === 'events' || isLookupEvent(value)) return normaliseLookupEvent(value as LookupEventLike);
  return normaliseRecord(value);
}

/** An element of a lookup-events export: its record is a string, not the element itself. */
function isLookupEvent(value: unknown): boolean {
  return typeof objectOf(value)?.CloudTrailEvent === 'string';
}
