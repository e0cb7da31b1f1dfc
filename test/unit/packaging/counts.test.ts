import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
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
