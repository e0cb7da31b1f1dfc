import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildReport, Catalog, reportMarkdown, type JudgedAction, type ReportInput } from '../../../src/core';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);
const NOW = Date.parse('2026-12-01T00:00:00Z');
const SPAN = { start: 0, end: 1 };

function judged(status: 'used' | 'unused' | 'unknown', ...actions: string[]): JudgedAction[] {
  return actions.map((action) => ({ verdict: { action, status, sources: ['CloudTrail log files'] }, span: SPAN }));
}

function input(
  principal: string,
  file: string,
  actions: JudgedAction[],
  denied: ReportInput['denied'] = [],
): ReportInput {
  return {
    uri: `file:///w/${file}`,
    file,
    line: 3,
    principal,
    mappingEvidence: '.cloudwarden.yaml:2',
    evidence: 'based on 30 days of CloudTrail log files.',
    actions,
    denied,
  };
}

const READER = 'arn:aws:iam::111122223333:role/reader';
const ADMIN = 'arn:aws:iam::111122223333:role/admin';

describe('the workspace report of unused permissions', () => {
  const report = buildReport(
    [
      input(READER, 'reader.json', [...judged('used', 's3:ListBucket'), ...judged('unused', 's3:ListAllMyBuckets')]),
      input(ADMIN, 'admin/a.json', [
        ...judged('used', 'sqs:ListQueues', 'ec2:RunInstances'),
        ...judged('unused', 'sqs:DeleteQueue'),
      ]),
      // The same role's second policy: iam:PassRole unused (with ec2:RunInstances: privilege escalation), sqs:DeleteQueue again counts once.
      input(
        ADMIN,
        'admin/b.yaml',
        [...judged('unused', 'iam:PassRole', 'sqs:DeleteQueue', 'iam:TagRole'), ...judged('unknown', 's3:GetObject')],
        [{ action: 'kms:Decrypt', count: 2, last: NOW - 86_400_000 }],
      ),
    ],
    { catalog, now: NOW, unmappedFiles: 1 },
  );

  test('principals with the riskiest unused grants come first; an action of two policies counts once', () => {
    assert.deepEqual(
      report.principals.map((p) => p.principal),
      [ADMIN, READER],
    );
    const admin = report.principals[0]!;
    assert.deepEqual(admin.counts, { granted: 6, used: 2, unused: 3, unknown: 1 });
    assert.deepEqual(
      admin.unused.map((g) => [g.action, g.label, g.risk]),
      [
        ['iam:PassRole', 'privilege escalation', 3],
        ['sqs:DeleteQueue', 'Write', 2],
        ['iam:TagRole', 'Tagging', 1],
      ],
    );
    assert.deepEqual(
      admin.policies.map((p) => p.file),
      ['admin/a.json', 'admin/b.yaml'],
    );
    assert.deepEqual(
      admin.denied.map((d) => d.action),
      ['kms:Decrypt'],
    );
    assert.deepEqual(
      report.principals[1]!.unused.map((g) => g.label),
      ['List'],
    );
  });

  test('privilege escalation only where the principal holds the whole method', () => {
    const alone = buildReport([input(READER, 'r.json', judged('unused', 'ec2:StopInstances'))], {
      catalog,
      now: NOW,
      unmappedFiles: 0,
    });
    assert.equal(alone.principals[0]!.unused[0]!.label, 'Write');
    const evidence = alone.principals[0]!.evidence;
    assert.equal(evidence, 'based on 30 days of CloudTrail log files');
  });

  test('Markdown: a summary table, then each principal with its policies, unused grants and refusals', () => {
    const markdown = reportMarkdown(report);
    assert.match(markdown, /^# Unused permissions\n/);
    assert.match(markdown, /\| `arn:aws:iam::111122223333:role\/admin` \| 6 \| 2 \| 3 \| 1 \| 2 \|/);
    assert.match(markdown, /- `admin\/b\.yaml:3` \(principal from \.cloudwarden\.yaml:2\)/);
    assert.match(markdown, /- `iam:PassRole`: privilege escalation\n- `sqs:DeleteQueue`: Write/);
    assert.match(markdown, /- `kms:Decrypt`: 2 times, last 2026-11-30/);
    assert.match(markdown, /1 more files hold policies mapped to no principal/);
    assert.ok(markdown.indexOf('role/admin`\n') < markdown.indexOf('role/reader`\n'));
  });

  test('nothing mapped: the report says how to map a principal', () => {
    const empty = reportMarkdown(buildReport([], { catalog, now: NOW, unmappedFiles: 0 }));
    assert.match(empty, /No policy in the workspace is mapped .* `principals` entry in `\.cloudwarden\.yaml`/);
  });
});
