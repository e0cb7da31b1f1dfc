import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../helpers/paths';

/** The built CLI (dist/cli.js), as a user runs it: it loads the parsers itself before a lint run. */
function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const workspace = path.join('test', 'fixtures', 'workspace');

describe('cloudwarden lint: CDK TypeScript and Terraform', () => {
  test('a folder walk reads the CDK stack and the Terraform module, line-accurate', () => {
    const r = cli(['lint', '--format', 'json', path.join(workspace, 'cdk'), path.join(workspace, 'terraform')]);
    assert.equal(r.stderr, '');
    const out = JSON.parse(r.stdout) as { files: { path: string; findings: { rule: string; message: string; range: { start: { line: number } } }[] }[] };
    const paths = out.files.map((f) => f.path.split(path.sep).join('/'));
    assert.deepEqual(paths, [`${workspace}/cdk/lib/pipeline-stack.ts`, `${workspace}/terraform/main.tf`]);
    const [cdk, tf] = out.files;
    assert.ok(cdk!.findings.some((f) => f.rule === 'unknown-action' && f.message.includes('s3:GetObjekt') && f.range.start.line === 18), JSON.stringify(cdk!.findings));
    assert.ok(tf!.findings.some((f) => f.rule === 'unknown-action' && f.message.includes('s3:PutObjekt') && f.range.start.line === 11), JSON.stringify(tf!.findings));
    assert.equal(r.code, 1);
  });

  test('declaration files are not read: the demo CDK app lists its stack, entry point and JSON, not types/*.d.ts', () => {
    const r = cli(['lint', '--format', 'json', path.join('demo', 'cdk')]);
    const paths = (JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => f.path.split(path.sep).join('/'));
    assert.deepEqual(paths, ['demo/cdk/bin/app.ts', 'demo/cdk/cdk.json', 'demo/cdk/lib/orders-api-stack.ts', 'demo/cdk/tsconfig.json']);
  });
});
