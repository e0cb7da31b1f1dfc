import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { initialize, openDocument, positionIn, startServer, type LspSession } from './lspClient';

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
interface Published {
  uri: string;
  diagnostics: {
    code?: string;
    severity?: number;
    message: string;
    range: Range;
    relatedInformation?: { message: string; location: { range: Range } }[];
  }[];
}
interface Status {
  uri: string;
  notAnalysed: { reason: string; line?: number }[];
  internalErrors: string[];
}

/**
 * Findings on one element reach the editor as one diagnostic (the most severe finding's rule and message,
 * the others as related information), each still fixable and suppressible on its own; what the linter
 * could not analyse is an Information diagnostic, and the document's status says so too.
 */
describe('server: one diagnostic per element, and what was not analysed', () => {
  let session: LspSession;
  const published: Published[] = [];
  const statuses: Status[] = [];
  const latest = async <T extends { uri: string }>(list: T[], uri: string): Promise<T> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = list.filter((p) => p.uri === uri).at(-1);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`nothing for ${uri}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  before(async () => {
    session = await startServer();
    session.connection.onNotification('textDocument/publishDiagnostics', (p: Published) => published.push(p));
    session.connection.onNotification('cloudwarden/documentStatus', (p: Status) => statuses.push(p));
    await initialize(session);
  });
  after(async () => {
    assert.equal(await session.close(), 0);
  });

  test('several rules on one wildcard: one diagnostic, the others as related information, every suppression offered', async () => {
    // YAML, where each rule can be suppressed by a comment.
    const text = 'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: iam:*\n    Resource: "*"\n';
    const uri = 'file:///w/group.yaml';
    await openDocument(session, uri, 'yaml', text);
    const p = await latest(published, uri);
    const at = positionIn(text, 'iam:*', 0);
    const onWildcard = p.diagnostics.filter(
      (d) => d.range.start.line === at.line && d.range.start.character === at.character,
    );
    assert.equal(onWildcard.length, 1, JSON.stringify(p.diagnostics, null, 1));
    const [d] = onWildcard;
    const related = d!.relatedInformation ?? [];
    assert.ok(related.length >= 2, 'the other findings on the wildcard are related information');
    const rules = [d!.code, ...related.map((r) => /^([a-z-]+) \((error|warning|info)\): /.exec(r.message)?.[1])];
    assert.ok(rules.includes('wildcard-action') && rules.includes('credentials-exposure'), rules.join(', '));
    assert.equal(new Set(rules).size, rules.length, 'each rule once');
    for (const r of related) assert.deepEqual(r.location.range, d!.range);
    const actions = await session.connection.sendRequest<{ title: string; diagnostics?: { code?: string }[] }[]>(
      'textDocument/codeAction',
      {
        textDocument: { uri },
        range: d!.range,
        context: { diagnostics: [d] },
      },
    );
    for (const rule of rules)
      assert.ok(
        actions.some((a) => a.title.includes(`${rule}`) && /Suppress|suppress/.test(a.title)),
        `a suppression of ${rule}: ${actions.map((a) => a.title).join(' | ')}`,
      );
    assert.ok(
      actions.every((a) => !a.diagnostics || a.diagnostics[0]?.code === d!.code),
      'every action points at the one diagnostic',
    );
  });

  test('a file that nests too deeply is not analysed: an Information diagnostic and the document status say so', async () => {
    const text = `Statement:\n${'['.repeat(1000)}${']'.repeat(1000)}\n`;
    const uri = 'file:///w/deep.yaml';
    await openDocument(session, uri, 'yaml', text);
    const p = await latest(published, uri);
    const notAnalysed = p.diagnostics.filter((d) => d.code === 'not-analysed');
    assert.equal(notAnalysed.length, 1, JSON.stringify(p.diagnostics));
    assert.equal(notAnalysed[0]!.severity, 3, 'Information');
    assert.match(notAnalysed[0]!.message, /nests more than \d+ levels deep/);
    const status = await latest(statuses, uri);
    assert.equal(status.notAnalysed.length, 1);
    assert.match(status.notAnalysed[0]!.reason, /nests more than/);
    assert.deepEqual(status.internalErrors, []);
  });

  test('a clean policy has an empty status', async () => {
    const uri = 'file:///w/clean.json';
    await openDocument(
      session,
      uri,
      'json',
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}',
    );
    const status = await latest(statuses, uri);
    assert.deepEqual(status, { uri, notAnalysed: [], internalErrors: [] });
  });
});
