import type { Normalised } from '../activity/event';
import { objectOf } from '../activity/json';
import { normaliseLookupEvent, type LookupEventLike } from '../activity/lookup';
import { normaliseRecord } from '../activity/normalise';
import type { RecordKind } from './splitter';

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
 * The events of a run of records the splitter cut out of one chunk, one after another in the same array
 * (`ranges`: start and end of each): the bytes between them are the array's commas, so the run is one
 * JSON array and one JSON.parse reads it, rather than one per record (a third of the cost of reading a
 * log). False, with nothing passed on, when the run does not read as that many values: the caller reads
 * its records one by one, to say which one is malformed and where.
 */
export function readRecordRun(
  bytes: Uint8Array,
  ranges: readonly number[],
  kind: RecordKind,
  onRead: (read: Normalised) => void,
): boolean {
  let values: unknown;
  try {
    values = JSON.parse(`[${decoder.decode(bytes.subarray(ranges[0], ranges[ranges.length - 1]))}]`);
  } catch {
    return false;
  }
  if (!Array.isArray(values) || values.length * 2 !== ranges.length) return false;
  for (const value of values) onRead(eventOfElement(value, kind));
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
