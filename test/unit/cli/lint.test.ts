import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { loadGrammars } from '../helpers/grammars';
import { repoRoot } from '../helpers/paths';
import { cli } from '../helpers/cli';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudwarden-lint-'));
const bad = path.join(dir, 'bad.json');
writeFileSync(
  bad,
  '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::b/*"}]\n}\n',
);
const warnOnly = path.join(dir, 'warn.json');
writeFileSync(
  warnOnly,
  '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]}',
);
const clean = path.join(dir, 'nested', 'clean.yaml');
mkdirSync(path.dirname(clean));
writeFileSync(
  clean,
  'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: s3:GetObject\n    Resource: arn:aws:s3:::b/*\n',
);
const oddName = path.join(dir, 'policy.txt');
writeFileSync(
  oddName,
  '{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}',
);

describe('cloudwarden lint', () => {
  test('text: file:line:col severity rule message, and a summary; exit 1 on an error', () => {
    const r = cli(['lint', bad]);
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      new RegExp(
        `^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:48: error unknown-action: Unknown action 's3:GetObjekt'\\. Did you mean 's3:GetObject'`,
        'm',
      ),
    );
    assert.match(r.stdout, /1 file checked: 1 finding \(1 errors, 0 warnings, 0 info\)\n$/);
  });

  test('json: the documented shape with 0-based ranges and equivalents', () => {
    const r = cli(['lint', '--format', 'json', bad]);
    const out = JSON.parse(r.stdout) as {
      files: {
        path: string;
        findings: {
          rule: string;
          severity: string;
          message: string;
          range: unknown;
          equivalents: Record<string, string[]>;
        }[];
      }[];
    };
    assert.equal(out.files.length, 1);
    assert.deepEqual(out.files[0]!.findings[0], {
      rule: 'unknown-action',
      severity: 'error',
      message: out.files[0]!.findings[0]!.message,
      range: { start: { line: 2, character: 47 }, end: { line: 2, character: 59 } },
      equivalents: { accessAnalyzer: ['INVALID_ACTION'], parliament: ['UNKNOWN_ACTION'] },
    });
  });

  test('sarif: 2.1.0 with 1-based regions and the rules that fired', () => {
    const r = cli(['lint', '--format=sarif', bad, warnOnly]);
    const log = JSON.parse(r.stdout) as {
      version: string;
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: {
          ruleId: string;
          level: string;
          locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[];
        }[];
      }[];
    };
    assert.equal(log.version, '2.1.0');
    const run = log.runs[0]!;
    assert.deepEqual(run.tool.driver.rules.map((x) => x.id).sort(), ['unknown-action', 'wildcard-action']);
    const result = run.results.find((x) => x.ruleId === 'unknown-action')!;
    assert.equal(result.level, 'error');
    assert.deepEqual(result.locations[0]!.physicalLocation.region.startLine, 3);
    assert.deepEqual(result.locations[0]!.physicalLocation.region.startColumn, 48);
  });

  test('--fail-on decides the exit code', () => {
    assert.equal(cli(['lint', warnOnly]).code, 0, 'warnings pass the default --fail-on error');
    assert.equal(cli(['lint', '--fail-on', 'warning', warnOnly]).code, 1);
    assert.equal(cli(['lint', '--fail-on', 'none', bad]).code, 0);
  });

  test('folders are walked; explicit files are read whatever their extension', () => {
    const r = cli(['lint', '--format', 'json', dir]);
    const paths = (JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => path.relative(dir, f.path));
    assert.deepEqual(paths, ['bad.json', path.join('nested', 'clean.yaml'), 'warn.json']);
    const odd = JSON.parse(cli(['lint', '--format', 'json', oddName]).stdout) as {
      files: { findings: { rule: string }[] }[];
    };
    assert.deepEqual(
      odd.files[0]!.findings.map((f) => f.rule),
      ['missing-version'],
    );
  });

  test('usage and read errors exit 2', () => {
    assert.equal(cli(['lint']).code, 2);
    assert.equal(cli(['lint', '--format', 'xml', bad]).code, 2);
    assert.equal(cli(['lint', '--bogus', bad]).code, 2);
    const missing = cli(['lint', path.join(dir, 'nope.json')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.json: no such file or folder/);
    assert.match(missing.stdout, /^0 files checked/, 'a missing path is not counted as checked');
    // Beside a file that exists: that one is linted and counted, the run still exits 2.
    const mixed = cli(['lint', '--format', 'json', path.join(dir, 'nope.json'), warnOnly]);
    assert.equal(mixed.code, 2);
    assert.deepEqual(
      (JSON.parse(mixed.stdout) as { files: { path: string }[] }).files.map((f) => f.path),
      [warnOnly],
    );
    assert.match(mixed.stderr, /nope\.json: no such file or folder/);
  });

  test('the demo workspace lints, and each file has the findings its README promises', async () => {
    await loadGrammars();
    const r = cli(['lint', '--format', 'json', path.join(repoRoot, 'demo')]);
    const out = JSON.parse(r.stdout) as {
      files: { path: string; findings: { rule: string }[] }[];
      notAnalysed: { path: string; reason: string }[];
    };
    const rulesOf = (name: string) =>
      new Set(out.files.find((f) => f.path.endsWith(name))!.findings.map((f) => f.rule));
    const promised: Record<string, string[]> = {
      'reporting-stack.yaml': [
        'unknown-action',
        'unknown-condition-operator',
        'wildcard-action',
        'passrole-star-resource',
        'missing-version',
        'invalid-sid',
        'privilege-escalation',
        'credentials-exposure',
      ],
      'orders-api-stack.ts': ['unknown-action', 'wildcard-action', 'aws-managed-admin-policy', 'oidc-trust-unpinned'],
      'main.tf': ['wildcard-action', 'bucket-secure-transport'],
    };
    for (const [file, rules] of Object.entries(promised)) {
      for (const rule of rules)
        assert.ok(rulesOf(file).has(rule), `${file}: ${rule} missing from ${[...rulesOf(file)].join(', ')}`);
    }
    for (const f of out.files.filter((x) => !Object.keys(promised).some((name) => x.path.endsWith(name)))) {
      assert.deepEqual(
        f.findings.filter((x) => x.rule !== 'resource-star'),
        [],
        `${f.path} should be clean`,
      );
    }
    // The Terraform module's dynamic block over a variable without a default is said, not skipped.
    assert.deepEqual(
      out.notAnalysed.map((n) => [path.basename(n.path), /var\.extra_statements/.test(n.reason)]),
      [['main.tf', true]],
    );
  });
});
