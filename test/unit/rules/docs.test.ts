import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { renderRuleDoc } from '../../../src/core/rules/docs';
import { RULES } from '../../../src/core/rules/registry';
import { repoRoot } from '../helpers/paths';

const docs = path.join(repoRoot, 'docs', 'rules');

test('every rule has its page in docs/rules, as generated (node dist/cli.js rules --write-docs docs/rules)', () => {
  for (const rule of RULES) {
    const file = path.join(docs, `${rule.meta.id}.md`);
    assert.ok(existsSync(file), `${file} is missing`);
    assert.equal(readFileSync(file, 'utf8'), renderRuleDoc(rule.meta), `${file} is stale`);
  }
  const ids = new Set(RULES.map((r) => `${r.meta.id}.md`));
  assert.deepEqual(
    readdirSync(docs).filter((f) => !ids.has(f)),
    [],
    'pages without a rule',
  );
});

test('rule ids are unique, kebab-case, and every rule says what, why, and how to fix', () => {
  const ids = RULES.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const { meta } of RULES) {
    assert.match(meta.id, /^[a-z]+(-[a-z]+)*$/);
    for (const part of ['what', 'why', 'example', 'fix'] as const)
      assert.ok(meta.docs[part].length > 10, `${meta.id}: docs.${part}`);
  }
});
