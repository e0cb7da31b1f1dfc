import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root: the nearest folder above this file whose package.json is named `cloudwarden`. */
export const repoRoot: string = findRoot(__dirname);

/** The catalog that `node scripts/build-catalog.mjs` writes. */
export const catalogFile: string = path.join(repoRoot, 'dist', 'catalog.json');

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'cloudwarden') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json named cloudwarden above ${start}`);
  }
}
