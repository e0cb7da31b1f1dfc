import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { cloudTrailRecordOf, detectionFactsOf, listedByDetections, SegmentBuilder } from '../core';
import type { LogFile } from './files';
import type { IndexedFile, SegmentEntry } from './manifest';
import { readLogFile } from './readLog';

/** A batch of log files for one worker: read them all, write their events as one segment. */
export interface BatchJob {
  readonly dir: string;
  readonly files: readonly LogFile[];
}

/** Whether a detection lists an event: only those have their raw record read for facts. */
const listed = listedByDetections();

/** The builder of the last batch, emptied: its arrays have grown to a batch's size once already. */
let spare: SegmentBuilder | undefined;

/** Reads the batch's files, writes the segment into the index folder and says what it holds. */
export async function indexBatch(job: BatchJob, signal?: AbortSignal): Promise<SegmentEntry> {
  // Each event goes into the segment as it is read: none is kept once its ids are taken.
  const segment = spare ?? new SegmentBuilder();
  spare = undefined;
  const files: IndexedFile[] = new Array<IndexedFile>(job.files.length);
  // Two files at a time: while one waits on gunzip (zlib's thread pool), the other's records are parsed.
  let next = 0;
  const reader = async (): Promise<void> => {
    while (next < job.files.length) {
      signal?.throwIfAborted();
      const at = next++;
      const file = job.files[at]!;
      const read = await readLogFile(file.path, (event) => segment.add(event), {
        signal,
        // The detections' facts of the few events a detection lists (a few in a thousand), kept beside
        // them: the raw record is gone once its event is made, and the detections run from the index.
        onElement: (event, element) => {
          if (!listed(event)) return;
          const facts = detectionFactsOf(cloudTrailRecordOf(element));
          if (facts !== undefined) segment.setFacts(facts);
        },
      });
      files[at] = { path: file.path, size: file.size, mtimeMs: file.mtimeMs, ...read };
    }
  };
  await Promise.all([reader(), reader()]);
  signal?.throwIfAborted();
  const bytes = segment.finish();
  const events = segment.size;
  segment.clear();
  spare = segment;
  const name = `${randomUUID()}.seg`;
  await writeFile(path.join(job.dir, name), bytes);
  return { name, bytes: bytes.length, events, files };
}
