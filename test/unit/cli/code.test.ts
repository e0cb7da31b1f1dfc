import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../helpers/paths';

/** The built CLI (dist/cli.js), as a user runs it: it loads the parsers itself before a lint run. */
function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const workspace = path.join('test', 'fixtures', 'workspace');

describe('cloudwarden lint: CDK TypeScript and Terraform', () => {
  test('a folder walk reads the CDK stack and the Terraform module, line-accurate', () => {
    const r = cli(['lint', '--format', 'json', path.join(workspace, 'cdk'), path.join(workspace, 'terraform')]);
    assert.equal(r.stderr, '');
    const out = JSON.parse(r.stdout) as {
      files: { path: string; findings: { rule: string; message: string; range: { start: { line: number } } }[] }[];
    };
    const paths = out.files.map((f) => f.path.split(path.sep).join('/'));
    assert.deepEqual(paths, [`${workspace}/cdk/lib/pipeline-stack.ts`, `${workspace}/terraform/main.tf`]);
    const [cdk, tf] = out.files;
    assert.ok(
      cdk!.findings.some(
        (f) => f.rule === 'unknown-action' && f.message.includes('s3:GetObjekt') && f.range.start.line === 18,
      ),
      JSON.stringify(cdk!.findings),
    );
    assert.ok(
      tf!.findings.some(
        (f) => f.rule === 'unknown-action' && f.message.includes('s3:PutObjekt') && f.range.start.line === 11,
      ),
      JSON.stringify(tf!.findings),
    );
    assert.equal(r.code, 1);
  });

  test('declaration files are not read: the demo CDK app lists its stack, entry point and JSON, not types/*.d.ts', () => {
    const r = cli(['lint', '--format', 'json', path.join('demo', 'cdk')]);
    const paths = (JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) =>
      f.path.split(path.sep).join('/'),
    );
    assert.deepEqual(paths, [
      'demo/cdk/bin/app.ts',
      'demo/cdk/cdk.json',
      'demo/cdk/lib/orders-api-stack.ts',
      'demo/cdk/tsconfig.json',
    ]);
  });

  test('what used to pass as "checked, 0 findings": CDK through require, TSX, Terraform dynamic blocks; a binary .json holds nothing', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cloudwarden-sources-'));
    writeFileSync(
      path.join(dir, 'binary.json'),
      Buffer.from([0x7b, 0x22, 0x53, 0x74, 0x61, 0x74, 0x65, 0x6d, 0x65, 0x6e, 0x74, 0x22, 0, 1, 2, 0xff]),
    );
    writeFileSync(
      path.join(dir, 'stack.ts'),
      "import iam = require('aws-cdk-lib/aws-iam');\nexport const s = new iam.PolicyStatement({ actions: ['s3:GetObjekt'], resources: ['*'] });\n",
    );
    writeFileSync(
      path.join(dir, 'view.tsx'),
      "import * as iam from 'aws-cdk-lib/aws-iam';\nexport const v = <Policy statement={new iam.PolicyStatement({ actions: ['sqs:SendMesage'], resources: ['*'] })} />;\n",
    );
    writeFileSync(
      path.join(dir, 'types.d.mts'),
      "import * as iam from 'aws-cdk-lib/aws-iam';\nexport declare const s: iam.PolicyStatement;\n",
    );
    writeFileSync(
      path.join(dir, 'main.tf'),
      `data "aws_iam_policy_document" "p" {
  dynamic "statement" {
    for_each = var.buckets
    content {
      actions   = ["s3:GetObjekt"]
      resources = ["arn:aws:s3:::\${statement.value}/*"]
    }
  }
  dynamic "statement" {
    for_each = ["sns:Publsh", "sqs:SendMessage"]
    content {
      actions   = [statement.value]
      resources = ["*"]
    }
  }
}
`,
    );
    const r = cli(['lint', '--format', 'json', dir]);
    assert.equal(r.stderr, '');
    const out = JSON.parse(r.stdout) as {
      files: {
        path: string;
        findings: { rule: string; message: string; range: { start: { line: number; character: number } } }[];
      }[];
    };
    const found = Object.fromEntries(
      out.files.map((f) => [
        path.basename(f.path),
        f.findings
          .filter((x) => x.rule === 'unknown-action')
          .map((x) => `${x.range.start.line}:${x.range.start.character} ${/'([^']+)'/.exec(x.message)?.[1]}`),
      ]),
    );
    assert.deepEqual(found, {
      'binary.json': [],
      'main.tf': ['4:20 s3:GetObjekt', '9:17 sns:Publsh'],
      'stack.ts': ['1:54 s3:GetObjekt'],
      'view.tsx': ['1:73 sqs:SendMesage'],
    });
  });
});
