import type { LogFile } from './files';
import type { SegmentEntry } from './manifest';

/** What an update must do: the segments still valid, and the files to read into new ones. */
export interface UpdatePlan {
  readonly keep: readonly SegmentEntry[];
  /** Segments to drop: a file of theirs vanished or changed. */
  readonly drop: readonly SegmentEntry[];
  readonly read: readonly LogFile[];
}

/**
 * Compares the manifest with the files on disk (path, size, mtime). A segment is kept only while every
 * file it holds is unchanged; a dropped segment's other files are read again with the new and changed
 * ones, since a segment cannot lose one file's events.
 */
export function planUpdate(segments: readonly SegmentEntry[], files: readonly LogFile[]): UpdatePlan {
  const current = new Map(files.map((f) => [f.path, f]));
  const keep: SegmentEntry[] = [];
  const drop: SegmentEntry[] = [];
  const indexed = new Set<string>();
  for (const segment of segments) {
    const unchanged = segment.files.every((f) => {
      const now = current.get(f.path);
      return now !== undefined && now.size === f.size && now.mtimeMs === f.mtimeMs;
    });
    (unchanged ? keep : drop).push(segment);
    if (unchanged) segment.files.forEach((f) => indexed.add(f.path));
  }
  return { keep, drop, read: files.filter((f) => !indexed.has(f.path)) };
}

/**
 * Files grouped into batches of about `batchBytes` of compressed log (a plain .json counts an eighth of
 * its size, about its gzip ratio), neighbours together so a segment's days and accounts stay few.
 */
export function batchesOf(files: readonly LogFile[], batchBytes: number): LogFile[][] {
  const batches: LogFile[][] = [];
  let batch: LogFile[] = [];
  let weight = 0;
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    batch.push(file);
    weight += file.path.endsWith('.gz') ? file.size : file.size / 8;
    if (weight >= batchBytes) {
      batches.push(batch);
      batch = [];
      weight = 0;
    }
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
