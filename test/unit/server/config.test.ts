import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { openDocument, positionIn, startServer, type LspSession } from './lspClient';

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  code?: string;
  message: string;
}
interface CodeAction {
  title: string;
  edit: {
    changes?: Record<string, { newText: string }[]>;
    documentChanges?: (
      { kind: string; uri: string } | { textDocument: { uri: string }; edits: { newText: string }[] }
    )[];
  };
}

const HINT = 4;

// A workspace folder with a project file, and one without.
const root = mkdtempSync(path.join(os.tmpdir(), 'cloudwarden-ws-'));
const bare = mkdtempSync(path.join(os.tmpdir(), 'cloudwarden-bare-'));
mkdirSync(path.join(root, 'policies'));
const projectFile = path.join(root, '.cloudwarden.yaml');
writeFileSync(
  projectFile,
  'rules:\n  resource-star: off\nsuppressions:\n  - path: policies/legacy.json\n    rule: wildcard-action\n    reason: replaced next quarter\n',
);
const uri = (file: string) => pathToFileURL(file).toString();

const yamlText =
  'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    # cloudwarden-ignore wildcard-action: public mirror\n    Action: s3:*\n    Resource: arn:aws:s3:::b/*\n  - Effect: Allow\n    Action: sqs:*\n    Resource: arn:aws:sqs:*:*:q\n';
const jsonText =
  '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]}';

describe('language server: project file and suppressions', () => {
  let session: LspSession;
  const published = new Map<string, Diagnostic[]>();
  const waiters: (() => void)[] = [];

  /** Waits until the diagnostics of `docUri` satisfy `ok` (each publish is checked; no timing assumed). */
  async function diagnosticsOf(docUri: string, ok: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    while (!(published.has(docUri) && ok(published.get(docUri)!)))
      await new Promise<void>((resolve) => waiters.push(resolve));
    return published.get(docUri)!;
  }
  const actionsAt = (docUri: string, text: string, needle: string) =>
    session.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: docUri },
      range: { start: positionIn(text, needle), end: positionIn(text, needle) },
      context: { diagnostics: [] },
    });

  before(async () => {
    session = await startServer();
    session.connection.onNotification(
      'textDocument/publishDiagnostics',
      (p: { uri: string; diagnostics: Diagnostic[] }) => {
        published.set(p.uri, p.diagnostics);
        waiters.splice(0).forEach((w) => w());
      },
    );
    await session.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri(root),
      workspaceFolders: [
        { uri: uri(root), name: 'ws' },
        { uri: uri(bare), name: 'bare' },
      ],
      capabilities: {
        workspace: { workspaceFolders: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
      },
    });
    await session.connection.sendNotification('initialized', {});
  });
  after(async () => {
    assert.equal(await session.close(), 0);
  });

  test('a comment suppression: the finding is a Hint that gives the reason; the rest stays', async () => {
    const docUri = uri(path.join(root, 'policies', 'bucket.yaml'));
    await openDocument(session, docUri, 'yaml', yamlText);
    const diagnostics = await diagnosticsOf(docUri, (d) => d.length > 0);
    const hints = diagnostics.filter((d) => d.severity === HINT);
    assert.deepEqual(
      hints.map((d) => d.code),
      ['wildcard-action'],
    );
    assert.match(hints[0]!.message, /Suppressed by a comment: public mirror/);
    assert.deepEqual(
      diagnostics.filter((d) => d.severity !== HINT).map((d) => d.code),
      ['wildcard-action'],
      'sqs:* is not suppressed; resource-star is off',
    );
  });

  test('YAML quick fix: a comment line above, with a placeholder reason', async () => {
    const docUri = uri(path.join(root, 'policies', 'bucket.yaml'));
    const actions = await actionsAt(docUri, yamlText, 'sqs:*');
    const suppress = actions.find((a) => a.title === 'Suppress wildcard-action with a comment')!;
    assert.deepEqual(
      suppress.edit.changes![docUri]!.map((e) => e.newText),
      ['    # cloudwarden-ignore wildcard-action: TODO reason\n'],
    );
  });

  test('the project file suppresses by path, and plain JSON gets a quick fix that appends to it', async () => {
    const legacy = uri(path.join(root, 'policies', 'legacy.json'));
    await openDocument(session, legacy, 'json', jsonText);
    const diagnostics = await diagnosticsOf(legacy, (d) => d.length > 0);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity]),
      [['wildcard-action', HINT]],
    );
    assert.match(diagnostics[0]!.message, /Suppressed in \.cloudwarden\.yaml:4: replaced next quarter/);

    const other = uri(path.join(root, 'policies', 'other.json'));
    await openDocument(session, other, 'json', jsonText);
    await diagnosticsOf(other, (d) => d.some((x) => x.code === 'wildcard-action' && x.severity !== HINT));
    const action = (await actionsAt(other, jsonText, 's3:*')).find(
      (a) => a.title === 'Suppress wildcard-action here in .cloudwarden.yaml',
    )!;
    const [change] = action.edit.documentChanges! as { textDocument: { uri: string }; edits: { newText: string }[] }[];
    assert.equal(change!.textDocument.uri, uri(projectFile));
    assert.equal(
      change!.edits[0]!.newText,
      '\n  - path: "policies/other.json"\n    rule: wildcard-action\n    match: "s3:*"\n    reason: TODO reason',
    );
  });

  test('without a project file the quick fix creates one at the workspace folder root', async () => {
    const docUri = uri(path.join(bare, 'p.json'));
    await openDocument(session, docUri, 'json', jsonText);
    await diagnosticsOf(docUri, (d) => d.length > 0);
    const action = (await actionsAt(docUri, jsonText, 's3:*')).find((a) =>
      a.title.startsWith('Suppress wildcard-action'),
    )!;
    const [create, edit] = action.edit.documentChanges!;
    assert.deepEqual(create, {
      kind: 'create',
      uri: uri(path.join(bare, '.cloudwarden.yaml')),
      options: { ignoreIfExists: true },
    });
    assert.match(
      (edit as { edits: { newText: string }[] }).edits[0]!.newText,
      /^suppressions:\n {2}- path: "p\.json"\n/,
    );
  });

  test('a JSON CloudFormation template gets a Metadata quick fix', async () => {
    const text =
      '{\n  "Resources": {\n    "P": {\n      "Type": "AWS::IAM::ManagedPolicy",\n      "Properties": {"PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": "arn:aws:sqs:*:*:q"}]}}\n    }\n  }\n}\n';
    const docUri = uri(path.join(bare, 'template.json'));
    await openDocument(session, docUri, 'json', text);
    await diagnosticsOf(docUri, (d) => d.length > 0);
    const action = (await actionsAt(docUri, text, 'sqs:*')).find(
      (a) => a.title === "Suppress wildcard-action in the resource's Metadata",
    )!;
    assert.match(
      action.edit.changes![docUri]![0]!.newText,
      /^\n {6}"Metadata": \{ "cloudwarden": \{ "ignore": \[\{ "rule": "wildcard-action", "reason": "TODO reason" \}\] \} \},$/,
    );
  });

  test('a changed project file (watched-file event) re-lints open documents', async () => {
    const docUri = uri(path.join(root, 'policies', 'bucket.yaml'));
    writeFileSync(projectFile, 'rules:\n  wildcard-action: off\n  resource-star: off\n');
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uri(projectFile), type: 2 }],
    });
    const diagnostics = await diagnosticsOf(
      docUri,
      (d) => !d.some((x) => x.code === 'wildcard-action' && x.severity !== HINT),
    );
    assert.deepEqual(diagnostics, [], 'the rule is off: neither the finding nor its suppression remains');
  });

  test('the problems of an open .cloudwarden.yaml are its diagnostics, and they are logged when read', async () => {
    const text = 'rules:\n  wildcard-acton: off\nsuppressions:\n  - path: a.json\n    rule: wildcard-action\n';
    writeFileSync(projectFile, text);
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uri(projectFile), type: 2 }],
    });
    await openDocument(session, uri(projectFile), 'yaml', text);
    const diagnostics = await diagnosticsOf(uri(projectFile), (d) => d.length > 0);
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line, d.severity, d.message]),
      [
        [1, 2, "Unknown rule id 'wildcard-acton'. Did you mean 'wildcard-action'?"],
        [3, 2, 'This suppression has no reason: say why the finding is acceptable (it still applies)'],
      ],
    );
    const logged = () => session.logs.some((m) => m.includes("Unknown rule id 'wildcard-acton'"));
    // The re-lint after the watched-file event read the file again: its problems are in the log.
    while (!logged()) await new Promise<void>((resolve) => waiters.push(resolve));
  });
});
