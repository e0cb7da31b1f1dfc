import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { Catalog } from '../../../src/core/catalog';
import { lintText } from '../../../src/core/lint';
import { LintCancelled, LintRunner } from '../../../src/server/lintRunner';
import { yamlTemplate } from '../../harness/templates';
import { catalogFile, repoRoot } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);
const script = path.join(repoRoot, 'dist', 'server.js');

describe('lint runner: large files in a worker thread, stale lints cancelled', () => {
  const logged: string[] = [];
  const runner = new LintRunner({
    script,
    catalogFile,
    grammarDir: path.join(repoRoot, 'dist', 'grammars'),
    workerThreshold: 1000,
    log: (m) => logged.push(m),
  });
  after(() => runner.dispose());

  test('a small text is linted on this thread, a large one in the worker, with the same findings', async () => {
    const small =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]}';
    assert.deepEqual(
      (await runner.lint('a', small, 'json', {}, catalog)).findings,
      lintText(small, 'json', catalog).findings,
    );
    const large = yamlTemplate(50_000).text.replace('s3:PutObject', 's3:PutObjekt');
    assert.ok(large.length >= 1000);
    const inWorker = await runner.lint('b', large, 'yaml', {}, catalog);
    const here = lintText(large, 'yaml', catalog);
    assert.equal(inWorker.findings.length, here.findings.length);
    assert.deepEqual(inWorker.findings.slice(0, 20), here.findings.slice(0, 20));
    assert.equal(inWorker.source.documents.length, here.source.documents.length, 'the policy model comes back too');
  });

  test('a newer lint of the same document cancels the running one; other documents wait their turn', async () => {
    const large = yamlTemplate(400_000).text;
    const first = runner.lint('doc', large, 'yaml', {}, catalog);
    const other = runner.lint('other', large, 'yaml', {}, catalog);
    const second = runner.lint('doc', large.replace('s3:GetObject', 's3:GetObjekt'), 'yaml', {}, catalog);
    await assert.rejects(first, LintCancelled);
    const [otherResult, secondResult] = await Promise.all([other, second]);
    assert.ok(otherResult.source.documents.length > 0);
    assert.ok(
      secondResult.findings.some((f) => f.ruleId === 'unknown-action'),
      'the newer text is the one linted',
    );
    assert.deepEqual(logged, []);
  });

  test('the rule configuration reaches the worker', async () => {
    const large = yamlTemplate(50_000).text.replace('s3:PutObject', 's3:PutObjekt');
    const all = await runner.lint('c', large, 'yaml', {}, catalog);
    const ruleId = all.findings[0]?.ruleId;
    assert.ok(ruleId, 'the generated template has findings');
    const off = await runner.lint('c', large, 'yaml', { rules: { [ruleId]: 'off' } }, catalog);
    assert.ok(!off.findings.some((f) => f.ruleId === ruleId));
  });
});
