/**
 * GuardDuty's findings as finding rows, through the gateway and the real SDK against the emulator:
 * every page of ids read in batches, the newest first up to `max`, the open findings counted by severity,
 * a Region without a detector said as such, and the gateway's problems (access denied, throttling).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { guardDutyFindings, type GuardDutyFindings, type GuardDutyOptions } from '../../../src/aws';
import { findingFlags } from '../../../src/core';
import { emulatorGateway } from './emulatorGateway';

const ACCOUNT = '123837392027';

describe('GuardDuty findings against the emulator, with the real SDK', () => {
  const aws = emulatorGateway();

  test("reads every finding of the Region's detector as rows, and counts the open ones by severity", async () => {
    const result = await guardDutyFindings(aws.gateway, { region: 'us-east-1' });
    assert.ok(result.ok);
    const { findings, counts, detectorIds, truncated, notEnabled } = result.value;
    assert.equal(detectorIds.length, 1);
    assert.equal(notEnabled, undefined);
    assert.equal(findings.length, 13);
    assert.equal(truncated, false);
    assert.deepEqual(counts, { CRITICAL: 1, HIGH: 3, MEDIUM: 4, LOW: 2, INFORMATIONAL: 0 });
    const updated = findings.map((f) => f.updatedAt);
    assert.deepEqual(
      updated,
      [...updated].sort((a, b) => b - a),
      'newest first',
    );
    assert.equal(aws.emulator.requests.count('guardduty', 'ListFindings'), 4, 'pages of four ids');
    assert.equal(aws.emulator.requests.count('guardduty', 'GetFindings'), 1, 'one batch of up to 50');
    assert.equal(result.value.calls, aws.emulator.requests.count('guardduty'));
  });

  const rows: [string, string, Record<string, unknown>][] = [
    [
      'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
      'an access key of a role, with its API call',
      {
        severityLabel: 'HIGH',
        principal: `arn:aws:iam::${ACCOUNT}:role/stratus-red-team-ec2-steal-credentials-role`,
        resource: { type: 'AccessKey', id: 'ASIAR7VPD2STEAL00001' },
        activity: [
          {
            kind: 'apiCall',
            api: 'DescribeInstances',
            service: 'ec2.amazonaws.com',
            remoteIp: '198.51.100.77',
            country: 'Netherlands',
            userAgent: 'aws-cli/2.13.5',
          },
        ],
        count: 14,
        flags: ['unarchivedHighSeverity'],
      },
    ],
    [
      'CryptoCurrency:EC2/BitcoinTool.B!DNS',
      'an instance by ARN, with its DNS query',
      {
        severityLabel: 'HIGH',
        resource: { type: 'Instance', id: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0dbc91f429e48eeed` },
        activity: [{ kind: 'dns', domain: 'pool.minexmr.com', blocked: false }],
        count: 37,
        flags: ['unarchivedHighSeverity'],
      },
    ],
    [
      'Policy:S3/BucketPublicAccessGranted',
      'a bucket first, and the user who acted on it',
      {
        severityLabel: 'MEDIUM',
        principal: `arn:aws:iam::${ACCOUNT}:user/bert-jan`,
        resource: { type: 'S3Bucket', id: 'arn:aws:s3:::stratus-red-team-bdbp-lhfzvgcamn' },
        activity: [
          {
            kind: 'apiCall',
            api: 'PutBucketPolicy',
            service: 's3.amazonaws.com',
            remoteIp: '198.51.100.77',
            country: 'Netherlands',
            userAgent: 'aws-cli/2.13.5',
          },
        ],
        count: 1,
        flags: [],
      },
    ],
    [
      'UnauthorizedAccess:EC2/SSHBruteForce',
      'a network connection',
      {
        severityLabel: 'LOW',
        resource: { type: 'Instance', id: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0dbc91f429e48eeed` },
        activity: [
          {
            kind: 'network',
            direction: 'INBOUND',
            protocol: 'TCP',
            localPort: 22,
            remoteIp: '198.51.100.12',
            remotePort: 51234,
            blocked: false,
          },
        ],
        count: 210,
        flags: [],
      },
    ],
    [
      'UnauthorizedAccess:IAMUser/MaliciousIPCaller.Custom',
      'a high finding archived: not flagged',
      {
        severityLabel: 'HIGH',
        principal: `arn:aws:iam::${ACCOUNT}:role/orders-service-dev-FunctionRole-1B8ZCQ4F2X7KD`,
        resource: { type: 'AccessKey', id: 'ASIAR7VPD2STEAL00001' },
        activity: [
          {
            kind: 'apiCall',
            api: 'GetObject',
            service: 's3.amazonaws.com',
            remoteIp: '203.0.113.9',
            country: 'Netherlands',
            userAgent: 'aws-cli/2.13.5',
          },
        ],
        count: 1,
        flags: [],
      },
    ],
  ];
  for (const [type, name, want] of rows)
    test(`a row: ${name}`, async () => {
      const result = await guardDutyFindings(aws.gateway, { region: 'us-east-1' });
      assert.ok(result.ok);
      const row = result.value.findings.find((f) => f.type === type);
      assert.ok(row, type);
      assert.deepEqual(
        {
          severityLabel: row.severityLabel,
          ...(row.principal !== undefined && { principal: row.principal }),
          resource: row.resources[0],
          activity: row.activity,
          count: row.count,
          flags: findingFlags(row),
        },
        want,
      );
      assert.equal(row.account, ACCOUNT);
      assert.equal(row.region, 'us-east-1');
      assert.ok(row.firstSeen !== undefined && row.lastSeen !== undefined && row.firstSeen <= row.lastSeen);
    });

  test('keeps the XSS strings as text', async () => {
    const result = await guardDutyFindings(aws.gateway, { region: 'us-east-1' });
    assert.ok(result.ok);
    const row = result.value.findings.find((f) => f.type === 'Discovery:S3/MaliciousIPCaller');
    assert.equal(row?.title, '<img src=x onerror=alert(1)> bucket listing from a malicious IP');
    assert.equal(row?.resources[0]?.id, 'arn:aws:s3:::"><script>alert(1)</script>');
  });

  test('stops at max, the newest first, and says there were more', async () => {
    const all = await guardDutyFindings(aws.gateway, { region: 'us-east-1' });
    aws.emulator.requests.clear();
    const options: GuardDutyOptions = { region: 'us-east-1', max: 5, concurrency: 1 };
    const some = await guardDutyFindings(aws.gateway, options);
    assert.ok(all.ok && some.ok);
    const answer: GuardDutyFindings = some.value;
    assert.equal(answer.findings.length, 5);
    assert.equal(some.value.truncated, true);
    assert.deepEqual(
      some.value.findings.map((f) => f.id),
      all.value.findings.slice(0, 5).map((f) => f.id),
    );
    assert.equal(aws.emulator.requests.count('guardduty', 'ListFindings'), 2, 'no page read past max');
    assert.deepEqual(some.value.counts, all.value.counts, 'the counts are not limited by max');
  });

  test('says a Region without a detector has GuardDuty off', async () => {
    const result = await guardDutyFindings(aws.gateway, { region: 'us-west-2' });
    assert.ok(result.ok);
    assert.equal(result.value.notEnabled, 'GuardDuty is not enabled in us-west-2: it has no detector there.');
    assert.deepEqual(result.value.findings, []);
    assert.equal(aws.emulator.requests.count('guardduty', 'ListFindings'), 0);
  });

  test("reads another Region's detector", async () => {
    const result = await guardDutyFindings(aws.gateway, { region: 'eu-west-1' });
    assert.ok(result.ok);
    assert.deepEqual(
      result.value.findings.map((f) => [f.type, f.region]),
      [
        ['CryptoCurrency:EC2/BitcoinTool.B', 'eu-west-1'],
        ['Recon:IAMUser/MaliciousIPCaller', 'eu-west-1'],
      ],
    );
  });

  const problems: [string, () => void, string, string | undefined][] = [
    [
      'ListFindings denied',
      () => aws.emulator.faults.add({ service: 'guardduty', operation: 'ListFindings', kind: 'accessDenied' }),
      'accessDenied',
      'guardduty:ListFindings',
    ],
    [
      'GetFindings denied',
      () => aws.emulator.faults.add({ service: 'guardduty', operation: 'GetFindings', kind: 'accessDenied' }),
      'accessDenied',
      'guardduty:GetFindings',
    ],
    [
      'an expired token',
      () => aws.emulator.faults.add({ service: 'guardduty', kind: 'expiredToken' }),
      'expiredToken',
      undefined,
    ],
  ];
  for (const [name, fault, kind, action] of problems)
    test(`answers the problem: ${name}`, async () => {
      fault();
      const result = await guardDutyFindings(aws.gateway, { region: 'us-east-1' });
      assert.ok(!result.ok);
      assert.equal(result.problem.kind, kind);
      assert.equal(result.problem.action, action);
    });

  test('waits out throttling', async () => {
    aws.emulator.faults.add({ service: 'guardduty', operation: 'GetFindings', kind: 'throttle', times: 2 });
    const result = await guardDutyFindings(aws.gateway, { region: 'us-east-1' });
    assert.ok(result.ok);
    assert.equal(result.value.findings.length, 13);
  });
});
