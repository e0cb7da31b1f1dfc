import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { initialize, openDocument, positionIn, startServer, type LspSession } from './lspClient';

interface HoverResult {
  contents: { kind: string; value: string };
}
interface CompletionResult {
  isIncomplete: boolean;
  items: {
    label: string;
    detail?: string;
    insertTextFormat?: number;
    textEdit: {
      newText: string;
      range: { start: { line: number; character: number }; end: { line: number; character: number } };
    };
    command?: { command: string };
  }[];
}

const policy = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: 'arn:aws:s3:::orders-bucket/*',
        Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'aws:kms', 'aws:PrincipalOrgID': 'o-1' } },
      },
    ],
  },
  null,
  2,
);

const trust =
  'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Principal:\n      Service: lambda.amazonaws.com\n    Action: sts:AssumeRole\n';

describe('hover and completion over LSP', () => {
  let session: LspSession;
  before(async () => {
    session = await startServer();
    await initialize(session);
    await openDocument(session, 'file:///p.json', 'json', policy);
    await openDocument(session, 'file:///trust.yaml', 'yaml', trust);
  });
  after(async () => {
    await session.close();
  });

  const hover = (uri: string, position: { line: number; character: number }) =>
    session.connection.sendRequest<HoverResult | null>('textDocument/hover', { textDocument: { uri }, position });
  const complete = (uri: string, position: { line: number; character: number }) =>
    session.connection.sendRequest<CompletionResult | null>('textDocument/completion', {
      textDocument: { uri },
      position,
    });

  test("hover on a service condition key: type, description, which of the statement's actions support it", async () => {
    const h = await hover('file:///p.json', positionIn(policy, 's3:x-amz-server-side-encryption', 3));
    assert.ok(h);
    assert.match(h.contents.value, /\*\*`s3:x-amz-server-side-encryption`\*\* · String/);
    assert.match(h.contents.value, /In this statement: `s3:PutObject`/);
    assert.match(h.contents.value, /Not supported by `s3:GetObject`/);
  });

  test('hover on a global condition key says it is global', async () => {
    const h = await hover('file:///p.json', positionIn(policy, 'aws:PrincipalOrgID', 3));
    assert.match(h!.contents.value, /A global condition key/);
  });

  test('hover on an ARN: its fields, the resource type, the actions it applies to', async () => {
    const h = await hover('file:///p.json', positionIn(policy, 'orders-bucket', 2));
    assert.match(h!.contents.value, /\| aws \| s3 \| — \| — \| orders-bucket\/\* \|/);
    assert.match(h!.contents.value, /s3:object/);
    assert.match(h!.contents.value, /Applies to `s3:GetObject`, `s3:PutObject`/);
  });

  test('hover on a service principal in a YAML trust policy', async () => {
    const h = await hover('file:///trust.yaml', positionIn(trust, 'lambda.amazonaws.com', 2));
    assert.match(h!.contents.value, /service principal/);
    assert.match(h!.contents.value, /Lambda functions run with the role/);
  });

  test('completion in an action: a service prefix offers its actions with access levels, replacing the whole value', async () => {
    const text =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["dynamodb:Get"], "Resource": "*"}]}';
    await openDocument(session, 'file:///c1.json', 'json', text);
    const at = positionIn(text, 'dynamodb:Get', 'dynamodb:Get'.length);
    const list = await complete('file:///c1.json', at);
    const item = list!.items.find((i) => i.label === 'dynamodb:GetItem');
    assert.ok(item, 'offers dynamodb:GetItem');
    assert.equal(item.detail, 'Read');
    assert.equal(item.textEdit.range.start.character, at.character - 'dynamodb:Get'.length);
    assert.ok(
      list!.items.some((i) => i.label === 'dynamodb:Get*'),
      'offers the verb pattern',
    );
  });

  test('completion before the colon offers service prefixes and asks again after one is taken', async () => {
    const text = 'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: dyna\n    Resource: "*"\n';
    await openDocument(session, 'file:///c2.yaml', 'yaml', text);
    const list = await complete('file:///c2.yaml', positionIn(text, 'dyna', 4));
    const item = list!.items.find((i) => i.label === 'dynamodb');
    // Plain YAML: `dynamodb:` alone would end in a mapping colon, so the snippet leaves `dynamodb:*`.
    assert.equal(item?.textEdit.newText, 'dynamodb:$0*');
    assert.equal(item?.insertTextFormat, 2);
    assert.equal(item?.command?.command, 'editor.action.triggerSuggest');
  });

  test("completion of condition keys: the statement's own keys first, fitting the operator", async () => {
    const text =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*", "Condition": {"StringEquals": {"s3:x-amz": "x"}}}]}';
    await openDocument(session, 'file:///c3.json', 'json', text);
    const list = await complete('file:///c3.json', positionIn(text, 's3:x-amz', 5));
    const sorted = [...list!.items].sort((a, b) =>
      ((a as { sortText?: string }).sortText ?? a.label).localeCompare(
        (b as { sortText?: string }).sortText ?? b.label,
      ),
    );
    assert.ok(sorted[0]!.label.startsWith('s3:'), `first is an s3 key, got ${sorted[0]!.label}`);
    assert.ok(list!.items.some((i) => i.label === 's3:x-amz-server-side-encryption'));
    assert.ok(
      list!.items.some((i) => i.label === 'aws:SourceIp'),
      'global keys are offered too',
    );
    const tag = list!.items.find((i) => i.label.startsWith('aws:RequestTag/'));
    assert.equal(tag?.insertTextFormat, 2, 'a templated key is a snippet');
  });

  test("completion of resources: ARN templates for the statement's actions, as snippets", async () => {
    const text =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn"}]}';
    await openDocument(session, 'file:///c4.json', 'json', text);
    const list = await complete('file:///c4.json', positionIn(text, '"arn"', 4));
    const queue = list!.items.find((i) => i.label.includes(':sqs:'));
    assert.equal(queue?.textEdit.newText, 'arn:${1:aws}:sqs:${2:Region}:${3:Account}:${4:QueueName}');
  });

  test('completion of service principals in a trust policy', async () => {
    const text =
      'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Principal:\n      Service: lamb\n    Action: sts:AssumeRole\n';
    await openDocument(session, 'file:///c5.yaml', 'yaml', text);
    const list = await complete('file:///c5.yaml', positionIn(text, 'lamb', 4));
    assert.ok(list!.items.some((i) => i.label === 'lambda.amazonaws.com'));
  });

  test('no completion outside policy elements', async () => {
    const text =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}';
    await openDocument(session, 'file:///c6.json', 'json', text);
    assert.equal(await complete('file:///c6.json', positionIn(text, 'Allow', 2)), null);
  });

  test('a wildcard action offers to write out its actions as a rewrite, also without a finding', async () => {
    const text =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:Get*", "Resource": "arn:aws:sqs:eu-west-1:111122223333:q"}]}';
    await openDocument(session, 'file:///r1.json', 'json', text);
    const at = positionIn(text, 'sqs:Get*', 2);
    const actions = await session.connection.sendRequest<
      { title: string; kind: string; edit: { changes: Record<string, { newText: string }[]> } }[]
    >('textDocument/codeAction', {
      textDocument: { uri: 'file:///r1.json' },
      range: { start: at, end: at },
      context: { diagnostics: [] },
    });
    const rewrite = actions.find((a) => a.kind === 'refactor.rewrite');
    assert.match(rewrite!.title, /^Replace 'sqs:Get\*' with its \d+ actions$/);
    assert.match(rewrite!.edit.changes['file:///r1.json']![0]!.newText, /^\["sqs:Get/);
  });

  test('YAML: the key being typed under an operator (still read as its scalar) gets key completion', async () => {
    const text =
      'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: s3:PutObject\n    Resource: "*"\n    Condition:\n      StringEquals:\n        s3:x-amz\n';
    await openDocument(session, 'file:///c7.yaml', 'yaml', text);
    const list = await complete('file:///c7.yaml', positionIn(text, 's3:x-amz', 5));
    assert.ok(list!.items.some((i) => i.label === 's3:x-amz-server-side-encryption'));
  });

  test('no wildcard rewrite where it would widen: NotAction, or a Deny', async () => {
    const text =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "sqs:Get*", "Resource": "*"}, {"Effect": "Allow", "NotAction": "sqs:Get*", "Resource": "*"}]}';
    await openDocument(session, 'file:///r2.json', 'json', text);
    for (const needle of ['"Action": "sqs:Get*"', '"NotAction": "sqs:Get*"']) {
      const at = positionIn(text, needle, needle.length - 3);
      const actions = await session.connection.sendRequest<{ kind: string }[]>('textDocument/codeAction', {
        textDocument: { uri: 'file:///r2.json' },
        range: { start: at, end: at },
        context: { diagnostics: [] },
      });
      assert.deepEqual(
        actions.filter((a) => a.kind === 'refactor.rewrite'),
        [],
        needle,
      );
    }
  });
});
