/**
 * Key and secret rows for the page's tests and its benchmark: one written out, and as many as asked from
 * a seeded generator (the same rows every run), spread over states, managers, rotation, Regions, ages,
 * tags and flags.
 */
import type { KeyRow, SecretRow } from '../../../src/core';

export function keyRowOf(overrides: Partial<KeyRow> = {}): KeyRow {
  return {
    keyId: '1234abcd-12ab-34cd-56ef-1234567890ab',
    arn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    region: 'us-east-1',
    aliases: ['alias/app'],
    description: 'Application data',
    state: 'Enabled',
    managedBy: 'customer',
    spec: 'SYMMETRIC_DEFAULT',
    usage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    createdAt: Date.UTC(2025, 0, 1),
    rotationEnabled: true,
    rotationPeriodDays: 365,
    tags: { team: 'payments' },
    flags: [],
    problems: [],
    ...overrides,
  };
}

export function secretRowOf(overrides: Partial<SecretRow> = {}): SecretRow {
  return {
    name: 'prod/db/password',
    arn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db/password-AbCdEf',
    region: 'us-east-1',
    description: 'The database password',
    kmsKey: 'aws/secretsmanager',
    defaultKey: true,
    rotationEnabled: false,
    createdAt: Date.UTC(2025, 0, 1),
    tags: {},
    flags: [],
    ...overrides,
  };
}

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const DAY = 86_400_000;
const BASE = Date.UTC(2026, 0, 1);

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

export function generatedKeys(n: number, seed = 7): KeyRow[] {
  const next = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const region = REGIONS[i % REGIONS.length]!;
    const id = `0000${i.toString(16)}-aaaa-bbbb-cccc-${String(i).padStart(12, '0')}`;
    const aws = next() < 0.2;
    const rotation = aws ? true : next() < 0.6;
    const pending = next() < 0.03;
    return keyRowOf({
      keyId: id,
      arn: `arn:aws:kms:${region}:123456789012:key/${id}`,
      region,
      aliases: next() < 0.8 ? [`alias/${aws ? 'aws/' : ''}service-${i}`] : [],
      managedBy: aws ? 'AWS' : 'customer',
      state: pending ? 'PendingDeletion' : 'Enabled',
      rotationEnabled: rotation,
      createdAt: BASE - Math.floor(next() * 900) * DAY,
      lastUsedAt: BASE - Math.floor(next() * 90) * DAY,
      tags: { team: `team-${i % 13}` },
      flags: [
        ...(pending ? [{ id: 'pendingDeletion' as const, sentence: 'Scheduled for deletion in 7 days.' }] : []),
        ...(!aws && !rotation && !pending
          ? [{ id: 'rotationOff' as const, sentence: 'Automatic rotation is off.' }]
          : []),
      ],
    });
  });
}

export function generatedSecrets(n: number, seed = 11): SecretRow[] {
  const next = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const region = REGIONS[i % REGIONS.length]!;
    const rotated = next() < 0.5;
    const defaultKey = next() < 0.4;
    const name = `app-${i % 50}/secret-${i}`;
    return secretRowOf({
      name,
      arn: `arn:aws:secretsmanager:${region}:123456789012:secret:${name}-${i.toString(36).padStart(6, 'x')}`,
      region,
      kmsKey: defaultKey ? 'aws/secretsmanager' : `alias/app-${i % 50}`,
      defaultKey,
      rotationEnabled: rotated,
      ...(rotated && { lastRotatedAt: BASE - Math.floor(next() * 60) * DAY, rotationEveryDays: 30 }),
      lastAccessedAt: BASE - Math.floor(next() * 200) * DAY,
      flags: [
        ...(rotated ? [] : [{ id: 'neverRotated' as const, sentence: 'Never rotated.' }]),
        ...(defaultKey ? [{ id: 'defaultKey' as const, sentence: 'Encrypted with aws/secretsmanager.' }] : []),
      ],
    });
  });
}
