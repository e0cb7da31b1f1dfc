/**
 * When an event happened, in epoch milliseconds. CloudTrail's log files and LookupEvents write ISO 8601
 * in UTC (`2023-07-10T11:55:23Z`); CloudTrail Lake and tools that re-export events write the same instant
 * with a space and no zone (`2023-07-10 11:55:23.000`), which is UTC too. Anything else is not a time:
 * Date.parse would guess, reading some strings in the local time zone and rolling 30 February over.
 */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

export function timeOf(text: string): number | undefined {
  return logFileTime(text) ?? matchedTime(text);
}

/**
 * The log files' own form, `2023-07-10T11:55:23Z`, read digit by digit: it is nearly every event, and
 * the regular expression below costs more than the rest of the time. Anything else is left to it.
 */
function logFileTime(text: string): number | undefined {
  if (text.length !== 20 || text.charCodeAt(19) !== 0x5a /* Z */) return undefined;
  const rest = minutesAndSeconds(text);
  if (rest === undefined) return undefined;
  // A log's events come hour by hour: within the hour last read, only minutes and seconds are new.
  if (lastHour === undefined || !text.startsWith(lastHour.text)) {
    const hour = hourOf(text);
    if (hour === undefined) return undefined;
    lastHour = { text: text.slice(0, HOUR_LENGTH), time: hour };
  }
  return lastHour.time + rest;
}

/** The instant of `YYYY-MM-DDTHH` (the text's first 13 characters), or undefined when it is none. */
function hourOf(text: string): number | undefined {
  for (let i = 0; i < HOUR_LENGTH; i++) {
    const code = text.charCodeAt(i);
    const digit = code >= 0x30 && code <= 0x39;
    if (SEPARATORS[i] === undefined ? !digit : code !== SEPARATORS[i]) return undefined;
  }
  return utc(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2), digits(text, 11, 2), 0, 0, 0, 0);
}

/** `YYYY-MM-DDTHH`: the part of a log file's time that the last one read shares, mostly. */
const HOUR_LENGTH = 13;
let lastHour: { readonly text: string; readonly time: number } | undefined;

/** The milliseconds of `:MM:SS` past the hour; undefined when they are not two minutes and seconds. */
function minutesAndSeconds(text: string): number | undefined {
  if (text.charCodeAt(13) !== 0x3a || text.charCodeAt(16) !== 0x3a) return undefined;
  if (!isDigit(text, 14) || !isDigit(text, 15) || !isDigit(text, 17) || !isDigit(text, 18)) return undefined;
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  return minute > 59 || second > 59 ? undefined : minute * 60_000 + second * 1000;
}

function isDigit(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 0x30 && code <= 0x39;
}

/** The separators of `YYYY-MM-DDTHH` by position; undefined where a digit belongs. */
const SEPARATORS: readonly (number | undefined)[] = [...'....-..-..T..'].map((c) =>
  c === '.' ? undefined : c.charCodeAt(0),
);

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) value = value * 10 + text.charCodeAt(i) - 0x30;
  return value;
}

function matchedTime(text: string): number | undefined {
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
  const millis = Number(((match[7] ?? '') + '000').slice(0, 3));
  return utc(year, month, day, hour, minute, second, millis, offsetMinutes(match[8]));
}

/** The instant, or undefined for a date or time that does not exist (30 February, 24:00). */
function utc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  offset: number,
): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000;
}

/** Date.UTC reads years 0 to 99 as 1900 to 1999: the month lengths are those of that year. */
function daysIn(fullYear: number, month: number): number {
  const year = fullYear < 100 ? fullYear + 1900 : fullYear;
  if (month !== 2) return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** `+02:00` → 120; Z or no zone → 0. */
function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits.startsWith('-') ? -minutes : minutes;
}
