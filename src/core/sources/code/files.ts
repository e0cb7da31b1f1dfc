import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { ReadRelative } from './external';

/** The largest policy file read for a Terraform `file()` reference. */
const MAX_BYTES = 1_000_000;

/**
 * Reads files named relative to `folder` from disk, for the policies a Terraform file keeps in files of
 * their own. Never throws: a missing, unreadable or oversized file is undefined.
 */
export function readRelativeTo(folder: string): ReadRelative {
  return (relative) => {
    const file = path.resolve(folder, relative);
    try {
      if (statSync(file).size > MAX_BYTES) return undefined;
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
}
