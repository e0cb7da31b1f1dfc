import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { ReadRelative } from './external';

/** The largest policy file read for a Terraform `file()` reference. */
const MAX_BYTES = 1_000_000;
/** At most this many names are listed: a module folder holds a few dozen files. */
const MAX_LISTED = 500;

/**
 * Reads files named relative to `folder` from disk, for the policies a Terraform file keeps in files of
 * their own, and lists the folder's files (the module's other `.tf` files define its variables and
 * locals). Never throws: a missing, unreadable or oversized file is undefined.
 */
export function readRelativeTo(folder: string): ReadRelative {
  const read = (relative: string): string | undefined => {
    const file = path.resolve(folder, relative);
    try {
      if (statSync(file).size > MAX_BYTES) return undefined;
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  const list = (): readonly string[] | undefined => {
    try {
      const names: string[] = [];
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        if (entry.isFile()) names.push(entry.name);
        if (names.length >= MAX_LISTED) break;
      }
      return names.sort();
    } catch {
      return undefined;
    }
  };
  return Object.assign(read, { list });
}

/**
 * A file's text, or undefined when it is absent (the usual case for a project file) or cannot be read:
 * the project files of the editor and the CLI are looked up this way.
 */
export function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
