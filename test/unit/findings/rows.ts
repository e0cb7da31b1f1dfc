/**
 * Finding rows for the tests and the bench: one written out, and as many as asked made from a seeded
 * generator (the same rows every run), spread over severities, types, resources, accounts, Regions,
 * times and archived or not.
 */
import type { FindingRow, SeverityLabel } from '../../../src/core';
import { severityLabelOf } from '../../../src/core';

export function row(overrides: Partial<FindingRow> = {}): FindingRow {
  return {
    id: 'f1',
    source: 'GuardDuty',
    product: 'GuardDuty',
    severityLabel: 'HIGH',
    severity: 8,
    type: 'Recon:IAMUser/MaliciousIPCaller',
    title: 'A title',
    description: 'A description',
    resources: [{ type: 'AccessKey', id: 'AKIAEXAMPLE' }],
    account: '123837392027',
    region: 'us-east-1',
    updatedAt: 1_000,
    count: 1,
    archived: false,
    activity: [],
    ...overrides,
  };
}

const TYPES = [
  'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
  'Recon:IAMUser/MaliciousIPCaller',
  'CryptoCurrency:EC2/BitcoinTool.B!DNS',
  'Policy:S3/BucketPublicAccessGranted',
  'UnauthorizedAccess:EC2/SSHBruteForce',
  'Stealth:IAMUser/CloudTrailLoggingDisabled',
];
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const ACCOUNTS = ['123837392027', '111122223333', '444455556666'];
const PRODUCTS = ['Inspector', 'Config', 'Macie', 'IAM Access Analyzer'];

/** `n` rows from a small linear congruential generator seeded with `seed`. */
export function generatedRows(n: number, seed = 42): FindingRow[] {
  let state = seed;
  const next = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const severity = Math.round(next() * 100) / 10;
    const hub = next() < 0.3;
    const label: SeverityLabel = severityLabelOf(severity);
    return row({
      id: `finding-${i}`,
      source: hub ? 'Security Hub' : 'GuardDuty',
      product: hub ? pick(PRODUCTS) : 'GuardDuty',
      severity,
      severityLabel: label,
      type: pick(TYPES),
      title: `Finding ${i} about bucket-${i % 97}`,
      resources: [{ type: hub ? 'AwsS3Bucket' : 'S3Bucket', id: `arn:aws:s3:::bucket-${i % 97}` }],
      account: pick(ACCOUNTS),
      region: pick(REGIONS),
      updatedAt: Math.floor(next() * 90) * 86_400_000,
      archived: next() < 0.25,
    });
  });
}
