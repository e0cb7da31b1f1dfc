import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { buildSegment, type ActivityEvent } from '../core';
import type { LogFile } from './files';
import type { IndexedFile, SegmentEntry } from './manifest';
import { readLogFile, readWholeFile, type WholeFile } from './readLog';

/** A batch of log files for one worker: read them all, write their events as one segment. */
export interface BatchJob {
  readonly dir: string;
  readonly files: readonly LogFile[];
}

/** Reads the batch's files, writes the segment into the index folder and says what it holds. */
export async function indexBatch(job: BatchJob, signal?: AbortSignal): Promise<SegmentEntry> {
  const events: ActivityEvent[] = [];
  const files: IndexedFile[] = [];
  // The next file is read from disk while this one is parsed, so the thread never waits on the disk.
  const readAhead = (i: number): Promise<WholeFile | undefined> | undefined => {
    const file = job.files[i];
    return file === undefined ? undefined : readWholeFile(file.path, signal);
  };
  let ahead = readAhead(0);
  for (const [i, file] of job.files.entries()) {
    signal?.throwIfAborted();
    const current = ahead;
    ahead = readAhead(i + 1);
    const read = await readLogFile(file.path, (event) => events.push(event), { signal, ahead: current });
    files.push({ path: file.path, size: file.size, mtimeMs: file.mtimeMs, ...read });
  }
  signal?.throwIfAborted();
  const bytes = buildSegment(events);
  const name = `${randomUUID()}.seg`;
  await writeFile(path.join(job.dir, name), bytes);
  return { name, bytes: bytes.length, events: events.length, files };
}
