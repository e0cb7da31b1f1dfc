import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { LogIndex } from '../logs';
import type { CliIo } from './io';

/**
 * The on-disk index of log folders given on the command line (`--logs`), brought up to date: only new
 * and changed files are read, with progress on a terminal. `notes` are lines for stderr (what was
 * indexed, what the index folder said).
 */
export async function indexedLogs(
  paths: readonly string[],
  indexDir: string | undefined,
  io: CliIo,
): Promise<{ index: LogIndex; notes: string[] }> {
  const roots = [...new Set(paths.map((p) => path.resolve(p)))].sort();
  const dir = indexDir ? path.resolve(indexDir) : defaultIndexDir(roots);
  const index = await LogIndex.open(dir, roots, {
    ...(io.logWorker !== undefined && { workerScript: io.logWorker }),
  });
  const progress = io.progress;
  const update = await index.update({
    ...(progress && {
      onProgress: (p) =>
        progress(
          `indexing ${p.files.toLocaleString('en-US')} of ${p.totalFiles.toLocaleString('en-US')} files, ${p.events.toLocaleString('en-US')} events`,
        ),
    }),
  });
  progress?.('');
  const notes = [...update.messages];
  if (update.filesRead > 0)
    notes.push(
      `indexed ${update.filesRead.toLocaleString('en-US')} new file${update.filesRead === 1 ? '' : 's'} (${update.events.toLocaleString('en-US')} events) in ${dir}`,
    );
  return { index, notes };
}

/** The index of these folders in the user's cache folder (XDG), one per set of folders. */
function defaultIndexDir(roots: readonly string[]): string {
  const cache = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  const key = createHash('sha256').update(roots.join('\n')).digest('hex').slice(0, 16);
  return path.join(cache, 'cloudwarden', 'cloudtrail-index', key);
}
