import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { INDEX_FORMAT_VERSION } from '../core';

/** A log file as indexed: what it was when read, and what reading it gave. */
export interface IndexedFile {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly events: number;
  readonly skipped: number;
  /** Why the first skipped record is not an event. */
  readonly skippedReason?: string;
  /** Why the file was read only in part or not at all. */
  readonly problem?: string;
}

/** One segment file and the log files whose events it holds. */
export interface SegmentEntry {
  readonly name: string;
  readonly bytes: number;
  readonly events: number;
  readonly files: readonly IndexedFile[];
}

/** The index folder's table of contents: committed after each segment, so an interrupted run resumes. */
export interface Manifest {
  readonly formatVersion: number;
  readonly segments: readonly SegmentEntry[];
}

export const MANIFEST_FILE = 'manifest.json';

export function emptyManifest(): Manifest {
  return { formatVersion: INDEX_FORMAT_VERSION, segments: [] };
}

/** The folder's manifest; undefined when there is none; a string saying why when it cannot be used. */
export async function readManifest(dir: string): Promise<Manifest | string | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return `its manifest could not be read (${(error as Error).message})`;
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return 'its manifest is corrupt';
  }
  if (!isManifest(manifest)) return 'its manifest is corrupt';
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION)
    return `it is of format version ${manifest.formatVersion}, this version reads ${INDEX_FORMAT_VERSION}`;
  return manifest;
}

/** Written beside and renamed over the old one: a crash leaves the old manifest or the new, never half. */
export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  const temporary = path.join(dir, `${MANIFEST_FILE}.${randomUUID()}.tmp`);
  await writeFile(temporary, JSON.stringify(manifest));
  await rename(temporary, path.join(dir, MANIFEST_FILE));
}

function isManifest(value: unknown): value is Manifest {
  const m = value as Manifest | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.formatVersion === 'number' &&
    Array.isArray(m.segments) &&
    m.segments.every(
      (s) =>
        typeof s?.name === 'string' &&
        /^[\w-]+\.seg$/.test(s.name) &&
        typeof s.bytes === 'number' &&
        typeof s.events === 'number' &&
        Array.isArray(s.files) &&
        s.files.every(
          (f: IndexedFile | null) =>
            typeof f?.path === 'string' && typeof f.size === 'number' && typeof f.mtimeMs === 'number',
        ),
    )
  );
}
