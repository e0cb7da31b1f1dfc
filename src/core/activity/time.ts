/**
 * When an event happened, in epoch milliseconds. CloudTrail's log files and LookupEvents write ISO 8601
 * in UTC (`2023-07-10T11:55:23Z`); CloudTrail Lake and tools that re-export events write the same instant
 * with a space and no zone (`2023-07-10 11:55:23.000`), which is UTC too. Anything else is not a time:
 * Date.parse would guess, reading some strings in the local time zone and rolling 30 February over.
 */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

export function timeOf(text: string): number | undefined {
  const match = TIMESTAMP.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = Number(((match[7] ?? '') + '000').slice(0, 3));
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes(match[8]) * 60_000;
}

/** `+02:00` → 120; Z or no zone → 0. */
function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits.startsWith('-') ? -minutes : minutes;
}
