// PROVISIONAL: the log-file reader's helper replaces this file at the merge (same API).
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { normaliseRecord, type ActivityEvent } from '../core';

export interface LogFileRead {
  readonly events: number;
  readonly skipped: number;
  readonly problem?: string;
}

/** Streams one file; each event gets `file` = path; never throws. */
export async function readLogFile(
  path: string,
  onEvent: (event: ActivityEvent) => void,
  options: { signal?: AbortSignal } = {},
): Promise<LogFileRead> {
  let events = 0;
  let skipped = 0;
  try {
    options.signal?.throwIfAborted();
    const raw = await readFile(path);
    const text = (path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
    const records = (JSON.parse(text) as { Records?: unknown }).Records;
    if (!Array.isArray(records)) return { events, skipped, problem: 'not a CloudTrail log file (no Records)' };
    for (const record of records) {
      const normalised = normaliseRecord(record);
      if (!normalised.ok) skipped++;
      else {
        events++;
        onEvent({ ...normalised.event, file: path });
      }
    }
    return { events, skipped };
  } catch (error) {
    return { events, skipped, problem: (error as Error).message };
  }
}
