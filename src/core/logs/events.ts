import type { Normalised } from '../activity/event';
import { objectOf } from '../activity/json';
import { normaliseLookupEvent, type LookupEventLike } from '../activity/lookup';
import { normaliseRecord } from '../activity/normalise';
import type { RecordKind } from './splitter';

/**
 * A record's event or why it is not one, with the element it was read from (see onRead); `malformed`
 * when its bytes are not JSON (the file stops there).
 */
export type RecordRead =
  { readonly read: Normalised; readonly element: unknown } | { readonly ok: false; readonly malformed: string };

/**
 * Receives each record's event (or why it is not one) and the element as parsed: the record itself, or
 * a lookup-events element (cloudTrailRecordOf gives its record). The element costs nothing to pass: a
 * reader that wants more of a record than the event keeps (the detections' facts) reads it there.
 */
type OnRead = (read: Normalised, element: unknown) => void;

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
  return { read: eventOfElement(value, kind), element: value };
}

/**
 * The events of a run of records the splitter cut out of one chunk, one after another in the same array
 * (`ranges`: start and end of each): the bytes between them are the array's commas, so the run is one
 * JSON array and one JSON.parse reads it, rather than one per record (a third of the cost of reading a
 * log). False, with nothing passed on, when the run does not read as that many values: the caller reads
 * its records one by one, to say which one is malformed and where.
 */
export function readRecordRun(bytes: Uint8Array, ranges: readonly number[], kind: RecordKind, onRead: OnRead): boolean {
  const values = parsedRun(bytes, ranges[0]!, ranges[ranges.length - 1]!);
  if (values === undefined || values.length * 2 !== ranges.length) return false;
  for (const value of values) onRead(eventOfElement(value, kind), value);
  return true;
}

/**
 * The events of a run the splitter offers unscanned (OnRun): elements separated by commas, how many not
 * known. False, with nothing passed on, when the bytes are not that.
 */
export function readRecordSpan(
  bytes: Uint8Array,
  start: number,
  end: number,
  kind: RecordKind,
  onRead: OnRead,
): boolean {
  const values = parsedRun(bytes, start, end);
  if (values === undefined) return false;
  for (const value of values) onRead(eventOfElement(value, kind), value);
  return true;
}

/** `[` + bytes[start..end) + `]` parsed, when that is an array. */
function parsedRun(bytes: Uint8Array, start: number, end: number): unknown[] | undefined {
  try {
    const values: unknown = JSON.parse(decoder.decode(bracketed(bytes, start, end)));
    return Array.isArray(values) ? values : undefined;
  } catch {
    return undefined;
  }
}

/** Reused by every run: the run's bytes between brackets, decoded as one string (no concatenation to flatten). */
let scratch = new Uint8Array(64 * 1024);

/** `[`, the bytes from start to end, `]`: a view of the scratch buffer, valid until the next call. */
function bracketed(bytes: Uint8Array, start: number, end: number): Uint8Array {
  const length = end - start + 2;
  if (scratch.length < length) scratch = new Uint8Array(2 * length);
  scratch[0] = 0x5b;
  scratch.set(bytes.subarray(start, end), 1);
  scratch[length - 1] = 0x5d;
  return scratch.subarray(0, length);
}

function eventOfElement(value: unknown, kind: RecordKind): Normalised {
  if (kind === 'records') return normaliseRecord(value);
  if (kind === 'events' || isLookupEvent(value)) return normaliseLookupEvent(value as LookupEventLike);
  return normaliseRecord(value);
}

/**
 * The CloudTrail record an element holds: a lookup-events element's CloudTrailEvent parsed (undefined
 * when that is not JSON), else the element itself. Parses again what the event was read from, so only
 * for the few records a caller reads further.
 */
export function cloudTrailRecordOf(element: unknown): unknown {
  const text = objectOf(element)?.CloudTrailEvent;
  if (typeof text !== 'string') return element;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** An element of a lookup-events export: its record is a string, not the element itself. */
function isLookupEvent(value: unknown): boolean {
  return typeof objectOf(value)?.CloudTrailEvent === 'string';
}
