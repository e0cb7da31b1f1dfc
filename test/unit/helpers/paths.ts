import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../../harness/paths';

export { repoRoot };

/** The catalog that `node scripts/build-catalog.mjs` writes. */
export const catalogFile: string = path.join(repoRoot, 'dist', 'catalog.json');

/** The rule pages as the CLI's SARIF links them (docs/rules/ of the repository). */
export const rulesDocsUri: string = `${pathToFileURL(path.join(repoRoot, 'docs', 'rules')).href}/`;
