import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root: the nearest folder above this file whose package.json names cloudwarden. */
export const repoRoot: string = findRoot(__dirname);

function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'cloudwarden') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no cloudwarden package.json above ${start}`);
  }
}

export interface ToolPaths {
  node24: string;
  codeServerEntry: string;
  chromium: string;
}

/** The tools that scripts/setup-tools.sh installed. */
export function toolPaths(): ToolPaths {
  const file = path.join(repoRoot, '.tools', 'paths.json');
  if (!existsSync(file))
    throw new Error(`${file} is missing: run "npm run setup" (npm test and npm start run it for you)`);
  return JSON.parse(readFileSync(file, 'utf8')) as ToolPaths;
}
