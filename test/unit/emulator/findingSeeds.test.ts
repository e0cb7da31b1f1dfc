/**
 * The seed sections of GuardDuty and Security Hub: ages become times before the start, one detector per
 * Region, and every mistake is refused with a message naming the field.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readGuardDutySeed } from '../../emulator/services/guardduty/seed';
import { readSecurityHubSeed } from '../../emulator/services/securityhub/seed';
import { parseSeed, type Seed } from '../../emulator/seed';

const START = Date.parse('2026-03-01T12:00:00Z');
const DAY_MS = 86_400_000;
const DETECTOR = { id: 'a'.repeat(32), region: 'us-east-1', account: '111122223333', createdDaysAgo: 10 };
const GD_FINDING = {
  id: 'b'.repeat(32),
  type: 'Recon:IAMUser/MaliciousIPCaller',
  severity: 5,
  title: 't',
  description: 'd',
  resource: { resourceType: 'AccessKey' },
  createdDaysAgo: 2,
};
const ASFF = {
  Id: 'f1',
  ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty',
  ProductName: 'GuardDuty',
  CompanyName: 'Amazon',
  AwsAccountId: '111122223333',
  Region: 'us-east-1',
  Title: 't',
  Description: 'd',
  Severity: { Label: 'HIGH' },
  Workflow: { Status: 'NEW' },
  RecordState: 'ACTIVE',
  Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::b' }],
  createdDaysAgo: 3,
};

function seedWith(services: Record<string, unknown>): Seed {
  return parseSeed({
    accounts: [{ id: '111122223333' }],
    credentials: [
      {
        accessKeyId: 'AKIAEMULATOR00000001',
        secretAccessKey: 'secret',
        arn: 'arn:aws:iam::111122223333:user/dev',
        userId: 'AIDAEMULATORDEV00001',
        account: '111122223333',
      },
    ],
    services: services as Record<string, Record<string, unknown>>,
  });
}

const readers: Record<string, (seed: Seed) => unknown> = {
  guardduty: (seed) => readGuardDutySeed(seed, START),
  securityhub: (seed) => readSecurityHubSeed(seed, START),
};

describe('the seed sections of GuardDuty and Security Hub', () => {
  it('turn ages into times, and fill in what a finding leaves out', () => {
    const gd = readGuardDutySeed(
      seedWith({ guardduty: { detectors: [{ ...DETECTOR, findings: [GD_FINDING] }] } }),
      START,
    );
    const [finding] = gd.detectors[0]?.findings ?? [];
    assert.equal(finding?.createdAt, START - 2 * DAY_MS);
    assert.equal(finding?.updatedAt, finding?.createdAt);
    assert.equal(finding?.lastSeen, finding?.createdAt);
    assert.deepEqual([finding?.archived, finding?.count, gd.pageSize], [false, 1, 50]);
    const sh = readSecurityHubSeed(seedWith({ securityhub: { findings: [{ ...ASFF, updatedDaysAgo: 1 }] } }), START);
    assert.equal(sh.findings[0]?.['CreatedAt'], new Date(START - 3 * DAY_MS).toISOString());
    assert.equal(sh.findings[0]?.['UpdatedAt'], new Date(START - DAY_MS).toISOString());
    assert.equal(sh.findings[0]?.['createdDaysAgo'], undefined, 'the ages are not passed through');
  });

  const mistakes: [string, string, unknown, string][] = [
    ['guardduty', 'a detector id that is not hex', { detectors: [{ ...DETECTOR, id: 'x' }] }, 'detectors[0].id'],
    [
      'guardduty',
      'two detectors in a Region',
      { detectors: [DETECTOR, { ...DETECTOR, id: 'c'.repeat(32) }] },
      'a second detector in us-east-1',
    ],
    [
      'guardduty',
      'a severity above 10',
      { detectors: [{ ...DETECTOR, findings: [{ ...GD_FINDING, severity: 11 }] }] },
      'findings[0].severity',
    ],
    [
      'guardduty',
      'a type without a slash',
      { detectors: [{ ...DETECTOR, findings: [{ ...GD_FINDING, type: 'Recon' }] }] },
      'findings[0].type',
    ],
    [
      'securityhub',
      'an unknown severity label',
      { findings: [{ ...ASFF, Severity: { Label: 'SEVERE' } }] },
      'findings[0].Severity.Label',
    ],
    ['securityhub', 'no resources', { findings: [{ ...ASFF, Resources: [] }] }, 'findings[0].Resources'],
    [
      'securityhub',
      'a compliance status of another kind',
      { findings: [{ ...ASFF, Compliance: { Status: 'OK' } }] },
      'findings[0].Compliance.Status',
    ],
    ['securityhub', 'a hub without its age', { hubs: [{ region: 'us-east-1' }] }, 'hubs[0].subscribedDaysAgo'],
  ];
  for (const [service, name, section, message] of mistakes)
    it(`refuses ${name}`, () => {
      assert.throws(
        () => readers[service]!(seedWith({ [service]: section })),
        (e: Error) => e.message.startsWith(`seed.services.${service}`) && e.message.includes(message),
      );
    });
});
