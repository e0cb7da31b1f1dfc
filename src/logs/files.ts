// PROVISIONAL: the log-file reader's helper replaces this file at the merge (same API).
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';

export interface LogFile {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}
export interface UnreadableFile {
  readonly file: string;
  readonly reason: string;
}

export async function findLogFiles(
  roots: readonly string[],
  options: { signal?: AbortSignal } = {},
): Promise<{ files: LogFile[]; unreadable: UnreadableFile[] }> {
  const files: LogFile[] = [];
  const unreadable: UnreadableFile[] = [];
  for (const root of roots) {
    options.signal?.throwIfAborted();
    try {
      const info = await stat(root);
      const names = info.isDirectory()
        ? (await readdir(root, { recursive: true })).map((name) => path.join(root, name))
        : [root];
      for (const file of names.filter((name) => /\.json(\.gz)?$/.test(name)).sort()) {
        const s = await stat(file);
        if (s.isFile()) files.push({ path: file, size: s.size, mtimeMs: s.mtimeMs });
      }
    } catch (error) {
      unreadable.push({ file: root, reason: (error as Error).message });
    }
  }
  return { files, unreadable };
}
