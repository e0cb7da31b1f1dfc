/**
 * CloudTrail records as they sit in log files (`{"Records": [...]}`) and in a seed's
 * `services.cloudtrail.events`. Only the fields LookupEvents needs are checked; every other field
 * is kept as recorded, since the record itself is what `CloudTrailEvent` returns.
 */
import { type Fields, fields, requiredString, ValidationError } from '../../validate';

/** A checked record and its time. */
export interface TrailRecord {
  /** The record as recorded. */
  readonly fields: Fields;
  /** `eventTime`, in milliseconds since the epoch. */
  readonly timeMs: number;
  /**
   * The bytes of storage the record stands for: its share of its log file (a seed's record: its JSON).
   * Athena and CloudTrail Lake report the bytes their queries scan from these.
   */
  readonly bytes: number;
}

const EVENT_TIME = {
  pattern: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/,
  expected: 'a UTC time like 2023-07-10T11:42:44Z',
};
const EVENT_SOURCE = { pattern: /^[a-z0-9.-]+\.amazonaws\.com$/, expected: 'a service host like s3.amazonaws.com' };
const REGION = { pattern: /^[a-z]{2}(-[a-z0-9]+)+-\d+$/, expected: 'a region like us-east-1' };

/** Checks one record; `path` names it in errors (`seed.services.cloudtrail.events[3]`). */
export function parseRecord(value: unknown, path: string): TrailRecord {
  const record = fields(value, path);
  requiredString(record, 'eventID', path);
  requiredString(record, 'eventName', path);
  requiredString(record, 'eventSource', path, EVENT_SOURCE);
  requiredString(record, 'awsRegion', path, REGION);
  const timeMs = Date.parse(requiredString(record, 'eventTime', path, EVENT_TIME));
  if (Number.isNaN(timeMs)) throw new ValidationError(`${path}.eventTime: not a valid date`);
  for (const key of ['userIdentity', 'requestParameters', 'responseElements'] as const) {
    if (record[key] !== undefined && record[key] !== null) fields(record[key], `${path}.${key}`);
  }
  for (const key of ['readOnly', 'managementEvent'] as const) {
    if (record[key] !== undefined && typeof record[key] !== 'boolean')
      throw new ValidationError(`${path}.${key}: expected true or false, got ${JSON.stringify(record[key])}`);
  }
  const resources = record['resources'];
  if (resources !== undefined && !Array.isArray(resources))
    throw new ValidationError(`${path}.resources: expected an array`);
  return { fields: record, timeMs, bytes: Buffer.byteLength(JSON.stringify(record)) };
}

/** An object member of a record (`userIdentity`, `requestParameters`), or undefined when absent or null. */
export function objectField(record: Fields, key: string): Fields | undefined {
  const value = record[key];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

/** A string member, or undefined when absent, empty or not a string. */
export function stringField(record: Fields | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
