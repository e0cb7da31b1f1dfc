import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ruleMetas } from '../../../src/core/rules/registry';
import { repoRoot } from '../helpers/paths';

// Numbers a person reads about the product come from the registry: a new rule cannot leave them stale.
test("the rule count in the README and the extension's description is the registry's", () => {
  const count = ruleMetas().length;
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const description = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { description: string })
    .description;
  for (const [where, text] of [
    ['README.md', readme],
    ['package.json description', description],
  ] as const) {
    const said = [...text.matchAll(/\b(\d+) rules\b/g)].map((m) => Number(m[1]));
    assert.ok(said.length > 0, `${where} does not say how many rules there are`);
    assert.deepEqual(
      said,
      said.map(() => count),
      `${where} says ${said.join(', ')} rules; the registry has ${count}`,
    );
  }
});

// The architecture page names files to read: each must still be there (a move updates the page).
test('every source path docs/architecture.md and the README name exists', () => {
  for (const doc of ['docs/architecture.md', 'README.md']) {
    const text = readFileSync(path.join(repoRoot, doc), 'utf8');
    for (const [found] of text.matchAll(/\bsrc\/[A-Za-z0-9_./-]*[A-Za-z0-9_]/g)) {
      assert.ok(
        existsSync(path.join(repoRoot, found)) || existsSync(path.join(repoRoot, `${found}.ts`)),
        `${doc} names ${found}, which does not exist`,
      );
    }
  }
});
