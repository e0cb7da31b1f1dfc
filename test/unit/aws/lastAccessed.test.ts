/**
 * IAM last-accessed data as evidence, through the gateway and the real SDK against the emulator: the
 * report polled until IAM has finished it and read page by page, its window, and every way it can fail
 * (an unknown principal, access denied, throttling waited out, a report that takes too long, a cancel).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lastAccessedEvidence, type LastAccessedOptions } from '../../../src/aws';
import { findDefaultSeedFile, readSeedFile } from '../../emulator/seed';
import { fixtureCredentials } from '../emulator/helpers';
import { AwsGateway } from '../../../src/aws/gateway';
import { startEmulator } from '../../emulator/server';
import { awsHome } from './awsHome';
import { emulatorGateway } from './emulatorGateway';
import { emulatorProfile } from './emulatorProfile';

const { user } = fixtureCredentials();
const BERT = 'arn:aws:iam::123837392027:user/bert-jan';
const STEAL = 'arn:aws:iam::123837392027:role/stratus-red-team-ec2-steal-credentials-role';
const FAST: LastAccessedOptions = { poll: { firstMs: 5, maxMs: 20 } };
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

describe('IAM last-accessed evidence against the emulator, with the real SDK', () => {
  const aws = emulatorGateway();

  test('reads every page of an ACTION_LEVEL report, polled until IAM has finished it', async () => {
    const before = Date.now();
    const { evidence, missing } = await lastAccessedEvidence(aws.gateway, BERT, FAST);
    assert.equal(missing, undefined);
    assert.ok(evidence);
    assert.equal(evidence.kind, 'lastAccessed');
    assert.equal(evidence.label, 'IAM last-accessed data');
    assert.deepEqual(
      evidence.services.map((s) => [s.service, s.last !== undefined, s.actions?.length]),
      [
        ['ec2', true, 5],
        ['iam', true, 5],
        ['s3', true, 5],
        ['lambda', true, 5],
        ['kms', true, undefined],
        ['secretsmanager', true, undefined],
        ['ssm', true, undefined],
        ['rds', true, undefined],
        ['cloudtrail', true, undefined],
        ['dynamodb', false, undefined],
        ['sqs', false, undefined],
      ],
    );
    assert.deepEqual(
      evidence.services[1]!.actions!.map((a) => [a.action, a.last === undefined ? 'never' : 'used']),
      [
        ['iam:CreateAccessKey', 'used'],
        ['iam:AttachUserPolicy', 'used'],
        ['iam:CreateUser', 'used'],
        ['iam:CreateServiceLinkedRole', 'never'],
        ['iam:UpdateLoginProfile', 'used'],
      ],
    );
    const old = evidence.services[1]!.actions![4]!.last!;
    assert.ok(Math.abs(before - old - 150 * DAY_MS) < DAY_MS, 'UpdateLoginProfile 150 days ago');
    // IAM's 400 days back from now, up to the report's completion less its 4 hours' lag.
    assert.ok(Math.abs(evidence.window.since - (evidence.fetchedAt - 400 * DAY_MS)) < 1000);
    assert.ok(Math.abs(evidence.window.until - (Date.now() - 4 * HOUR_MS)) < 60_000);
    assert.equal(aws.emulator.requests.count('iam', 'GenerateServiceLastAccessedDetails'), 1);
    assert.equal(
      aws.emulator.requests.count('iam', 'GetServiceLastAccessedDetails'),
      5,
      'IN_PROGRESS, then 4 pages of 3',
    );
    assert.deepEqual(evidence.cost, { calls: 6 }, 'the evidence says what it cost');
  });

  test('a tracked service none of whose granted actions is tracked lists no action', async () => {
    const { evidence } = await lastAccessedEvidence(aws.gateway, STEAL, FAST);
    assert.deepEqual(
      evidence?.services.find((s) => s.service === 's3'),
      { service: 's3', actions: [] },
    );
    assert.deepEqual(
      evidence?.services.find((s) => s.service === 'ec2')?.actions?.map((a) => a.action),
      ['ec2:DescribeInstances', 'ec2:DescribeTags'],
    );
  });

  test('throttled calls are waited out', async () => {
    aws.emulator.faults.add({ service: 'iam', kind: 'throttle', times: 3 });
    const { evidence, missing } = await lastAccessedEvidence(aws.gateway, STEAL, FAST);
    assert.equal(missing, undefined);
    assert.equal(evidence?.services.length, 5);
    assert.equal(aws.emulator.requests.entries.filter((r) => r.errorCode === 'Throttling').length, 3);
  });

  const failures: [string, () => void, string, LastAccessedOptions, RegExp][] = [
    [
      'an unknown principal',
      () => undefined,
      'arn:aws:iam::123837392027:role/nobody',
      FAST,
      /^IAM does not know the role nobody \(GenerateServiceLastAccessedDetails\): it is not deployed in the account/,
    ],
    [
      'access denied',
      () =>
        aws.emulator.faults.add({ service: 'iam', operation: 'GetServiceLastAccessedDetails', kind: 'accessDenied' }),
      BERT,
      FAST,
      /^AWS denied iam:GetServiceLastAccessedDetails to arn:aws:iam::111122223333:user\/dev-alice: add iam:GetServiceLastAccessedDetails to the IAM policy/,
    ],
    [
      'a report that takes too long',
      () => undefined,
      BERT,
      { poll: { firstMs: 50, maxMs: 50 }, maxWaitMs: 10 },
      /^IAM had not finished the last-accessed report of arn:aws:iam::123837392027:user\/bert-jan after 0 s: try again in a minute\.$/,
    ],
    [
      'IAM failing',
      () => aws.emulator.faults.add({ service: 'iam', kind: 'serverError', status: 503 }),
      BERT,
      FAST,
      /^AWS failed to answer IAM GenerateServiceLastAccessedDetails in us-east-1 \(503 ServiceUnavailable\)/,
    ],
  ];
  for (const [what, arrange, arn, options, reason] of failures) {
    test(`says why there is no evidence: ${what}`, async () => {
      arrange();
      const { evidence, missing } = await lastAccessedEvidence(aws.gateway, arn, options);
      assert.equal(evidence, undefined);
      assert.equal(missing?.kind, 'lastAccessed');
      assert.equal(missing?.label, 'IAM last-accessed data');
      assert.match(missing?.reason ?? '', reason);
    });
  }

  test('a cancel stops the polling at once', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = lastAccessedEvidence(aws.gateway, BERT, {
      poll: { firstMs: 60_000, maxMs: 60_000 },
      signal: controller.signal,
    });
    while (aws.emulator.requests.count('iam', 'GetServiceLastAccessedDetails') === 0)
      await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const { missing } = await pending;
    // Cancelled while waiting between polls, or (when the abort beats the first answer) during the poll itself.
    assert.match(
      missing?.reason ?? '',
      /^(The IAM last-accessed report|IAM GetServiceLastAccessedDetails in us-east-1) was cancelled before it finished\.$/,
    );
    assert.ok(Date.now() - started < 10_000);
    assert.equal(aws.emulator.requests.count('iam', 'GetServiceLastAccessedDetails'), 1);
  });
});

describe('IAM last-accessed evidence when IAM fails the report', () => {
  test("says IAM's reason", async () => {
    const seed = readSeedFile(findDefaultSeedFile());
    const arn = 'arn:aws:iam::123837392027:role/broken';
    const emulator = await startEmulator({
      seed: {
        ...seed,
        services: {
          iam: {
            principals: [
              { arn, services: [], jobError: { code: 'InternalError', message: 'The report could not be generated' } },
            ],
          },
        },
      },
    });
    const home = awsHome({ config: emulatorProfile(emulator, user) });
    const gateway = new AwsGateway();
    try {
      const { evidence, missing } = await lastAccessedEvidence(gateway, arn, FAST);
      assert.equal(evidence, undefined);
      assert.equal(
        missing?.reason,
        'IAM could not build the last-accessed report of arn:aws:iam::123837392027:role/broken: The report could not be generated.',
      );
    } finally {
      gateway.dispose();
      home.restore();
      await emulator.close();
    }
  });
});
