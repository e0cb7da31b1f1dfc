/**
 * The language server loads no AWS SDK module until an AWS call needs one: not when it starts, not when
 * it answers hovers, not when it says AWS is off or lists profiles. The server runs in this process
 * (its connection over in-memory streams), so the module cache shows exactly what it loaded: this test
 * file's bundle leaves the SDK in node_modules, and each test file runs in its own process.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import { startServer } from '../../../src/server/server';
import { awsHome, type AwsHome } from '../aws/awsHome';
import { catalogFile, repoRoot } from '../helpers/paths';
import { positionIn } from './lspClient';

const sdkModules = () =>
  Object.keys(require.cache).filter((file) => /[\\/]node_modules[\\/]@(aws-sdk|smithy)[\\/]/.test(file));

const template = [
  'Resources:',
  '  Logs:',
  '    Type: AWS::S3::Bucket',
  '    Properties:',
  '      BucketName: stratus-red-team-ctlr-bucket-zqfsvooxqj',
  '',
].join('\n');

let home: AwsHome;
const toServer = new PassThrough();
const fromServer = new PassThrough();
const client = createMessageConnection(new StreamMessageReader(fromServer), new StreamMessageWriter(toServer));

before(async () => {
  // Profiles but no default one, and no credentials in the environment: AWS is off.
  home = awsHome({ config: '[profile dev]\nregion = us-east-1\n[profile prod]\nregion = eu-west-1\n' });
  startServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(fromServer)), {
    catalogFile,
    rulesDocsDir: path.join(repoRoot, 'docs', 'rules'),
    grammarDir: path.join(repoRoot, 'dist', 'grammars'),
  });
  client.listen();
  await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
  await client.sendNotification('initialized', {});
});

after(() => {
  client.dispose();
  home.restore();
});

test('starting, hovering a resource, the AWS status (off) and the profiles load no SDK module', async () => {
  await client.sendNotification('textDocument/didOpen', {
    textDocument: { uri: 'file:///w/t.yaml', languageId: 'yaml', version: 1, text: template },
  });
  const hover = await client.sendRequest('textDocument/hover', {
    textDocument: { uri: 'file:///w/t.yaml' },
    position: positionIn(template, 'stratus-red-team-ctlr', 3),
  });
  assert.equal(hover, null, 'no AWS configuration: no activity hover, no "loading"');
  const status = await client.sendRequest<{ state: string; reason: string }>('cloudwarden/awsStatus', {});
  assert.equal(status.state, 'off');
  assert.match(status.reason, /No AWS configuration found/);
  assert.deepEqual(await client.sendRequest('cloudwarden/awsProfiles', {}), { profiles: ['dev', 'prod'] });
  assert.deepEqual(sdkModules(), []);
});

test('the first AWS call loads the SDK', async () => {
  // A profile named in the settings is a configuration; it has no credentials, which the status says.
  await client.sendNotification('workspace/didChangeConfiguration', {
    settings: { cloudwarden: { aws: { profile: 'dev' } } },
  });
  const status = await client.sendRequest<{ state: string; profile: string; problem: { kind: string } }>(
    'cloudwarden/awsStatus',
    {},
  );
  assert.deepEqual([status.state, status.profile, status.problem.kind], ['problem', 'dev', 'noCredentials']);
  assert.ok(sdkModules().some((file) => file.includes('client-sts')));
});
