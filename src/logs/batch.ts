import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { buildSegment, type ActivityEvent } from '../core';
import type { LogFile } from './files';
import type { IndexedFile, SegmentEntry } from './manifest';
import { readLogFile } from './readLog';

/** A batch of log files for one worker: read them all, write their events as one segment. */
export interface BatchJob {
  readonly dir: string;
  readonly files: readonly LogFile[];
}

/** Reads the batch's files, writes the segment into the index folder and says what it holds. */
export async function indexBatch(job: BatchJob, signal?: AbortSignal): Promise<SegmentEntry> {
  const events: ActivityEvent[] = [];
  const files: IndexedFile[] = [];
  for (const file of job.files) {
    signal?.throwIfAborted();
    const read = await readLogFile(file.path, (event) => events.push(event), { signal });
    files.push({ path: file.path, size: file.size, mtimeMs: file.mtimeMs, ...read });
  }
  signal?.throwIfAborted();
  const bytes = buildSegment(events);
  const name = `${randomUUID()}.seg`;
  await writeFile(path.join(job.dir, name), bytes);
  return { name, bytes: bytes.length, events: events.length, files };
}
