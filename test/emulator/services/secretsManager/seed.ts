/**
 * Secrets Manager's secrets as the seed gives them (`services.secretsmanager`): metadata only, never a
 * value (the emulator has none to give). Each secret in its Region, with its KMS key (none: the AWS
 * managed `aws/secretsmanager`), rotation, last change and access, owning service, tags and resource
 * policy. Times are ages in days (seedTimes.ts).
 */
import { createHash } from 'node:crypto';
import type { Seed } from '../../seed';
import { fields, optionalArray, optionalInteger, optionalString, requiredString } from '../../validate';
import { readTags } from '../kms/seed';
import { optionalAge, requiredAge } from '../seedTimes';

export interface SeedSecret {
  readonly name: string;
  readonly region: string;
  readonly arn: string;
  readonly description?: string;
  readonly kmsKeyId?: string;
  readonly createdAt: number;
  readonly lastChangedAt?: number;
  /** Secrets Manager records the day of the last access only. */
  readonly lastAccessedAt?: number;
  readonly rotation?: { readonly lambdaArn?: string; readonly everyDays: number; readonly lastRotatedAt?: number };
  readonly owningService?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly policy?: string;
}

export interface SecretsSeed {
  readonly pageSize: number;
  readonly secrets: readonly SeedSecret[];
}

const SECTION = 'seed.services.secretsmanager';
const DAY_MS = 86_400_000;

/** Reads and checks the seed's `services.secretsmanager` section. */
export function readSecretsSeed(seed: Seed, startedAtMs: number): SecretsSeed {
  const section = fields(seed.services['secretsmanager'] ?? {}, SECTION, [
    '$comment',
    'account',
    'pageSize',
    'secrets',
  ]);
  const account =
    optionalString(section, 'account', SECTION, { pattern: /^\d{12}$/, expected: 'a 12-digit account id' }) ??
    '111122223333';
  return {
    pageSize: optionalInteger(section, 'pageSize', SECTION, 1, 100) ?? 100,
    secrets: optionalArray(section, 'secrets', SECTION).map((s, i) =>
      readSecret(s, `${SECTION}.secrets[${i}]`, account, startedAtMs),
    ),
  };
}

function readSecret(value: unknown, path: string, account: string, startedAtMs: number): SeedSecret {
  const obj = fields(value, path, [
    'name',
    'region',
    'description',
    'kmsKeyId',
    'createdDaysAgo',
    'lastChangedDaysAgo',
    'lastAccessedDaysAgo',
    'rotation',
    'owningService',
    'tags',
    'policy',
  ]);
  const name = requiredString(obj, 'name', path);
  const region = requiredString(obj, 'region', path, {
    pattern: /^[a-z]{2}(-[a-z]+)+-\d$/,
    expected: 'a Region like us-east-1',
  });
  const lastAccessed = optionalAge(obj, 'lastAccessedDaysAgo', path, startedAtMs);
  const rotation = readRotation(obj['rotation'], `${path}.rotation`, startedAtMs);
  const description = optionalString(obj, 'description', path);
  const kmsKeyId = optionalString(obj, 'kmsKeyId', path);
  const lastChangedAt = optionalAge(obj, 'lastChangedDaysAgo', path, startedAtMs);
  const owningService = optionalString(obj, 'owningService', path);
  return {
    name,
    region,
    // Secrets Manager ends a secret's ARN with a hyphen and six random characters; stable ones here.
    arn: `arn:aws:secretsmanager:${region}:${account}:secret:${name}-${createHash('sha256').update(name).digest('base64url').replace(/[-_]/g, 'x').slice(0, 6)}`,
    createdAt: requiredAge(obj, 'createdDaysAgo', path, startedAtMs),
    ...(description !== undefined && { description }),
    ...(kmsKeyId !== undefined && { kmsKeyId }),
    ...(lastChangedAt !== undefined && { lastChangedAt }),
    ...(lastAccessed !== undefined && { lastAccessedAt: Math.floor(lastAccessed / DAY_MS) * DAY_MS }),
    ...(rotation && { rotation }),
    ...(owningService !== undefined && { owningService }),
    tags: readTags(obj['tags'], `${path}.tags`),
    ...(obj['policy'] !== undefined && { policy: JSON.stringify(fields(obj['policy'], `${path}.policy`)) }),
  };
}

function readRotation(value: unknown, path: string, startedAtMs: number): SeedSecret['rotation'] {
  if (value === undefined) return undefined;
  const obj = fields(value, path, ['lambdaArn', 'everyDays', 'lastRotatedDaysAgo']);
  const lastRotatedAt = optionalAge(obj, 'lastRotatedDaysAgo', path, startedAtMs);
  // A secret another service manages (RDS) rotates without a Lambda function of the account's.
  const lambdaArn = optionalString(obj, 'lambdaArn', path);
  return {
    ...(lambdaArn !== undefined && { lambdaArn }),
    everyDays: optionalInteger(obj, 'everyDays', path, 1, 1000) ?? 30,
    ...(lastRotatedAt !== undefined && { lastRotatedAt }),
  };
}
