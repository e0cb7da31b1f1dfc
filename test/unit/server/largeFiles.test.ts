import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { yamlTemplate } from '../../harness/templates';
import { initialize, openDocument, positionIn, startServer, type LspSession } from './lspClient';

interface Published {
  uri: string;
  version?: number;
  diagnostics: { code?: string; message: string }[];
}

/**
 * A 1 MB YAML template (about a second to read) is linted in the worker thread: the server answers hover
 * on another document meanwhile, and a burst of edits publishes the diagnostics of the last version only.
 */
describe('large files: linted off the server thread, stale lints cancelled', () => {
  let session: LspSession;
  const published: Published[] = [];
  before(async () => {
    session = await startServer();
    session.connection.onNotification('textDocument/publishDiagnostics', (p: Published) => published.push(p));
    await initialize(session);
  });
  after(async () => {
    assert.equal(await session.close(), 0);
  });

  test('hover on a small policy is answered while a 1 MB template is being linted', async () => {
    const big = yamlTemplate().text;
    const small = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}';
    await openDocument(session, 'file:///small.json', 'json', small);
    await openDocument(session, 'file:///big.yaml', 'yaml', big);
    // The debounced lint of the big file starts 150 ms after opening; ask during it.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const order: string[] = [];
    const bigHover = session.connection
      .sendRequest('textDocument/hover', { textDocument: { uri: 'file:///big.yaml' }, position: positionIn(big, 'sqs:SendMessage', 2) })
      .then((h) => (order.push('big'), h));
    const smallHover = session.connection
      .sendRequest('textDocument/hover', { textDocument: { uri: 'file:///small.json' }, position: positionIn(small, 's3:GetObject', 2) })
      .then((h) => (order.push('small'), h));
    const [b, s] = await Promise.all([bigHover, smallHover]);
    assert.ok(b && s, 'both hovers answered');
    assert.deepEqual(order, ['small', 'big'], 'the small document did not wait for the big one');
  });

  test('a burst of edits to the big template publishes the last version only, with its finding', async () => {
    const base = yamlTemplate().text;
    await openDocument(session, 'file:///burst.yaml', 'yaml', base);
    const edits = 4;
    for (let v = 2; v <= edits + 1; v++) {
      // Each version misspells one more action: only the last one's findings may be published.
      const text = base.replace(new RegExp('s3:PutObject', 'g'), (m, offset: number) => (offset < v * 4000 ? 's3:PutObjekt' : m));
      await session.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///burst.yaml', version: v }, contentChanges: [{ text }] });
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    const last = edits + 1;
    const deadline = Date.now() + 60_000;
    while (!published.some((p) => p.uri === 'file:///burst.yaml' && p.version === last) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const forBurst = published.filter((p) => p.uri === 'file:///burst.yaml');
    const final = forBurst.find((p) => p.version === last);
    assert.ok(final, `published versions: ${forBurst.map((p) => p.version).join(', ')}`);
    assert.ok(final.diagnostics.some((d) => d.code === 'unknown-action'));
    assert.ok(forBurst.every((p) => p.version === 1 || p.version === last), `a stale version was published: ${forBurst.map((p) => p.version).join(', ')}`);
    assert.ok(!session.logs.some((l) => /failed/i.test(l)), session.logs.join('\n'));
  });

  test('bad input: a 50 MB file is skipped with a notice, a binary file named .json reports nothing, and the server still answers', async () => {
    const huge = `{"Version": "2012-10-17", "Statement": [${'{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},'.repeat(800_000)}{}]}`;
    assert.ok(huge.length > 50_000_000);
    await openDocument(session, 'file:///huge.json', 'json', huge);
    let bytes = '';
    // Deterministic noise with every byte value, NULs included, as a file read as text would hold.
    for (let i = 0, x = 7; i < 300_000; i++) bytes += String.fromCharCode((x = (x * 1103515245 + 12345) % 2147483648) % 256);
    await openDocument(session, 'file:///binary.json', 'json', bytes);
    const deadline = Date.now() + 60_000;
    const of = (uri: string) => published.filter((p) => p.uri === uri).at(-1);
    while ((!of('file:///huge.json') || !of('file:///binary.json')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.match(of('file:///huge.json')!.diagnostics[0]!.message, /skipped this file: .* over cloudwarden\.lint\.maxFileSize/);
    assert.deepEqual(of('file:///binary.json')!.diagnostics, [], 'not a policy: nothing to say');
    const small = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]}';
    await openDocument(session, 'file:///after.json', 'json', small);
    const hover = await session.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: 'file:///after.json' }, position: positionIn(small, 'kms:Decrypt', 2) });
    assert.match(hover.contents.value, /kms:Decrypt/);
    assert.ok(!session.logs.some((l) => /failed/i.test(l)), session.logs.join('\n'));
  });
});
