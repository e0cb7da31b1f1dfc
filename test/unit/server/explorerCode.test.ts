/**
 * "Find in code" over files in a temp folder: in-process (each match's position, length, name and
 * preview; files too large, missing or not on disk skipped with why; an open editor's unsaved text read
 * instead of the disk's) and over LSP from the bundled server (the explorer's requests are registered:
 * the code search, and a keys request without AWS configured, which says so).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { explorerCode } from '../../../src/server/explorerCode';
import { NOT_CONFIGURED } from '../../../src/server/explorerService';
import { ExplorerCodeRequest, ExplorerKeysRequest } from '../../../src/shared/protocol';
import { GRAMMAR_DIR } from '../helpers/grammars';
import { initialize, startServer } from './lspClient';

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123837392027:secret:orders-service/dev/db-AbCdEf';
const NAMES = ['orders-service/dev/db', SECRET_ARN];

const FILES: Record<string, string> = {
  'template.yaml': [
    'Resources:',
    '  Db:',
    '    Type: AWS::RDS::DBInstance',
    '    Properties:',
    "      MasterUserPassword: '{{resolve:secretsmanager:orders-service/dev/db:SecretString:password}}'",
    '',
  ].join('\n'),
  'lib/stack.ts': [
    "import * as sm from 'aws-cdk-lib/aws-secretsmanager';",
    'export class Stack {',
    '  constructor() {',
    "    sm.Secret.fromSecretNameV2(this, 'Db', 'orders-service/dev/db2');",
    "    sm.Secret.fromSecretNameV2(this, 'Db', 'orders-service/dev/db');",
    '  }',
    '}',
    '',
  ].join('\n'),
  'main.tf': `resource "aws_iam_policy" "p" {\n  policy = "arn:aws:secretsmanager:*:*:secret:orders-service/dev/db-*"\n}\n`,
  'notes.md': `The ${'very '.repeat(60)}long line names ${SECRET_ARN} here.\n`,
  'unrelated.json': '{"Bucket": "orders-service"}\n',
};

describe('explorerCode over files on disk', () => {
  let dir: string;
  const uri = (file: string) => pathToFileURL(path.join(dir, file)).href;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cloudwarden-find-'));
    for (const [file, text] of Object.entries(FILES)) {
      const at = path.join(dir, file);
      mkdirSync(path.dirname(at), { recursive: true });
      writeFileSync(at, text);
    }
    writeFileSync(path.join(dir, 'big.json'), `"${SECRET_ARN}"`.padEnd(2_100_000, ' '));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('each mention with its position, length, name and preview; what was not read, with why', async () => {
    const uris = [...Object.keys(FILES), 'big.json', 'missing.yaml'].map(uri);
    const result = await explorerCode(
      { uris: [...uris, 'untitled:Untitled-1'], names: NAMES },
      { grammarDir: GRAMMAR_DIR },
    );
    assert.deepEqual(
      result.matches.map((m) => [path.basename(new URL(m.uri).pathname), m.line, m.character, m.length, m.name]),
      [
        ['template.yaml', 4, 52, 'orders-service/dev/db'.length, 'orders-service/dev/db'],
        ['stack.ts', 4, 44, 'orders-service/dev/db'.length, 'orders-service/dev/db'],
        ['main.tf', 1, 12, 'arn:aws:secretsmanager:*:*:secret:orders-service/dev/db-*'.length, SECRET_ARN],
        ['notes.md', 0, 320, SECRET_ARN.length, SECRET_ARN],
      ],
    );
    assert.equal(
      result.matches[1]?.preview,
      "sm.Secret.fromSecretNameV2(this, 'Db', 'orders-service/dev/db');",
      'the line, trimmed',
    );
    assert.equal(result.matches[3]?.preview.length, 200, 'a long line cut to 200 characters');
    assert.deepEqual(result.skipped, [
      { uri: uri('big.json'), reason: 'larger than 2 MB' },
      { uri: uri('missing.yaml'), reason: 'cannot be read: ENOENT' },
      { uri: 'untitled:Untitled-1', reason: 'not a file on disk' },
    ]);
  });

  test("an open editor's text is searched instead of the file's", async () => {
    const file = uri('unrelated.json');
    const result = await explorerCode(
      { uris: [file], names: NAMES },
      { grammarDir: GRAMMAR_DIR, openText: (u) => (u === file ? '{"SecretId": "orders-service/dev/db"}' : undefined) },
    );
    assert.deepEqual(
      result.matches.map((m) => [m.line, m.character, m.name, m.preview]),
      [[0, 14, 'orders-service/dev/db', '{"SecretId": "orders-service/dev/db"}']],
    );
  });
});

describe('the explorer requests over LSP', () => {
  test('are registered: the code search answers, and a keys request says AWS is not configured', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cloudwarden-lsp-find-'));
    const file = path.join(dir, 'app.py');
    writeFileSync(file, 'client.describe_secret(SecretId="orders-service/dev/db")\n');
    // A home without AWS files, and no AWS variables: nothing is configured.
    const session = await startServer({
      HOME: dir,
      AWS_PROFILE: '',
      AWS_DEFAULT_PROFILE: '',
      AWS_ACCESS_KEY_ID: '',
      AWS_CONFIG_FILE: path.join(dir, 'none'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none'),
    });
    try {
      await initialize(session);
      const code = await session.connection.sendRequest(ExplorerCodeRequest.type, {
        uris: [pathToFileURL(file).href],
        names: NAMES,
      });
      assert.deepEqual(
        code.matches.map((m) => [m.line, m.character, m.name]),
        [[0, 33, 'orders-service/dev/db']],
      );
      const keys = await session.connection.sendRequest(ExplorerKeysRequest.type, { region: 'us-east-1' });
      assert.deepEqual([keys.rows, keys.problem], [[], NOT_CONFIGURED]);
    } finally {
      assert.equal(await session.close(), 0);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
