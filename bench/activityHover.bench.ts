import * as path from 'node:path';
import { startEmulator } from '../test/emulator/server';
import { repoRoot } from '../test/harness/paths';
import { openDocument, positionIn, startServer } from '../test/unit/server/lspClient';
import { measureAsync } from './lib/measure';

/**
 * The activity hover once its answer is cached (the target: under 5 ms), as an LSP round trip to
 * the bundled server over stdio against the emulator, beside the policy hover on an action in the same
 * template (no AWS), the reference it is compared with. The first hover starts the lookup and says
 * "loading…"; the benchmark waits for the events before it times anything.
 */
const BUCKET = 'stratus-red-team-ctlr-bucket-zqfsvooxqj';
const TEMPLATE = [
  'Resources:',
  '  Logs:',
  '    Type: AWS::S3::Bucket',
  '    Properties:',
  `      BucketName: ${BUCKET}`,
  '  Reader:',
  '    Type: AWS::IAM::Policy',
  '    Properties:',
  '      PolicyName: read',
  '      PolicyDocument:',
  "        Version: '2012-10-17'",
  '        Statement:',
  '          - Effect: Allow',
  '            Action: s3:GetObject',
  `            Resource: arn:aws:s3:::${BUCKET}/*`,
  '',
].join('\n');
const URI = 'file:///bench/template.yaml';

async function main(): Promise<void> {
  const emulator = await startEmulator({
    cloudtrailLogs: path.join(repoRoot, 'test', 'fixtures', 'cloudtrail', 'invictus'),
  });
  const session = await startServer({
    AWS_ENDPOINT_URL: emulator.url,
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  try {
    await session.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    await session.connection.sendNotification('initialized', {});
    await openDocument(session, URI, 'yaml', TEMPLATE);
    const hover = (needle: string, delta: number) => () =>
      session.connection.sendRequest<{ contents: { value: string } } | null>('textDocument/hover', {
        textDocument: { uri: URI },
        position: positionIn(TEMPLATE, needle, delta),
      });
    const activity = hover(BUCKET, 3);
    const action = hover('s3:GetObject', 3);
    for (let tries = 0; !((await activity())?.contents.value ?? '').includes('Events:'); tries++) {
      if (tries > 400) throw new Error('the activity never arrived');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const calls = emulator.requests.count();
    const cached = await measureAsync(activity, { runs: 200, warmup: 20, batch: 1 });
    const policy = await measureAsync(action, { runs: 200, warmup: 20, batch: 1 });
    const after = emulator.requests.count() - calls;
    const ms = (v: number) => `${v.toFixed(2)} ms`;
    console.log('| hover, LSP round trip (median of 200)    | median      | p95          | min          |');
    console.log('| ----------------------------------------- | ----------- | ------------ | ------------ |');
    console.log(
      `| activity of a bucket, cached (target < 5 ms) | ${ms(cached.median)} | ${ms(cached.p95)} | ${ms(cached.min)} |`,
    );
    console.log(`| an action in a policy (no AWS) | ${ms(policy.median)} | ${ms(policy.p95)} | ${ms(policy.min)} |`);
    console.log(`AWS requests during the timed hovers: ${after}`);
  } finally {
    await session.close();
    await emulator.close();
  }
}

void main();
