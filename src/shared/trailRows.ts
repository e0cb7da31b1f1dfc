/**
 * CloudTrail events as rows for people and programs: the JSON and CSV that `cloudwarden trail` prints and
 * the timeline exports. One writer for both, so a file saved from the editor reads like the command's
 * output; the JSON's fields are a stable contract (README). Pure: the CLI and the client bundle it.
 */
import type { ActivityEvent } from '../core';

/**
 * What a source could not read, and why: an event of a LookupEvents answer (by Region and event id), a
 * log file (by path; what could be read of it is still used) or an Athena or Lake row.
 */
export interface UnreadableRow {
  readonly region?: string;
  readonly file?: string;
  readonly eventId?: string;
  readonly reason: string;
}

interface TrailRow {
  readonly eventId: string;
  readonly eventTime: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly action: string | null;
  readonly principal: string;
  readonly accessKeyId: string | null;
  readonly sourceIp: string | null;
  readonly region: string;
  readonly errorCode: string | null;
  readonly readOnly: boolean | null;
  readonly resources: readonly string[];
  /** The log file the event came from; null from other sources. */
  readonly file: string | null;
}

export function rowOf(event: ActivityEvent): TrailRow {
  return {
    eventId: event.eventId,
    eventTime: event.eventTime,
    eventSource: event.eventSource,
    eventName: event.eventName,
    action: event.action ?? null,
    principal: event.principal.arn ?? event.principal.name,
    accessKeyId: event.accessKeyId ?? null,
    sourceIp: event.sourceIp ?? null,
    region: event.region,
    errorCode: event.errorCode ?? null,
    readOnly: event.readOnly ?? null,
    resources: [...new Set(event.resources.map((r) => r.arn ?? r.name ?? '').filter((r) => r !== ''))],
    file: event.file ?? null,
  };
}

export function trailJson(events: readonly ActivityEvent[], unreadable: readonly UnreadableRow[]): string {
  return `${JSON.stringify({ events: events.map(rowOf), unreadable }, null, 2)}\n`;
}

const CSV_COLUMNS = [
  'eventTime',
  'eventName',
  'action',
  'principal',
  'accessKeyId',
  'sourceIp',
  'region',
  'errorCode',
  'readOnly',
  'eventSource',
  'eventId',
  'resources',
] as const;

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(' ') : String(value);
  // A leading = + - @ would be a formula in a spreadsheet: AWS strings are data, never formulas.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function trailCsv(events: readonly ActivityEvent[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const event of events) {
    const row = rowOf(event);
    lines.push(CSV_COLUMNS.map((column) => csvField(row[column])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
