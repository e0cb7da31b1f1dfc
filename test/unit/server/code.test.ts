import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cdkStack } from '../../harness/cdkStack';
import { repoRoot } from '../helpers/paths';
import { initialize, openDocument, positionIn, startServer, type LspSession } from './lspClient';

interface Published {
  uri: string;
  version?: number;
  diagnostics: { code?: string; message: string; range: { start: { line: number; character: number } } }[];
}

const fixture = (...parts: string[]) =>
  readFileSync(path.join(repoRoot, 'test', 'fixtures', 'workspace', ...parts), 'utf8');

/**
 * TypeScript (CDK) and Terraform documents over LSP: the grammar loads on the first such document, the
 * findings arrive, TypeScript that is not a CDK app gets nothing, and a large generated stack goes to the
 * worker thread (which loads its own grammar) while the server keeps answering.
 */
describe('server: CDK TypeScript and Terraform documents', () => {
  let session: LspSession;
  const published: Published[] = [];
  const latest = async (
    uri: string,
    ready: (p: Published) => boolean = () => true,
    ms = 60_000,
  ): Promise<Published> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = published.filter((p) => p.uri === uri).at(-1);
      if (found && ready(found)) return found;
      if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri} within ${ms} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  before(async () => {
    session = await startServer({ CLOUDWARDEN_LINT_WORKER_THRESHOLD: '200000' });
    session.connection.onNotification('textDocument/publishDiagnostics', (p: Published) => published.push(p));
    await initialize(session);
  });
  after(async () => {
    assert.equal(await session.close(), 0);
  });

  test('a CDK stack gets its findings on the code', async () => {
    const text = fixture('cdk', 'lib', 'pipeline-stack.ts');
    await openDocument(session, 'file:///w/cdk/lib/pipeline-stack.ts', 'typescript', text);
    const p = await latest('file:///w/cdk/lib/pipeline-stack.ts', (d) => d.diagnostics.length > 0);
    const typo = p.diagnostics.find((d) => d.code === 'unknown-action');
    assert.ok(typo, JSON.stringify(p.diagnostics));
    assert.deepEqual(typo.range.start, positionIn(text, 's3:GetObjekt', 0));
  });

  test('a Terraform module gets its findings, and hover answers on an action', async () => {
    const text = fixture('terraform', 'main.tf');
    await openDocument(session, 'file:///w/terraform/main.tf', 'terraform', text);
    const p = await latest('file:///w/terraform/main.tf', (d) => d.diagnostics.length > 0);
    assert.ok(
      p.diagnostics.some((d) => d.code === 'unknown-action'),
      JSON.stringify(p.diagnostics),
    );
    const hover = (await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: 'file:///w/terraform/main.tf' },
      position: positionIn(text, 's3:GetObject', 4),
    })) as { contents: { value: string } } | null;
    assert.match(hover?.contents.value ?? '', /s3:GetObject/);
  });

  test('a .tsx CDK file (typescriptreact) gets its findings, its JSX parsed as such', async () => {
    const text =
      "import * as iam from 'aws-cdk-lib/aws-iam';\nexport const v = <Show statement={new iam.PolicyStatement({ actions: ['s3:GetObjekt'], resources: ['*'] })} />;\n";
    await openDocument(session, 'file:///w/cdk/lib/view.tsx', 'typescriptreact', text);
    const p = await latest('file:///w/cdk/lib/view.tsx', (d) => d.diagnostics.length > 0);
    const typo = p.diagnostics.find((d) => d.code === 'unknown-action');
    assert.ok(typo, JSON.stringify(p.diagnostics));
    assert.deepEqual(typo.range.start, positionIn(text, 's3:GetObjekt', 0));
  });

  test('TypeScript that does not import the CDK gets nothing, even with look-alike constructs', async () => {
    // A statement the CDK reader would report on, in a file that does not import the CDK (a look-alike API).
    const text =
      "import * as iam from './my-iam';\nexport const s = new iam.PolicyStatement({ actions: ['s3:GetObjekt'] });\n";
    await openDocument(session, 'file:///w/src/other.ts', 'typescript', text);
    const p = await latest('file:///w/src/other.ts');
    assert.deepEqual(p.diagnostics, []);
  });

  test('a 300,000-character generated CDK stack is linted in the worker, and hover on a small file is answered meanwhile', async () => {
    const big = cdkStack(7000).replace("'s3:GetObject'", "'s3:GetObjekt'");
    assert.ok(big.length > 200_000);
    await openDocument(session, 'file:///w/cdk/lib/generated.ts', 'typescript', big);
    const hover = await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: 'file:///w/terraform/main.tf' },
      position: positionIn(fixture('terraform', 'main.tf'), 's3:GetObject', 4),
    });
    assert.ok(hover, 'hover answered');
    const p = await latest('file:///w/cdk/lib/generated.ts', (d) => d.diagnostics.length > 0, 120_000);
    assert.ok(
      p.diagnostics.some((d) => d.code === 'unknown-action' && d.message.includes('s3:GetObjekt')),
      JSON.stringify(p.diagnostics.slice(0, 5)),
    );
  });
});

describe('server: hover in a CDK file before its first lint', () => {
  test('the parser is loaded for the hover, not answered from an empty placeholder', async () => {
    const session = await startServer();
    try {
      await initialize(session);
      const text = fixture('cdk', 'lib', 'pipeline-stack.ts');
      // No wait for diagnostics: the hover comes before the debounced lint has loaded the grammar.
      await openDocument(session, 'file:///w/cdk/lib/fresh-stack.ts', 'typescript', text);
      const hover = (await session.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: 'file:///w/cdk/lib/fresh-stack.ts' },
        position: positionIn(text, 'logs:CreateLogStream', 4),
      })) as { contents: { value: string } } | null;
      assert.match(hover?.contents.value ?? '', /logs:CreateLogStream/);
    } finally {
      assert.equal(await session.close(), 0);
    }
  });
});

describe('server: a Terraform module file that changes on disk', () => {
  test('re-reads the open .tf files of its folder (a variable default changed in variables.tf)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cloudwarden-module-'));
    const variables = path.join(dir, 'variables.tf');
    writeFileSync(variables, 'variable "actions" {\n  default = ["s3:*"]\n}\n');
    const main =
      'data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = var.actions\n    resources = ["arn:aws:s3:::b/*"]\n  }\n}\n';
    const uri = pathToFileURL(path.join(dir, 'main.tf')).href;
    const session = await startServer();
    const published: Published[] = [];
    session.connection.onNotification('textDocument/publishDiagnostics', (p: Published) => published.push(p));
    const latest = async (ready: (p: Published) => boolean) => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const found = published.filter((p) => p.uri === uri).at(-1);
        if (found && ready(found)) return found;
        if (Date.now() > deadline)
          throw new Error(
            `not published as expected: ${JSON.stringify(published.filter((p) => p.uri === uri).at(-1))}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      await initialize(session);
      await openDocument(session, uri, 'terraform', main);
      const before = await latest((p) => p.diagnostics.length > 0);
      assert.ok(
        before.diagnostics.some((d) => d.code === 'wildcard-action' && /var\.actions in variables\.tf/.test(d.message)),
        JSON.stringify(before.diagnostics),
      );
      writeFileSync(variables, 'variable "actions" {\n  default = ["s3:GetObject"]\n}\n');
      const count = published.length;
      await session.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(variables).href, type: 2 }],
      });
      const after = await latest((p) => published.indexOf(p) >= count);
      assert.ok(!after.diagnostics.some((d) => d.code === 'wildcard-action'), JSON.stringify(after.diagnostics));
    } finally {
      assert.equal(await session.close(), 0);
    }
  });
});
