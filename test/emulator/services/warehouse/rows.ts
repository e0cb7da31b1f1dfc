/**
 * A CloudTrail record as a row of the emulator's table: the record's fields under Athena's lower-case
 * names (Athena's JSON SerDe matches names without case), JSON objects as text where Athena's columns
 * are STRING, and the partitions a trail's S3 layout gives the record's file (day, Region, account).
 */
import type { Fields } from '../../validate';
import { JSON_TEXT_COLUMNS } from './schema';

/** One row, ready for json_transform. */
export type TableRow = Readonly<Record<string, unknown>>;

/** The row of a record; `bytes` is the record's share of its log file. */
export function tableRow(record: Fields, bytes: number): TableRow {
  const row: Record<string, unknown> = {};
  for (const [name, original] of Object.entries(record)) {
    const key = name.toLowerCase();
    // A STRING column of JSON holds the record's own text, names in their case; structs match any case.
    const value = lowerKeys(original);
    if (JSON_TEXT_COLUMNS.has(key))
      row[key] = original === null || original === undefined ? null : JSON.stringify(original);
    else if (typeof value === 'boolean' || typeof value === 'number') row[key] = String(value);
    else row[key] = value;
  }
  const time = String(record['eventTime']);
  const identity = record['userIdentity'] as Fields | undefined;
  return {
    ...row,
    // The S3 key's parts: the account folder is the recipient's, the day is the event's (UTC).
    timestamp: time.slice(0, 10).replaceAll('-', '/'),
    region: record['awsRegion'],
    account: record['recipientAccountId'] ?? identity?.['accountId'] ?? null,
    bytes,
    managementevent: typeof record['managementEvent'] === 'boolean' ? record['managementEvent'] : null,
    lake_request: stringMap(record['requestParameters']),
    lake_response: stringMap(record['responseElements']),
    lake_additional: stringMap(record['additionalEventData']),
  };
}

/** Keys lower-cased at every depth, as Athena's SerDe reads them; arrays kept. */
function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lowerKeys(v)]));
}

/** Lake's map<string,string>: each member as a string, nested objects as their JSON text. */
function stringMap(value: unknown): Record<string, string> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
  );
}
