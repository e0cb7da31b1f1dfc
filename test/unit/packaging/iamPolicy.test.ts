import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { Catalog, lintText } from '../../../src/core';
import { catalogFile, repoRoot } from '../helpers/paths';

const policy = readFileSync(path.join(repoRoot, 'docs', 'iam-policy.json'), 'utf8');

test("docs/iam-policy.json passes CloudWarden's own linter: nothing above info", () => {
  const result = lintText(policy, 'json', Catalog.load(catalogFile));
  assert.equal(result.source.documents.length, 1, 'read as one policy');
  assert.deepEqual(
    result.findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId}: ${f.message}`),
    [],
  );
});

test('docs/iam-policy.json grants exactly the calls the gateway makes, and the README shows it', () => {
  const statements = (JSON.parse(policy) as { Statement: { Action: string | string[] }[] }).Statement;
  const granted = statements.flatMap((s) => s.Action).sort();
  const gateway = readFileSync(path.join(repoRoot, 'src', 'aws', 'gateway.ts'), 'utf8');
  const called = [...gateway.matchAll(/action: '([a-z0-9-]+:[A-Za-z]+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual(granted, called);
  assert.ok(called.includes('cloudtrail:LookupEvents') && called.includes('athena:StartQueryExecution'));
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  assert.ok(readme.includes(policy.trim()), 'the README shows docs/iam-policy.json as it is');
});
