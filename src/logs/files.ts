import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { fileProblem } from './problems';

export interface LogFile {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface UnreadableFile {
  readonly file: string;
  readonly reason: string;
}

/**
 * Names that can hold events: CloudTrail's `.json.gz`, plain JSON, JSON Lines, and any `.gz` (a file's
 * content decides, not its name). A file without an extension is left out: a log folder holds READMEs,
 * manifests and lock files, and nothing CloudTrail writes lacks one.
 */
const LOG_NAME = /\.(?:(?:json|jsonl|ndjson)(?:\.gz)?|gz)$/i;

/** CloudTrail's digest files (integrity hashes, no events) live in these folders and carry this in their names. */
const DIGEST = 'CloudTrail-Digest';

/** Enough stats in flight to hide the file system's latency, few enough not to exhaust file handles. */
const STAT_CONCURRENCY = 64;
/** Folders read at once. */
const WALK_CONCURRENCY = 16;

/** A folder to walk: its path as found, and its real path (what a loop is recognised by). */
interface Folder {
  readonly path: string;
  readonly real: string;
}

/** A file that can hold events, by its name; CloudTrail's digest files hold none. */
function isLogName(name: string): boolean {
  return LOG_NAME.test(name) && !name.includes(DIGEST);
}

/**
 * Every log file under the roots (folders or files; a file named as a root is taken whatever its name),
 * sorted by path. Folders are walked without recursion (no depth limit); a symbolic link to a folder is
 * followed once (by real path, so a loop ends); a root that is missing and a folder that cannot be read
 * are `unreadable` entries. Never throws; a cancelled walk returns what it found.
 */
export async function findLogFiles(
  roots: readonly string[],
  options: { signal?: AbortSignal } = {},
): Promise<{ files: LogFile[]; unreadable: UnreadableFile[] }> {
  const walk = new Walk(options.signal);
  for (const root of roots) await walk.root(path.resolve(root));
  const files = await walk.statAll();
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, unreadable: walk.unreadable };
}

class Walk {
  readonly unreadable: UnreadableFile[] = [];
  private readonly candidates = new Set<string>();
  private readonly seenFolders = new Set<string>();

  constructor(private readonly signal: AbortSignal | undefined) {}

  async root(root: string): Promise<void> {
    try {
      const info = await stat(root);
      if (info.isDirectory()) await this.folders(root);
      else this.candidates.add(root);
    } catch (error) {
      this.unreadable.push({ file: root, reason: rootProblem(error) });
    }
  }

  /**
   * Every folder below the root, several read at once (a trail's layout is thousands of small day folders:
   * read one by one, the round trips to the file system were most of a re-open's time). A folder is
   * walked once by its real path, so a symbolic link that leads back ends there; a folder reached by a
   * plain entry has its parent's real path and its own name, so only links cost a realpath.
   */
  private async folders(root: string): Promise<void> {
    const queue: Folder[] = [{ path: root, real: await realpath(root).catch(() => root) }];
    let active = 0;
    await new Promise<void>((resolve) => {
      const pump = (): void => {
        while (active < WALK_CONCURRENCY && queue.length > 0 && !this.signal?.aborted) {
          const folder = queue.pop()!;
          if (this.seenFolders.has(folder.real)) continue;
          this.seenFolders.add(folder.real);
          active++;
          void this.visit(folder, queue).finally(() => {
            active--;
            pump();
          });
        }
        if (active === 0) resolve();
      };
      pump();
    });
  }

  /** One folder's entries: log files become candidates, folders (and links to folders) join the queue. */
  private async visit(folder: Folder, queue: Folder[]): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await readdir(folder.path, { withFileTypes: true });
    } catch (error) {
      this.unreadable.push({ file: folder.path, reason: fileProblem(error, 0, false) });
      return;
    }
    for (const entry of entries) {
      const full = path.join(folder.path, entry.name);
      if (entry.isSymbolicLink()) {
        const kind = await linkKind(full);
        if (kind === 'folder' && entry.name !== DIGEST)
          queue.push({ path: full, real: await realpath(full).catch(() => full) });
        else if (kind === 'file' && isLogName(entry.name)) this.candidates.add(full);
      } else if (entry.isDirectory()) {
        if (entry.name !== DIGEST) queue.push({ path: full, real: path.join(folder.real, entry.name) });
      } else if (isLogName(entry.name)) this.candidates.add(full);
    }
  }

  /** Size and modification time of every candidate, a bounded number at a time. */
  async statAll(): Promise<LogFile[]> {
    const paths = [...this.candidates];
    const files: LogFile[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < paths.length && !this.signal?.aborted) {
        const file = paths[next++]!;
        try {
          const info = await stat(file);
          if (info.isFile()) files.push({ path: file, size: info.size, mtimeMs: info.mtimeMs });
        } catch (error) {
          this.unreadable.push({ file, reason: fileProblem(error, 0, false) });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(STAT_CONCURRENCY, paths.length) }, worker));
    return files;
  }
}

/** What a symbolic link leads to; a dangling link leads nowhere. */
async function linkKind(link: string): Promise<'folder' | 'file' | 'none'> {
  try {
    const info = await stat(link);
    return info.isDirectory() ? 'folder' : info.isFile() ? 'file' : 'none';
  } catch {
    return 'none';
  }
}

function rootProblem(error: unknown): string {
  return (error as { code?: unknown }).code === 'ENOENT' ? 'no such file or folder' : fileProblem(error, 0, false);
}
