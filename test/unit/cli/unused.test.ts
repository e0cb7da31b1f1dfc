import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../../../src/cli/run';
import { principalIdentity } from '../../../src/core';
import { INVICTUS_FOLDER, invictusFileEvents } from '../../harness/invictusEvents';
import { repoRoot } from '../../harness/paths';
import { loadGrammars } from '../helpers/grammars';
import { catalogFile, rulesDocsUri } from '../helpers/paths';

const USER = 'arn:aws:iam::123837392027:user/benjamin';
const dir = mkdtempSync(path.join(tmpdir(), 'cloudwarden-unused-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function unused(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['unused', '--logs', INVICTUS_FOLDER, '--index', path.join(dir, 'index'), ...args], {
    catalogFile,
    rulesDocsUri,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

function mappingFile(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

function policyFile(name: string, actions: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(
    file,
    JSON.stringify(
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] },
      null,
      2,
    ),
  );
  return file;
}

/** The actions the user called and was allowed, by a plain scan of the dataset. */
const usedByScan = new Set(
  invictusFileEvents()
    .flatMap((f) => f.events)
    .filter((e) => principalIdentity(e.principal) === USER && e.action !== undefined)
    .filter((e) => !/AccessDenied|Unauthorized/.test(e.errorCode ?? ''))
    .map((e) => e.action!),
);

describe('cloudwarden unused', () => {
  before(loadGrammars);

  test('JSON: each granted action used, unused or unknown, as a plain scan of the logs says', async () => {
    const file = policyFile('policy.json', ['iam:List*', 'iam:DeleteUser', 's3:GetObject', 'iam:PassRole']);
    const run = await unused(['--principal', USER, '--since', '2020-01-01', '--format', 'json', file]);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as {
      policies: {
        principal: string;
        mappingEvidence: string;
        evidence: string;
        actions: { action: string; status: string; reason?: string }[];
        findings: { rule: string }[];
      }[];
    };
    const [policy] = report.policies;
    assert.equal(policy!.principal, USER);
    assert.equal(policy!.mappingEvidence, '--principal on the command line');
    assert.match(policy!.evidence, /^based on \d+ hours? of CloudTrail log files \(2023-07-1\d to 2023-07-1\d\)/);
    assert.ok(
      [...usedByScan].some((a) => a.startsWith('iam:List')),
      'the user listed IAM',
    );
    for (const { action, status } of policy!.actions) {
      if (action === 's3:GetObject' || action === 'iam:PassRole') assert.equal(status, 'unknown', action);
      else assert.equal(status, usedByScan.has(action) ? 'used' : 'unused', action);
    }
    assert.deepEqual(
      policy!.findings.map((f) => f.rule),
      ['mostly-unused-wildcard', 'unused-action'],
    );
  });

  test('text and SARIF; exit 0 when everything granted was used', async () => {
    const used = [...usedByScan].filter((a) => a.startsWith('iam:')).sort();
    const clean = await unused(['--principal', USER, '--since', '2020-01-01', policyFile('used.json', used)]);
    assert.equal(clean.code, 0, clean.stderr);
    assert.match(clean.stdout, new RegExp(`${used.length} used, 0 unused, 0 unknown`));
    const sarif = await unused([
      '--principal',
      USER,
      '--since',
      '2020-01-01',
      '--format',
      'sarif',
      policyFile('s.json', [used[0]!, 'iam:DeleteUser']),
    ]);
    assert.equal(sarif.code, 1);
    const log = JSON.parse(sarif.stdout) as { runs: { results: { ruleId: string; message: { text: string } }[] }[] };
    assert.equal(log.runs[0]!.results[0]!.ruleId, 'unused-action');
    assert.match(
      log.runs[0]!.results[0]!.message.text,
      /iam:DeleteUser was not used in the \d+ (minutes|hours?) from 2023-07-1\d/,
    );
  });

  test('usage errors and a policy with no principal exit 2, saying why', async () => {
    const file = policyFile('p.json', ['iam:GetUser']);
    const cases: [string[], RegExp][] = [
      [[file], /no principal for this policy \(give --principal or a --mapping entry\)/],
      [['--principal', 'benjamin', file], /--principal needs a role's or user's ARN/],
      [['--principal', USER, '--since', 'yesterday', file], /--since yesterday: not a duration/],
      [['--principal', USER], /name the policy files/],
      [['--principal', USER, '--mapping', path.join(dir, 'missing.yaml'), file], /cannot read the mapping/],
      [
        ['--mapping', mappingFile('bad.yaml', 'principals:\n  - principal: role/app\n'), file],
        /bad\.yaml:2:16: error: principal must be a role's or user's ARN/,
      ],
      [['--principal', USER, '--account', '1234', file], /--account needs an account id \(12 digits\)/],
      [['--principal', USER, path.join(dir, 'none.json')], /none\.json: cannot read: ENOENT/],
    ];
    for (const [args, error] of cases) {
      const run = await unused(args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, error, args.join(' '));
    }
  });

  test("the principal from the source: a literal UserName in --account's account; without it, said why not", async () => {
    const template = path.join(dir, 'users.yaml');
    writeFileSync(
      template,
      `Resources:
  Benjamin:
    Type: AWS::IAM::User
    Properties:
      UserName: benjamin
      Policies:
        - PolicyName: admin
          PolicyDocument: { Statement: [{ Effect: Allow, Action: [iam:ListUsers, iam:DeleteUser], Resource: '*' }] }
`,
    );
    const run = await unused(['--account', '123837392027', '--since', '2020-01-01', '--format', 'json', template]);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { policies: { principal: string; mappingEvidence: string }[] };
    assert.deepEqual(report.policies[0], {
      ...report.policies[0],
      principal: USER,
      mappingEvidence: 'UserName at users.yaml:5, account 123837392027 of --account',
    });
    const without = await unused(['--since', '2020-01-01', template]);
    assert.equal(without.code, 2);
    assert.match(
      without.stderr,
      /no principal for this policy \(give --principal or a --mapping entry\); UserName at users\.yaml:5: no account to name it in \(give --account: the CLI calls no AWS API\)/,
    );
  });

  test('the principal from cdk.out, offline: the name and account its template and environment give', async () => {
    const stack = path.join(repoRoot, 'test', 'fixtures', 'cdk-assembly', 'lib', 'orders-api.ts');
    const run = await unused(['--principal', USER, '--since', '2020-01-01', '--format', 'json', stack]);
    const report = JSON.parse(run.stdout) as {
      policies: { document: string; principal: string; mappingEvidence: string }[];
    };
    assert.deepEqual(
      report.policies.map((p) => [p.document, p.principal, p.mappingEvidence]),
      [
        ['role.addToPolicy (line 10)', USER, '--principal on the command line'],
        [
          'audit.addToPolicy (line 16)',
          'arn:aws:iam::123837392027:role/audit/orders-audit',
          'stack orders-service-dev (cdk.out, OrdersApi/AuditRole/Resource), AuditRole4C1F2A3B named orders-audit in its template, account 123837392027 of its environment',
        ],
        ['handler.addToRolePolicy (line 22)', USER, '--principal on the command line'],
      ],
    );
  });

  test('a window with no event in the logs: every action unknown, and a note says why', async () => {
    const run = await unused(['--principal', USER, '--format', 'json', policyFile('late.json', ['iam:DeleteUser'])]);
    assert.equal(run.code, 0);
    assert.match(run.stderr, /the log files hold no event since \d{4}-\d\d-\d\d: every action is unknown/);
    const report = JSON.parse(run.stdout) as { policies: { actions: { status: string }[] }[] };
    assert.deepEqual(
      report.policies[0]!.actions.map((a) => a.status),
      ['unknown'],
    );
  });
});
