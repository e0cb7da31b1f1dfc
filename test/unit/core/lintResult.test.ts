import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Catalog } from '../../../src/core/catalog';
import { groupFindings } from '../../../src/core/findingGroups';
import { lintSource, lintText } from '../../../src/core/lint';
import type { PolicyDocument } from '../../../src/core/policy/model';
import { readPolicySource } from '../../../src/core/sources';
import type { Finding } from '../../../src/core/rules/types';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);

describe('lint result: nothing swallowed', () => {
  test('a rule that throws is reported with its id and where, and the lint still returns', () => {
    const text =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}';
    const source = readPolicySource(text, 'json');
    // A document whose statements cannot be read: every per-document rule that looks at them throws.
    const broken = new Proxy(source.documents[0]!, {
      get(target, key) {
        if (key === 'statements') throw new Error('statements unavailable');
        return target[key as keyof PolicyDocument];
      },
    });
    const result = lintSource({ ...source, documents: [broken] }, text, catalog);
    assert.ok(result.internalErrors.length > 0);
    for (const e of result.internalErrors) {
      assert.match(e.message, /statements unavailable/);
      assert.ok(e.ruleId.length > 0 && e.where.length > 0);
    }
    assert.ok(result.internalErrors.some((e) => e.ruleId === 'wildcard-action'));
  });

  test('a file read as no policy, whose reading failed, is not analysed (said, not dropped)', () => {
    const result = lintText(`Statement:\n${'['.repeat(1000)}${']'.repeat(1000)}\n`, 'yaml', catalog);
    assert.deepEqual(result.findings, []);
    assert.equal(result.notAnalysed.length, 1);
    assert.match(result.notAnalysed[0]!.reason, /nests more than \d+ levels deep/);
    assert.equal(result.notAnalysed[0]!.span, undefined, 'the whole file');
  });

  test('a file that is simply not a policy has nothing to say', () => {
    const result = lintText('{"name": "my-package", "version": "1.0.0"}', 'json', catalog);
    assert.deepEqual([result.findings, result.notAnalysed, result.internalErrors], [[], [], []]);
  });
});

describe('groupFindings', () => {
  const f = (ruleId: string, severity: Finding['severity'], start: number, end = start + 1): Finding => ({
    ruleId,
    severity,
    message: ruleId,
    span: { start, end },
    fixes: [],
  });

  test('one group per exact span, in order; the most severe heads it, then what the element leads to', () => {
    const groups = groupFindings([
      f('wildcard-action', 'warning', 10, 13),
      f('privilege-escalation', 'warning', 10, 13),
      f('unknown-action', 'error', 10, 13),
      f('resource-star', 'warning', 20),
      f('wildcard-action', 'warning', 10, 12),
    ]);
    assert.deepEqual(
      groups.map((g) => g.all.map((x) => x.ruleId)),
      [['unknown-action', 'privilege-escalation', 'wildcard-action'], ['resource-star'], ['wildcard-action']],
    );
    assert.equal(groups[0]!.head.ruleId, 'unknown-action');
    assert.deepEqual(
      groups[0]!.others.map((x) => x.ruleId),
      ['privilege-escalation', 'wildcard-action'],
    );
  });

  test('among equals, admin-access and escalation head wildcard and resource findings', () => {
    const [g] = groupFindings([
      f('wildcard-action', 'error', 0),
      f('admin-access', 'error', 0),
      f('privilege-escalation', 'error', 0),
    ]);
    assert.deepEqual(
      g!.all.map((x) => x.ruleId),
      ['admin-access', 'privilege-escalation', 'wildcard-action'],
    );
  });
});
