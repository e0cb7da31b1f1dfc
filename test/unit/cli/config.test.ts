import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { cli } from '../helpers/cli';

// repo/.cloudwarden.yaml applies to everything below it; repo/vendor is ignored.
const repo = mkdtempSync(path.join(os.tmpdir(), 'cloudwarden-config-'));
mkdirSync(path.join(repo, 'policies'));
mkdirSync(path.join(repo, 'vendor'));
const typo =
  '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "arn:aws:s3:::b/*"}]}';
writeFileSync(path.join(repo, 'policies', 'legacy.json'), typo);
writeFileSync(path.join(repo, 'vendor', 'third-party.json'), typo);
writeFileSync(
  path.join(repo, 'policies', 'commented.yaml'),
  'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: s3:*  # cloudwarden-ignore wildcard-action: public mirror\n    Resource: arn:aws:s3:::b/*\n',
);
const projectFile = path.join(repo, '.cloudwarden.yaml');
writeFileSync(
  projectFile,
  'rules:\n  resource-star: off\nignore:\n  - vendor\nsuppressions:\n  - path: policies/legacy.json\n    rule: unknown-action\n    match: s3:GetObjekt\n    reason: kept for the old SDK\n',
);
const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'cloudwarden-elsewhere-'));
const otherConfig = path.join(elsewhere, 'strict.yaml');
writeFileSync(otherConfig, 'rules:\n  wildcard-action: error\n  unknown-rule: off\n');

interface JsonOut {
  files: {
    path: string;
    findings: { rule: string }[];
    suppressed: {
      rule: string;
      reason: string | null;
      suppressedBy: { kind: string; line?: number; origin?: string };
    }[];
  }[];
}

describe('cloudwarden lint with a project file', () => {
  test('the nearest .cloudwarden.yaml applies: suppressed findings are counted and never fail the run', () => {
    const r = cli(['lint', repo]);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /2 files checked: 0 findings \(0 errors, 0 warnings, 0 info\), 2 suppressed\n$/);
    assert.doesNotMatch(r.stdout, /vendor/, 'ignored folders are not walked');
    assert.equal(r.stderr, '');
  });

  test('an explicitly named file is found the same way, and an ignored one is skipped with a note', () => {
    const r = cli([
      'lint',
      '--format',
      'json',
      path.join(repo, 'policies', 'legacy.json'),
      path.join(repo, 'vendor', 'third-party.json'),
    ]);
    const out = JSON.parse(r.stdout) as JsonOut;
    assert.equal(out.files.length, 1);
    assert.match(r.stderr, /third-party\.json: skipped, the project file's ignore names it/);
  });

  test('json: each file lists its suppressed findings with the reason and where the suppression is', () => {
    const out = JSON.parse(cli(['lint', '--format', 'json', repo]).stdout) as JsonOut;
    const byName = new Map(out.files.map((f) => [path.basename(f.path), f]));
    assert.deepEqual(
      byName.get('legacy.json')!.suppressed.map((s) => [s.rule, s.reason, s.suppressedBy]),
      [['unknown-action', 'kept for the old SDK', { kind: 'project', origin: '.cloudwarden.yaml:6' }]],
    );
    assert.deepEqual(
      byName.get('commented.yaml')!.suppressed.map((s) => [s.rule, s.reason, s.suppressedBy]),
      [['wildcard-action', 'public mirror', { kind: 'comment', line: 4 }]],
    );
  });

  test('sarif: suppressed results carry suppressions (inSource for comments, external for the project file)', () => {
    const log = JSON.parse(cli(['lint', '--format', 'sarif', repo]).stdout) as {
      runs: {
        tool: { driver: { rules: { id: string }[] } };
        results: { ruleId: string; suppressions?: { kind: string; justification?: string }[] }[];
      }[];
    };
    const results = log.runs[0]!.results;
    assert.deepEqual(results.map((x) => [x.ruleId, x.suppressions]).sort(), [
      ['unknown-action', [{ kind: 'external', justification: 'kept for the old SDK' }]],
      ['wildcard-action', [{ kind: 'inSource', justification: 'public mirror' }]],
    ]);
    assert.deepEqual(log.runs[0]!.tool.driver.rules.map((x) => x.id).sort(), ['unknown-action', 'wildcard-action']);
  });

  test('--config replaces the nearest file; its problems go to stderr with line and column', () => {
    const r = cli(['lint', '--config', otherConfig, path.join(repo, 'policies')]);
    assert.equal(r.code, 1, 'unknown-action is no longer suppressed, and fails the run');
    assert.match(r.stdout, /error unknown-action/);
    assert.match(r.stderr, /strict\.yaml:3:3: warning: Unknown rule id 'unknown-rule'\./);
  });

  test('the globs of a --config file are relative to the current folder, wherever the file is', () => {
    const config = path.join(elsewhere, 'ci.yaml');
    writeFileSync(
      config,
      'ignore: [vendor]\nsuppressions:\n  - path: policies/*.json\n    rule: unknown-action\n    reason: old SDK\n',
    );
    const cwd = process.cwd();
    process.chdir(repo);
    try {
      const r = cli(['lint', '--format', 'json', '--config', config, '.']);
      assert.equal(r.code, 0, r.stdout);
      const legacy = (JSON.parse(r.stdout) as JsonOut).files.find((f) => f.path.endsWith('legacy.json'))!;
      assert.deepEqual(
        legacy.suppressed.map((x) => [x.reason, x.suppressedBy]),
        [['old SDK', { kind: 'project', origin: 'ci.yaml:3' }]],
      );
    } finally {
      process.chdir(cwd);
    }
  });

  test('--config with a file that cannot be read exits 2', () => {
    const r = cli(['lint', '--config', path.join(elsewhere, 'missing.yaml'), repo]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read the configuration .*missing\.yaml: ENOENT/);
    assert.equal(cli(['lint', '--config']).code, 2);
  });

  test('a project-file suppression that applies to linted files but silences nothing is reported on stderr', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudwarden-unused-'));
    writeFileSync(
      path.join(dir, '.cloudwarden.yaml'),
      'suppressions:\n  - path: p.json\n    rule: unknown-action\n    reason: used\n  - path: p.json\n    rule: admin-access\n    reason: never fires\n  - path: other.json\n    rule: admin-access\n    reason: not linted in this run\n',
    );
    writeFileSync(path.join(dir, 'p.json'), typo);
    const r = cli(['lint', path.join(dir, 'p.json')]);
    assert.equal(r.code, 0);
    assert.deepEqual(
      r.stderr
        .trim()
        .split('\n')
        .map((l) => l.replace(/^.*\.cloudwarden\.yaml/, '')),
      [':5: info: unused suppression: it applies to files linted here but silenced nothing'],
    );
  });

  test('a broken project file degrades to the defaults and says why', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudwarden-broken-'));
    writeFileSync(path.join(dir, '.cloudwarden.yaml'), 'rules: [\n');
    writeFileSync(path.join(dir, 'p.json'), typo);
    const r = cli(['lint', dir]);
    assert.equal(r.code, 1, 'nothing suppressed: the typo fails the run');
    assert.match(r.stderr, /\.cloudwarden\.yaml:\d+:\d+: error: /);
  });
});
