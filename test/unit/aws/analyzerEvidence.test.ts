/**
 * Access Analyzer's unused-access findings as evidence, through the gateway and the real SDK against the
 * emulator: the analyzer found by type, a principal's ACTIVE findings read in full (every page of the
 * list and of each finding), a few at a time, and every way it can fail, an account without an analyzer
 * first.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzerEvidence, type AnalyzerOptions, type EvidenceAnswer } from '../../../src/aws';
import type { AnalyzerEvidence } from '../../../src/core';
import { findDefaultSeedFile, readSeedFile } from '../../emulator/seed';
import { fixtureCredentials } from '../emulator/helpers';
import { AwsGateway } from '../../../src/aws/gateway';
import { startEmulator } from '../../emulator/server';
import { awsHome } from './awsHome';
import { emulatorGateway } from './emulatorGateway';
import { emulatorProfile } from './emulatorProfile';

const { user } = fixtureCredentials();
const ACCOUNT = 'arn:aws:iam::123837392027';
const STEAL = `${ACCOUNT}:role/stratus-red-team-ec2-steal-credentials-role`;
const DAY_MS = 86_400_000;

describe('Access Analyzer evidence against the emulator, with the real SDK', () => {
  const aws = emulatorGateway();

  test("reads a principal's active findings: a whole service unused, and some actions of another", async () => {
    const { evidence, missing } = await analyzerEvidence(aws.gateway, STEAL);
    assert.equal(missing, undefined);
    assert.ok(evidence);
    assert.equal(evidence.kind, 'accessAnalyzer');
    assert.equal(evidence.label, 'IAM Access Analyzer');
    assert.equal(evidence.unusedAccessAgeDays, 90);
    assert.deepEqual(
      evidence.findings.map((f) =>
        f.type === 'UnusedPermission' ? [f.id, f.service, f.lastAccessed !== undefined, f.actions] : f,
      ),
      [
        ['ec89693e-f25a-4fcd-b3c4-c8b58f99fd0b', 's3', false, []],
        ['ec89693e-f25a-4fcd-b3c4-c8b58f99fd0b', 'ec2', true, [{ action: 'ec2:DescribeTags' }]],
      ],
      'the RESOLVED finding is left out',
    );
    // The analysis ran half a day before the emulator started; a finding covers the 90 days before it.
    assert.ok(Math.abs(Date.now() - evidence.window.until - 0.5 * DAY_MS) < 60_000);
    assert.equal(evidence.window.until - evidence.window.since, 90 * DAY_MS);
    assert.equal(aws.emulator.requests.count('access-analyzer', 'ListAnalyzers'), 1);
  });

  test("pages through a finding's details, one finding per unused service", async () => {
    const { evidence } = await analyzerEvidence(aws.gateway, `${ACCOUNT}:user/bert-jan`);
    assert.deepEqual(
      evidence?.findings.map((f) =>
        f.type === 'UnusedPermission' ? [f.service, f.actions.map((a) => a.action)] : f.type,
      ),
      [
        ['ec2', ['ec2:StopInstances', 'ec2:CreateKeyPair']],
        ['iam', ['iam:CreateServiceLinkedRole', 'iam:UpdateLoginProfile']],
        ['s3', ['s3:PutBucketAcl', 's3:PutEncryptionConfiguration']],
        ['lambda', ['lambda:PublishLayerVersion', 'lambda:UpdateFunctionConfiguration']],
        ['dynamodb', []],
        ['sqs', []],
      ],
    );
    assert.equal(aws.emulator.requests.count('access-analyzer', 'GetFindingV2'), 3, 'six details in pages of two');
    assert.deepEqual(
      evidence?.cost,
      { calls: aws.emulator.requests.count('access-analyzer') },
      'the evidence counts every page it asked',
    );
  });

  test('reads an unused role, an unused access key, and a principal without findings', async () => {
    const role = await analyzerEvidence(aws.gateway, `${ACCOUNT}:role/orders-service-dev-FunctionRole-1B8ZCQ4F2X7KD`);
    assert.deepEqual(role.evidence?.findings, [{ type: 'UnusedIAMRole', id: 'aaa9874b-e306-4b07-9d8e-f64b48de3994' }]);
    const key = await analyzerEvidence(aws.gateway, `${ACCOUNT}:user/stratus-red-team-backdoor-u-user`);
    const [finding] = key.evidence?.findings ?? [];
    assert.equal(finding?.type, 'UnusedIAMUserAccessKey');
    assert.ok(Math.abs(Date.now() - (finding?.lastAccessed ?? 0) - 95 * DAY_MS) < DAY_MS);
    const none = await analyzerEvidence(aws.gateway, `${ACCOUNT}:user/benjamin`);
    assert.deepEqual(none.evidence?.findings, []);
    assert.equal(none.missing, undefined);
  });

  test('throttled calls are waited out', async () => {
    aws.emulator.faults.add({ service: 'access-analyzer', kind: 'throttle', times: 2 });
    const { evidence, missing } = await analyzerEvidence(aws.gateway, STEAL);
    assert.equal(missing, undefined);
    assert.equal(evidence?.findings.length, 2);
    assert.equal(aws.emulator.requests.entries.filter((r) => r.errorCode === 'ThrottlingException').length, 2);
  });

  const failures: [string, () => void, AnalyzerOptions, RegExp][] = [
    [
      'no unused-access analyzer in the Region',
      () => undefined,
      { region: 'eu-west-1' },
      /^No active unused-access analyzer of IAM Access Analyzer in eu-west-1: create one .*`aws accessanalyzer create-analyzer --analyzer-name unused-access --type ACCOUNT_UNUSED_ACCESS --region eu-west-1`\); AWS charges for it per IAM role and user analyzed each month\.$/,
    ],
    [
      'access denied to the findings, named by their IAM action',
      () => aws.emulator.faults.add({ service: 'access-analyzer', operation: 'ListFindingsV2', kind: 'accessDenied' }),
      {},
      /^AWS denied access-analyzer:ListFindings to arn:aws:iam::111122223333:user\/dev-alice: add access-analyzer:ListFindings/,
    ],
    [
      'expired credentials',
      () => aws.emulator.faults.add({ service: 'access-analyzer', kind: 'expiredToken' }),
      {},
      /^The session credentials of the default credentials have expired/,
    ],
  ];
  for (const [what, arrange, options, reason] of failures) {
    test(`says why there is no evidence: ${what}`, async () => {
      arrange();
      const { evidence, missing } = await analyzerEvidence(aws.gateway, STEAL, options);
      assert.equal(evidence, undefined);
      assert.deepEqual([missing?.kind, missing?.label], ['accessAnalyzer', 'IAM Access Analyzer']);
      assert.match(missing?.reason ?? '', reason);
    });
  }

  test('a cancel stops the reading', async () => {
    aws.emulator.faults.add({ service: 'access-analyzer', operation: 'GetFindingV2', kind: 'delay', delayMs: 2000 });
    const controller = new AbortController();
    const pending = analyzerEvidence(aws.gateway, STEAL, { signal: controller.signal });
    // Once the list is answered, the first finding's detail is on its slow way.
    while (aws.emulator.requests.count('access-analyzer', 'ListFindingsV2') === 0)
      await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    const started = Date.now();
    const { missing } = await pending;
    assert.ok(Date.now() - started < 1000, 'the answer does not wait for the slow call');
    assert.match(missing?.reason ?? '', /was cancelled before it finished\.$/);
  });
});

describe('Access Analyzer evidence reads findings a few at a time', () => {
  test('at most three GetFindingV2 calls are in flight', async () => {
    const seed = readSeedFile(findDefaultSeedFile());
    const ids = Array.from({ length: 7 }, (_, i) => `00000000-0000-4000-8000-00000000000${i}`);
    const emulator = await startEmulator({
      seed: {
        ...seed,
        services: {
          'access-analyzer': {
            analyzers: [
              {
                arn: 'arn:aws:access-analyzer:us-east-1:123837392027:analyzer/unused',
                type: 'ACCOUNT_UNUSED_ACCESS',
                createdDaysAgo: 10,
                findings: ids.map((id, i) => ({
                  id,
                  type: 'UnusedPermission',
                  resource: STEAL,
                  createdDaysAgo: 1,
                  services: [{ namespace: `svc${i}` }],
                })),
              },
            ],
          },
        },
      },
    });
    emulator.faults.add({ service: 'access-analyzer', operation: 'GetFindingV2', kind: 'delay', delayMs: 60 });
    const home = awsHome({ config: emulatorProfile(emulator, user) });
    const gateway = new AwsGateway();
    try {
      const { evidence }: EvidenceAnswer<AnalyzerEvidence> = await analyzerEvidence(gateway, STEAL);
      assert.deepEqual(
        evidence?.findings.map((f) => f.id),
        ids,
        "in the list's order",
      );
      const calls = emulator.requests.entries
        .filter((r) => r.operation === 'GetFindingV2')
        .map((r) => ({ start: Date.parse(r.at), end: Date.parse(r.at) + r.durationMs }));
      const overlap = Math.max(...calls.map((c) => calls.filter((o) => o.start <= c.start && c.start < o.end).length));
      assert.equal(calls.length, 7);
      assert.equal(overlap, 3);
    } finally {
      gateway.dispose();
      home.restore();
      await emulator.close();
    }
  });
});
