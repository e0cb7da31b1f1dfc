import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../helpers/paths';
import { cli } from '../helpers/cli';

describe('cloudwarden actions', () => {
  test('prints one action a line with its access level', () => {
    const { code, stdout } = cli(['actions', 's3:GetObject*']);
    assert.equal(code, 0);
    const lines = stdout.trimEnd().split('\n');
    assert.ok(lines.length >= 5, stdout);
    assert.match(lines[0]!, /^s3:GetObject\s+Read$/);
    assert.ok(
      lines.every((l) => /^s3:GetObject\S*\s+(Read|List|Write|Tagging|Permissions management)$/.test(l)),
      stdout,
    );
  });

  test('--json gives the pattern, the count and the actions', () => {
    const { code, stdout } = cli(['actions', '--json', 'iam:PassRole']);
    assert.equal(code, 0);
    assert.deepEqual(JSON.parse(stdout), {
      pattern: 'iam:PassRole',
      count: 1,
      actions: [{ action: 'iam:PassRole', accessLevel: 'Write' }],
      suggestions: [],
    });
  });

  test('*:Get* expands across services', () => {
    const { stdout } = cli(['actions', '--json', '*:Get*']);
    const out = JSON.parse(stdout) as { count: number; actions: { action: string }[] };
    assert.ok(out.count > 2000, `count ${out.count}`);
    assert.ok(new Set(out.actions.map((a) => a.action.split(':')[0])).size > 200);
  });

  test('an unknown pattern exits 1 with a suggestion', () => {
    const { code, stdout, stderr } = cli(['actions', 's3:GetObjekt']);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /No action matches 's3:GetObjekt'\. Did you mean: s3:GetObject/);
    const json = JSON.parse(cli(['actions', '--json', 's3:GetObjekt']).stdout) as {
      count: number;
      suggestions: string[];
    };
    assert.equal(json.count, 0);
    assert.equal(json.suggestions[0], 's3:GetObject');
  });

  test('usage errors exit 2', () => {
    assert.equal(cli([]).code, 2);
    assert.equal(cli(['actions']).code, 2);
    assert.equal(cli(['actions', 'a:b', 'c:d']).code, 2);
    assert.equal(cli(['actions', '--yaml', 's3:*']).code, 2);
    assert.equal(cli(['frobnicate']).code, 2);
    assert.equal(cli(['--help']).code, 0);
  });

  test('a corrupt catalog is a clear error, exit 2', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudwarden-cli-'));
    const bad = path.join(dir, 'catalog.json');
    writeFileSync(bad, '{"formatVersion": 1, "services": [');
    const { code, stderr } = cli(['actions', 's3:*'], bad);
    assert.equal(code, 2);
    assert.match(stderr, /catalog\.json/);
  });

  test('the bundled dist/cli.js runs as a program', () => {
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'actions', 'sts:GetCallerIdentity'], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^sts:GetCallerIdentity\s+Read\n$/);
    const version = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), '--version'], {
      encoding: 'utf8',
    });
    assert.match(version.stdout, /^cloudwarden \d+\.\d+\.\d+ \(IAM data \d{4}-\d{2}-\d{2}\)\n$/);
  });
});
