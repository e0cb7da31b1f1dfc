/**
 * CloudTrail's event history as the emulator starts with it: the seed's own events
 * (`services.cloudtrail.events`) and those of a folder of log files, moved in time so that the
 * newest is "now" (a recorded dataset would otherwise fall outside LookupEvents' 90 days), and
 * sorted newest first, as LookupEvents returns them.
 */
import { randomBytes } from 'node:crypto';
import type { Seed } from '../../seed';
import { fields, optionalArray, optionalBoolean, optionalString, ValidationError } from '../../validate';
import { storedEvent, type StoredEvent } from './events';
import { readLogFolder } from './logs';
import { parseRecord, type TrailRecord } from './records';

/** The history one running emulator serves. */
export interface CloudTrailHistory {
  /** Newest first; events of the same second in reverse reading order. */
  readonly events: readonly StoredEvent[];
  /** The account the events belong to; when absent, they are every caller's account's history. */
  readonly account?: string;
  /** Signs NextTokens, so a token is good only for the emulator that issued it. */
  readonly tokenKey: Buffer;
}

/** What building the history needs. */
export interface HistorySources {
  readonly seed: Seed;
  /** A folder of CloudTrail log files (`--cloudtrail-logs`). */
  readonly cloudtrailLogs?: string;
  /** When the emulator started: the newest event is moved to this second. */
  readonly startedAtMs: number;
  /** Gets one line per log file skipped. */
  readonly warn: (line: string) => void;
}

const SECTION = 'seed.services.cloudtrail';

/** Builds the history from the seed's `services.cloudtrail` section and the log folder. */
export function buildHistory({ seed, cloudtrailLogs, startedAtMs, warn }: HistorySources): CloudTrailHistory {
  const section = fields(seed.services['cloudtrail'] ?? {}, SECTION, ['events', 'account', 'shiftTimes']);
  const account = optionalString(section, 'account', SECTION, {
    pattern: /^\d{12}$/,
    expected: 'a 12-digit account id',
  });
  if (account !== undefined && !seed.accounts.some((a) => a.id === account))
    throw new ValidationError(`${SECTION}.account: ${account} is not in accounts`);
  const records: TrailRecord[] = [
    ...optionalArray(section, 'events', SECTION).map((r, i) => parseRecord(r, `${SECTION}.events[${i}]`)),
    ...(cloudtrailLogs === undefined ? [] : readLogFolder(cloudtrailLogs, warn)),
  ];
  const shiftMs = optionalBoolean(section, 'shiftTimes', SECTION) === false ? 0 : shiftToNow(records, startedAtMs);
  const events = records
    .map((record, seq) => storedEvent(record, seq, shiftMs))
    .sort((a, b) => b.timeMs - a.timeMs || b.seq - a.seq);
  return { events, ...(account !== undefined && { account }), tokenKey: randomBytes(32) };
}

/** How far to move every event so the newest falls on the start's second (whole seconds, as CloudTrail records). */
function shiftToNow(records: readonly TrailRecord[], startedAtMs: number): number {
  if (records.length === 0) return 0;
  const newest = records.reduce((max, r) => Math.max(max, r.timeMs), -Infinity);
  return Math.floor(startedAtMs / 1000) * 1000 - newest;
}
