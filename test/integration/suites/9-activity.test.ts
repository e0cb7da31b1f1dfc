import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, hoverText, hoverTextAt, openDocument, positionOf, waitFor } from '../helpers';

/**
 * CloudTrail activity in hovers, in real VS Code: the harness starts the AWS emulator with the invictus
 * logs and gives the extension host the SDK's standard environment to reach it (test/harness/awsEmulator.ts),
 * so the language server's gateway, cache and the real SDK clients run as they would against AWS.
 */

const EMULATOR = process.env.CLOUDWARDEN_EMULATOR_URL;

/** Hovers until the provider's activity content passes `ready` (the document syncs, a fetch ends). */
function activityUntil(
  editor: vscode.TextEditor,
  needle: string,
  what: string,
  ready: (text: string) => boolean,
  ms?: number,
): Promise<string> {
  return waitFor(
    `${what} in the hover on ${needle}`,
    async () => {
      const text = await hoverTextAt(editor, needle);
      return text.includes('**CloudTrail activity**') && ready(text) ? text : undefined;
    },
    ms,
  );
}

/** The first activity hover says loading (naming the resource as `shown`); a later one shows the events. */
async function loadingThenEvents(
  editor: vscode.TextEditor,
  needle: string,
  shown = needle,
  eventsWithinMs?: number,
): Promise<string> {
  const first = await activityUntil(editor, needle, 'the activity part', () => true);
  const name = shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  assert.match(first, new RegExp(`\\*\\*CloudTrail activity\\*\\* for \`${name}\`.*: loading…`));
  return activityUntil(editor, needle, 'the events', (text) => text.includes('Events:'), eventsWithinMs);
}

async function emulatorFaults(method: 'POST' | 'DELETE', fault?: object): Promise<void> {
  assert.ok(EMULATOR, 'CLOUDWARDEN_EMULATOR_URL is set by the integration harness');
  const response = await fetch(`${EMULATOR}/__emulator/faults`, {
    method,
    ...(fault && { body: JSON.stringify(fault), headers: { 'content-type': 'application/json' } }),
  });
  assert.ok(response.ok, `${method} /__emulator/faults: ${response.status}`);
}

suite('CloudTrail activity in hovers', () => {
  suiteSetup(() => extensionApi());

  test('CloudFormation bucket: "loading…", then counts and the last events', async () => {
    const editor = await openDocument('activity', 'evidence-buckets.yaml');
    const text = await loadingThenEvents(editor, 'stratus-red-team-ctlr-bucket-zqfsvooxqj');
    assert.match(text, /\(AWS::S3::Bucket\)/);
    assert.match(text, /Events: \*\*41\*\* in 24 h · \*\*41\*\* in 7 days · \*\*41\*\* in 90 days/);
    assert.match(text, /\n- \d+ min ago · \*\*DeleteBucket\*\* \(write\) by `bert-jan` from `192\.168\.10\.20`/);
    assert.match(text, /\[Open timeline\]\(command:cloudwarden\.showActivity\?%5B%7B%22query%22/);
    assert.match(text, /\[Investigate\]\(command:cloudwarden\.investigate\?/);
  });

  test('CDK role imported by name', async () => {
    const editor = await openDocument('activity', 'roles-stack.ts');
    const text = await loadingThenEvents(editor, 'stratus-red-team-ec2-steal-credentials-role');
    assert.match(text, /\(AWS::IAM::Role\)/);
    assert.match(text, /\n- \d+ min ago · \*\*DeleteRole\*\* \(write\) by `bert-jan`/);
  });

  test('Terraform KMS key by ARN (four pages, paced) and a bucket by name', async () => {
    const editor = await openDocument('activity', 'keys.tf');
    const key = 'arn:aws:kms:us-east-1:123837392027:key/0e5d0ab6-097e-49d8-99ef-747ce3e5f8f4';
    // Named by its key id, the ARN on the line below.
    const text = await loadingThenEvents(editor, key, '0e5d0ab6-097e-49d8-99ef-747ce3e5f8f4');
    assert.ok(text.includes(`\`${key}\``), text);
    assert.match(text, /\(AWS::KMS::Key\)/);
    assert.match(text, /\*\*164\*\* in 90 days/, 'every event read: 164 fit in the 4 pages of 50');
    assert.match(text, /\n- \d+ min ago · \*\*Decrypt\*\*/);
    const bucket = await loadingThenEvents(editor, 'stratus-red-team-ctes-bucket-qyxyekjbtk');
    assert.match(bucket, /\*\*33\*\* in 90 days/);
  });

  test('Python: the bucket of a boto3 call (the language is sent for references only: no lint)', async () => {
    const editor = await openDocument('activity', 'report.py');
    const text = await loadingThenEvents(editor, 'stratus-red-team-olc-bucket-xhfgzaowxc');
    assert.match(text, /\(AWS::S3::Bucket\)/);
    assert.match(text, /Events: \*\*\d+\*\* in 24 h/);
    assert.deepEqual(vscode.languages.getDiagnostics(editor.document.uri), []);
  });

  test('access denied on LookupEvents: the sentence that names the missing action', async () => {
    await emulatorFaults('POST', { service: 'cloudtrail', operation: 'LookupEvents', kind: 'accessDenied' });
    try {
      const editor = await openDocument('activity', 'evidence-buckets.yaml');
      const text = await activityUntil(editor, 'stratus-red-team-bdbp-lhfzvgcamn', 'the problem', (t) =>
        t.includes('⚠️'),
      );
      assert.match(
        text,
        /⚠️ AWS denied cloudtrail:LookupEvents to arn:aws:iam::111122223333:user\/dev-alice: add cloudtrail:LookupEvents to the IAM policy/,
      );
    } finally {
      await emulatorFaults('DELETE');
    }
  });

  test('throttled LookupEvents: waited out, the events still come', async function () {
    // Three throttles in a row: the gateway's back-off draws each wait between 1 s and three times the last
    // (1-3 s, 1-9 s, 1-27 s), so the events may take up to about 40 s: wait that long, not a fixed time.
    this.timeout(90_000);
    await emulatorFaults('POST', { service: 'cloudtrail', operation: 'LookupEvents', kind: 'throttle', times: 3 });
    try {
      const editor = await openDocument('activity', 'more-buckets.yaml');
      const text = await loadingThenEvents(editor, 'invictus-aws-2022-10-27-quygr', undefined, 60_000);
      assert.match(text, /Events: \*\*\d+\*\* in 24 h/);
      assert.equal(text.includes('⚠️'), false, text);
    } finally {
      await emulatorFaults('DELETE');
    }
  });

  test('expired session credentials: said in one sentence, the policy hover unaffected', async () => {
    await emulatorFaults('POST', { service: 'cloudtrail', operation: 'LookupEvents', kind: 'expiredToken' });
    try {
      const editor = await openDocument('activity', 'more-buckets.yaml');
      const text = await activityUntil(editor, 'config-bucket-123837392027', 'the problem', (t) => t.includes('⚠️'));
      assert.match(text, /⚠️ The session credentials of .* have expired: renew them/);
      // Offline features never wait on AWS: an action's documentation is there as ever.
      const policy = await openDocument('policies', 'deploy-policy.json');
      const docs = await waitFor('the policy hover', async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
          'vscode.executeHoverProvider',
          policy.document.uri,
          positionOf(policy.document, '"s3:GetObject"', 1),
        );
        const shown = hoverText(hovers ?? []);
        return shown.includes('**s3:GetObject**') ? shown : undefined;
      });
      assert.match(docs, /Grants permission to retrieve objects from Amazon S3/);
    } finally {
      await emulatorFaults('DELETE');
    }
  });

  suite('cloudwarden.activity.hover.enable', () => {
    const config = () => vscode.workspace.getConfiguration('cloudwarden');
    teardown(() => config().update('activity.hover.enable', undefined, vscode.ConfigurationTarget.Global));

    test('false turns the activity off, and back on', async () => {
      const editor = await openDocument('activity', 'evidence-buckets.yaml');
      const bucket = 'stratus-red-team-ctlr-bucket-zqfsvooxqj';
      await activityUntil(editor, bucket, 'the events', (text) => text.includes('Events:'));
      await config().update('activity.hover.enable', false, vscode.ConfigurationTarget.Global);
      // The server learns of the change by a notification: wait for its answer to change, no longer.
      await waitFor(
        'no activity in the hover',
        async () => !(await hoverTextAt(editor, bucket)).includes('CloudTrail'),
      );
      await config().update('activity.hover.enable', undefined, vscode.ConfigurationTarget.Global);
      await activityUntil(editor, bucket, 'the events again', (text) => text.includes('Events:'));
    });
  });
});
