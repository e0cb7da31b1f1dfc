import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { Catalog } from '../../../src/core/catalog';
import { lintText } from '../../../src/core/lint';
import { ruleById } from '../../../src/core/rules/registry';
import { analyzerFindings, managedPolicyFiles, sharedData } from '../../harness/corpus';
import { catalogFile } from '../helpers/paths';

const skip = sharedData ? false : 'needs ../shared/data (the GPL-3.0 managed policies are read in place, never copied)';

describe('the 1,524 AWS managed policies', { skip }, () => {
  const catalog = Catalog.load(catalogFile);
  const dir = path.join(sharedData ?? '', 'managed-policies');
  const results = new Map(
    managedPolicyFiles().map(
      (file) => [file, lintText(readFileSync(path.join(dir, file), 'utf8'), 'json', catalog)] as const,
    ),
  );

  test('every policy is read, with no syntax problem and no rule failure', () => {
    assert.ok(results.size >= 1500, `only ${results.size} policies`);
    for (const [file, result] of results) {
      // A few files of the corpus are empty (the policy could not be fetched): nothing to read, nothing to report.
      if (readFileSync(path.join(dir, file), 'utf8').trim() === '') {
        assert.deepEqual(result.findings, [], file);
        continue;
      }
      assert.equal(result.source.shape, 'cli-output', file);
      assert.deepEqual(result.source.problems, [], file);
      assert.deepEqual(result.internalErrors, [], file);
      assert.ok(result.source.documents[0]!.statements.length > 0, file);
    }
  });

  test('on the policies Access Analyzer checked, every Error we report, Access Analyzer reports too', () => {
    const analyzer = analyzerFindings();
    assert.equal(analyzer.size, 56);
    const disagreements: string[] = [];
    for (const [file, aa] of analyzer) {
      const codes = new Set(aa.map((f) => f.issueCode));
      for (const finding of results.get(file)?.findings ?? []) {
        if (finding.severity !== 'error') continue;
        const rule = ruleById(finding.ruleId)?.meta;
        const claimed = rule?.equivalents.accessAnalyzer ?? [];
        // ValidatePolicy has no check for what a least-privilege rule with no equivalent finds (an escalation
        // to administrator in IAMFullAccess): there is nothing to agree with. Validity errors must agree.
        if (claimed.length === 0 && rule?.family === 'least-privilege') continue;
        if (!claimed.some((c) => codes.has(c)))
          disagreements.push(
            `${file}: we report ${finding.ruleId} (${finding.message}); Access Analyzer reports ${[...codes].join(', ')}`,
          );
      }
    }
    assert.deepEqual(disagreements, []);
  });

  test('AdministratorAccess is administrator access, and ReadOnlyAccess is not', () => {
    assert.ok(results.get('AdministratorAccess.json')!.findings.some((f) => f.ruleId === 'admin-access'));
    assert.ok(
      !results
        .get('ReadOnlyAccess.json')!
        .findings.some((f) => f.ruleId === 'admin-access' || f.ruleId === 'wildcard-action'),
    );
  });
});
