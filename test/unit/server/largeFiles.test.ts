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
    const small =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}';
    await openDocument(session, 'file:///small.json', 'json', small);
    await openDocument(session, 'file:///big.yaml', 'yaml', big);
    // The debounced lint of the big file starts 150 ms after opening; ask during it.
    await new Promise((resolve) => setTimeout(resolve, 250));
    const order: string[] = [];
    const bigHover = session.connection
      .sendRequest('textDocument/hover', {
        textDocument: { uri: 'file:///big.yaml' },
        position: positionIn(big, 'sqs:SendMessage', 2),
      })
      .then((h) => (order.push('big'), h));
    const smallHover = session.connection
      .sendRequest('textDocument/hover', {
        textDocument: { uri: 'file:///small.json' },
        position: positionIn(small, 's3:GetObject', 2),
      })
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
      const text = base.replace(new RegExp('s3:PutObject', 'g'), (m, offset: number) =>
        offset < v * 4000 ? 's3:PutObjekt' : m,
      );
      await session.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: 'file:///burst.yaml', version: v },
        contentChanges: [{ text }],
      });
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
    const last = edits + 1;
    const deadline = Date.now() + 60_000;
    while (!published.some((p) => p.uri === 'file:///burst.yaml' && p.version === last) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const forBurst = published.filter((p) => p.uri === 'file:///burst.yaml');
    const final = forBurst.find((p) => p.version === last);
    assert.ok(final, `published versions: ${forBurst.map((p) => p.version).join(', ')}`);
    assert.ok(final.diagnostics.some((d) => d.code === 'unknown-action'));
    assert.ok(
      forBurst.every((p) => p.version === 1 || p.version === last),
      `a stale version was published: ${forBurst.map((p) => p.version).join(', ')}`,
    );
    assert.ok(!session.logs.some((l) => /failed/i.test(l)), session.logs.join('\n'));
  });

  test('bad input: a binary file named .json is said to be not analysed, and the server still answers', async () => {
    let bytes = '';
    // Deterministic noise with every byte value, NULs included, as a file read as text would hold.
    for (let i = 0, x = 7; i < 300_000; i++)
      bytes += String.fromCharCode((x = (x * 1103515245 + 12345) % 2147483648) % 256);
    await openDocument(session, 'file:///binary.json', 'json', bytes);
    const deadline = Date.now() + 60_000;
    const of = (uri: string) => published.filter((p) => p.uri === uri).at(-1);
    while (!of('file:///binary.json') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const said = of('file:///binary.json')!.diagnostics;
    assert.deepEqual(
      said.map((d) => d.code),
      ['not-analysed'],
      JSON.stringify(said),
    );
    assert.match(said[0]!.message, /not text/);
    const small =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*"}]}';
    await openDocument(session, 'file:///after.json', 'json', small);
    const hover = await session.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri: 'file:///after.json' },
      position: positionIn(small, 'kms:Decrypt', 2),
    });
    assert.match(hover.contents.value, /kms:Decrypt/);
    assert.ok(!session.logs.some((l) => /failed/i.test(l)), session.logs.join('\n'));
  });
});

describe('a file over cloudwarden.lint.maxFileSize: linted when opened and saved, not as it is typed', () => {
  test('the notice, no re-lint on an edit (nor on the hover, CodeLens and quick-fix requests after it), a re-lint on save', async () => {
    // The file is over the worker threshold too, so that hover and CodeLens would wait for a reading.
    const session = await startServer({ CLOUDWARDEN_LINT_WORKER_THRESHOLD: '5000' });
    const published: Published[] = [];
    const statuses: { uri: string; onSaveOnly?: { characters: number; limit: number } }[] = [];
    session.connection.onNotification('textDocument/publishDiagnostics', (p: Published) => published.push(p));
    session.connection.onNotification('cloudwarden/documentStatus', (p: (typeof statuses)[number]) => statuses.push(p));
    try {
      await initialize(session);
      await session.connection.sendNotification('workspace/didChangeConfiguration', {
        settings: { cloudwarden: { lint: { maxFileSize: 10_000 } } },
      });
      const statement = '{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"},';
      const text = (misspelt: number) =>
        `{"Version": "2012-10-17", "Statement": [${statement.repeat(200 - misspelt)}${statement.replace('GetObject', 'GetObjekt').repeat(misspelt)}{}]}`;
      const uri = 'file:///large.json';
      const at = async (version: number) => {
        const deadline = Date.now() + 30_000;
        for (;;) {
          const p = published.find((x) => x.uri === uri && x.version === version);
          if (p) return p;
          if (Date.now() > deadline)
            throw new Error(
              `version ${version} was not published; published: ${published.map((x) => x.version).join(', ')}`,
            );
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      await openDocument(session, uri, 'json', text(1));
      const opened = await at(1);
      assert.equal(opened.diagnostics[0]!.code, 'lint-on-save');
      assert.match(
        opened.diagnostics[0]!.message,
        /over cloudwarden\.lint\.maxFileSize \(10,000\): CloudWarden lints it when it is opened and saved/,
      );
      assert.equal(opened.diagnostics.filter((d) => d.code === 'unknown-action').length, 1);
      assert.deepEqual(statuses.at(-1)?.onSaveOnly, { characters: text(1).length, limit: 10_000 });
      // An edit: nothing is linted (the findings of the last lint stay), not even for the requests a client
      // sends after an edit (CodeLens, hover, code actions): they answer nothing until the save.
      await session.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: 2 },
        contentChanges: [{ text: text(2) }],
      });
      assert.deepEqual(await session.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }), []);
      assert.equal(
        await session.connection.sendRequest('textDocument/hover', {
          textDocument: { uri },
          position: { line: 0, character: 60 },
        }),
        null,
      );
      await session.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
        context: { diagnostics: [] },
      });
      // A small document opened after the edit is linted after it (its debounce started later, and both take
      // the same path): when its diagnostics arrive, a lint of the edit would have been published before them.
      await openDocument(
        session,
        'file:///marker.json',
        'json',
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*"}]}',
      );
      const deadline = Date.now() + 30_000;
      while (!published.some((p) => p.uri === 'file:///marker.json') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      assert.ok(!published.some((p) => p.uri === uri && p.version === 2), 'the edit was not linted');
      await session.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
      const saved = await at(2);
      assert.equal(saved.diagnostics.filter((d) => d.code === 'unknown-action').length, 2);
    } finally {
      assert.equal(await session.close(), 0);
    }
  });

  test('a large file with no policy gets no notice: there is nothing to lint on save', async () => {
    const session = await startServer();
    const published: Published[] = [];
    session.connection.onNotification('textDocument/publishDiagnostics', (p: Published) => published.push(p));
    try {
      await initialize(session);
      await session.connection.sendNotification('workspace/didChangeConfiguration', {
        settings: { cloudwarden: { lint: { maxFileSize: 1_000 } } },
      });
      const lock = JSON.stringify({
        name: 'app',
        packages: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`p${i}`, { version: '1.0.0' }])),
      });
      await openDocument(session, 'file:///package-lock.json', 'json', lock);
      const deadline = Date.now() + 30_000;
      while (!published.some((p) => p.uri === 'file:///package-lock.json') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(published.find((p) => p.uri === 'file:///package-lock.json')?.diagnostics, []);
    } finally {
      assert.equal(await session.close(), 0);
    }
  });
});
