import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot } from '../../harness/paths';
import { initialize, openDocument, positionIn, startServer, type LspSession } from './lspClient';

const policyText = readFileSync(
  path.join(repoRoot, 'test', 'fixtures', 'workspace', 'policies', 'deploy-policy.json'),
  'utf8',
);
const templateText = readFileSync(
  path.join(repoRoot, 'test', 'fixtures', 'workspace', 'templates', 'function-role.yaml'),
  'utf8',
);

interface HoverResult {
  contents: { kind: string; value: string };
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

describe('language server over LSP (stdio, no VS Code)', () => {
  let session: LspSession;
  before(async () => {
    session = await startServer();
  });
  after(async () => {
    const code = await session.close();
    assert.equal(code, 0, 'the server exits cleanly after shutdown/exit');
  });

  test('initialize advertises hover, incremental sync and save notifications', async () => {
    const result = await initialize(session);
    assert.equal(result.capabilities.hoverProvider, true);
    assert.deepEqual(result.capabilities.textDocumentSync, {
      openClose: true,
      change: 2,
      save: { includeText: false },
    });
  });

  test('hover on an action in JSON: Markdown with the action, its access level and the exact range', async () => {
    await openDocument(session, 'file:///p.json', 'json', policyText);
    const hover = await session.connection.sendRequest<HoverResult>('textDocument/hover', {
      textDocument: { uri: 'file:///p.json' },
      position: positionIn(policyText, '"s3:ListBucket"', 3),
    });
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /\*\*s3:ListBucket\*\* · List/);
    const start = positionIn(policyText, '"s3:ListBucket"', 1);
    assert.deepEqual(hover.range, {
      start,
      end: { line: start.line, character: start.character + 's3:ListBucket'.length },
    });
  });

  test('hover in a YAML template with CloudFormation tags', async () => {
    await openDocument(session, 'file:///t.yaml', 'yaml', templateText);
    const hover = await session.connection.sendRequest<HoverResult>('textDocument/hover', {
      textDocument: { uri: 'file:///t.yaml' },
      position: positionIn(templateText, 'dynamodb:GetItem', 2),
    });
    assert.match(hover.contents.value, /\*\*dynamodb:GetItem\*\* · Read/);
  });

  test('hover on an unknown action suggests the right one', async () => {
    const text = '{"Statement":[{"Effect":"Allow","Action":"s3:GetObjekt","Resource":"*"}]}';
    await openDocument(session, 'file:///typo.json', 'json', text);
    const hover = await session.connection.sendRequest<HoverResult>('textDocument/hover', {
      textDocument: { uri: 'file:///typo.json' },
      position: positionIn(text, 's3:GetObjekt'),
    });
    assert.match(hover.contents.value, /matches no known action\. Did you mean `s3:GetObject`/);
  });

  test('no hover outside an Action element, nor in other languages', async () => {
    const none = await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: 'file:///p.json' },
      position: positionIn(policyText, '"ReadArtifacts"'),
    });
    assert.equal(none, null);
    await openDocument(session, 'file:///x.txt', 'plaintext', 'Action: s3:GetObject');
    const plain = await session.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: 'file:///x.txt' },
      position: { line: 0, character: 10 },
    });
    assert.equal(plain, null);
  });

  test('custom requests: catalogInfo, searchActions, actionDetails', async () => {
    const info = await session.connection.sendRequest<{
      ok: boolean;
      services: number;
      actions: number;
      dataDate: string;
    }>('cloudwarden/catalogInfo', {});
    assert.equal(info.ok, true);
    assert.ok(info.services >= 400 && info.actions >= 20_000);
    const search = await session.connection.sendRequest<{ items: { action: string }[]; total: number }>(
      'cloudwarden/searchActions',
      { query: 'kms decrypt', limit: 5 },
    );
    assert.equal(search.items[0]?.action, 'kms:Decrypt');
    assert.ok(search.items.length <= 5 && search.total >= search.items.length);
    const details = await session.connection.sendRequest<{ markdown: string } | null>('cloudwarden/actionDetails', {
      action: 'KMS:DECRYPT',
    });
    assert.match(details!.markdown, /\*\*kms:Decrypt\*\*/);
    assert.equal(await session.connection.sendRequest('cloudwarden/actionDetails', { action: 'nope:Nothing' }), null);
  });

  test('browse items and action details name the service that owns the prefix', async () => {
    const search = await session.connection.sendRequest<{ items: { action: string; serviceName: string }[] }>(
      'cloudwarden/searchActions',
      { query: 'cloudformation:CreateStack', limit: 1 },
    );
    assert.deepEqual(
      search.items.map((i) => [i.action, i.serviceName]),
      [['cloudformation:CreateStack', 'AWS CloudFormation']],
    );
    const details = await session.connection.sendRequest<{ markdown: string; docsUrl: string }>(
      'cloudwarden/actionDetails',
      { action: 'cloudformation:CreateStack' },
    );
    assert.match(details.markdown, /\[AWS CloudFormation in the Service Authorization Reference\]/);
    assert.match(details.docsUrl, /\/list_awscloudformation\.html#/);
  });

  test('the hover and CodeLens switches are honoured by the server itself (any editor, not only VS Code)', async () => {
    await openDocument(session, 'file:///switches.json', 'json', policyText);
    const hover = () =>
      session.connection.sendRequest<HoverResult | null>('textDocument/hover', {
        textDocument: { uri: 'file:///switches.json' },
        position: positionIn(policyText, '"s3:ListBucket"', 3),
      });
    const lenses = () =>
      session.connection.sendRequest<unknown[]>('textDocument/codeLens', {
        textDocument: { uri: 'file:///switches.json' },
      });
    assert.ok(await hover());
    assert.ok((await lenses()).length > 0);
    await session.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { cloudwarden: { hover: { enable: false }, codeLens: { enable: false } } },
    });
    assert.equal(await hover(), null);
    assert.deepEqual(await lenses(), []);
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { cloudwarden: {} } });
    assert.ok(await hover());
  });

  test('bad parameters get an answer, not a crash', async () => {
    const search = await session.connection.sendRequest<{ items: unknown[] }>('cloudwarden/searchActions', {
      query: 42,
      limit: -3,
    });
    assert.ok(Array.isArray(search.items));
    assert.equal(await session.connection.sendRequest('cloudwarden/actionDetails', {}), null);
  });
});

describe('language server with a missing catalog', () => {
  test('reports the problem once, answers every request, and keeps running', async () => {
    const session = await startServer({ CLOUDWARDEN_CATALOG: path.join(repoRoot, 'no-such-catalog.json') });
    try {
      await initialize(session);
      const info = await session.connection.sendRequest<{ ok: boolean; message: string }>(
        'cloudwarden/catalogInfo',
        {},
      );
      assert.equal(info.ok, false);
      assert.match(info.message, /no-such-catalog\.json/);
      await openDocument(session, 'file:///p.json', 'json', policyText);
      const hover = await session.connection.sendRequest('textDocument/hover', {
        textDocument: { uri: 'file:///p.json' },
        position: positionIn(policyText, '"s3:GetObject"'),
      });
      assert.equal(hover, null);
      const search = await session.connection.sendRequest<{ error?: string }>('cloudwarden/searchActions', {
        query: 's3',
      });
      assert.match(search.error ?? '', /no-such-catalog\.json/);
      await session.connection.sendRequest('cloudwarden/catalogInfo', {});
    } finally {
      assert.equal(await session.close(), 0);
    }
    // Logged once however many requests needed the catalog.
    assert.equal(session.logs.filter((m) => m.includes('no-such-catalog.json')).length, 1, session.logs.join('\n'));
  });
});
