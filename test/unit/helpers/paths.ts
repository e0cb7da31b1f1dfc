import * as path from 'node:path';
import { repoRoot } from '../../harness/paths';

export { repoRoot };

/** The catalog that `node scripts/build-catalog.mjs` writes. */
export const catalogFile: string = path.join(repoRoot, 'dist', 'catalog.json');
