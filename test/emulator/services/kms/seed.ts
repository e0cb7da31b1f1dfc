/**
 * KMS keys as the seed gives them (`services.kms`): each key in its Region with its metadata, aliases,
 * rotation, grants, tags, key policy and last use. Times are ages in days (seedTimes.ts). A multi-Region
 * key's replicas share the primary's `mrk-` id in other Regions.
 */
import type { Seed } from '../../seed';
import {
  type Fields,
  fields,
  optionalArray,
  optionalBoolean,
  optionalChoice,
  optionalInteger,
  optionalString,
  requiredArray,
  requiredString,
  ValidationError,
} from '../../validate';
import { optionalAge, requiredAge } from '../seedTimes';

interface SeedGrant {
  readonly id: string;
  readonly name?: string;
  readonly grantee: string;
  readonly operations: readonly string[];
  readonly createdAt: number;
}

export interface SeedKey {
  readonly id: string;
  readonly region: string;
  readonly arn: string;
  readonly account: string;
  readonly manager: 'AWS' | 'CUSTOMER';
  readonly description: string;
  readonly createdAt: number;
  readonly state: 'Enabled' | 'Disabled' | 'PendingDeletion';
  /** When a key pending deletion is deleted (epoch ms). */
  readonly deletionAt?: number;
  readonly pendingWindowDays?: number;
  readonly spec: string;
  readonly usage: string;
  readonly origin: string;
  readonly multiRegion?: 'PRIMARY' | 'REPLICA';
  readonly primaryRegion?: string;
  readonly rotation: { readonly enabled: boolean; readonly periodDays?: number; readonly nextAt?: number };
  readonly aliases: readonly string[];
  readonly grants: readonly SeedGrant[];
  readonly tags: Readonly<Record<string, string>>;
  readonly policy: string;
  readonly lastUsed?: { readonly at: number; readonly operation: string };
}

export interface KmsSeed {
  readonly pageSize: number;
  readonly keys: readonly SeedKey[];
  /** When KMS began tracking last usage (GetKeyLastUsage's TrackingStartDate). */
  readonly trackingStartAt: number;
}

const SECTION = 'seed.services.kms';
const REGION = { pattern: /^[a-z]{2}(-[a-z]+)+-\d$/, expected: 'a Region like us-east-1' };
const KEY_ID = {
  pattern: /^(mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/,
  expected: 'a key id (a UUID, or mrk-… for a multi-Region key)',
};
const DAY_MS = 86_400_000;

/** Reads and checks the seed's `services.kms` section. */
export function readKmsSeed(seed: Seed, startedAtMs: number): KmsSeed {
  const section = fields(seed.services['kms'] ?? {}, SECTION, [
    '$comment',
    'account',
    'pageSize',
    'trackingStartDaysAgo',
    'keys',
  ]);
  const account =
    optionalString(section, 'account', SECTION, { pattern: /^\d{12}$/, expected: 'a 12-digit account id' }) ??
    '111122223333';
  const keys = optionalArray(section, 'keys', SECTION).map((k, i) =>
    readKey(k, `${SECTION}.keys[${i}]`, account, startedAtMs),
  );
  return {
    pageSize: optionalInteger(section, 'pageSize', SECTION, 1, 1000) ?? 100,
    keys,
    trackingStartAt: optionalAge(section, 'trackingStartDaysAgo', SECTION, startedAtMs) ?? startedAtMs - 365 * DAY_MS,
  };
}

function readKey(value: unknown, path: string, account: string, startedAtMs: number): SeedKey {
  const obj = fields(value, path, [
    'id',
    'region',
    'manager',
    'description',
    'createdDaysAgo',
    'state',
    'deletionInDays',
    'spec',
    'usage',
    'origin',
    'multiRegion',
    'primaryRegion',
    'rotation',
    'aliases',
    'grants',
    'tags',
    'policy',
    'lastUsed',
  ]);
  const id = requiredString(obj, 'id', path, KEY_ID);
  const region = requiredString(obj, 'region', path, REGION);
  const state = optionalChoice(obj, 'state', path, ['Enabled', 'Disabled', 'PendingDeletion'] as const) ?? 'Enabled';
  const deletionInDays = optionalInteger(obj, 'deletionInDays', path, 7, 30);
  if ((state === 'PendingDeletion') !== (deletionInDays !== undefined))
    throw new ValidationError(`${path}.deletionInDays: required for a key PendingDeletion, and only for it`);
  const manager = optionalChoice(obj, 'manager', path, ['AWS', 'CUSTOMER'] as const) ?? 'CUSTOMER';
  const multiRegion = optionalChoice(obj, 'multiRegion', path, ['PRIMARY', 'REPLICA'] as const);
  if ((multiRegion !== undefined) !== id.startsWith('mrk-'))
    throw new ValidationError(`${path}.multiRegion: a multi-Region key has an mrk- id, and only it`);
  const createdAt = requiredAge(obj, 'createdDaysAgo', path, startedAtMs);
  const rotation = readRotation(obj['rotation'], `${path}.rotation`, manager, createdAt, startedAtMs);
  const arn = `arn:aws:kms:${region}:${account}:key/${id}`;
  const lastUsed = readLastUsed(obj['lastUsed'], `${path}.lastUsed`, startedAtMs);
  const primaryRegion = optionalString(obj, 'primaryRegion', path, REGION);
  return {
    id,
    region,
    arn,
    account,
    manager,
    state,
    createdAt,
    rotation,
    description: typeof obj['description'] === 'string' ? obj['description'] : '',
    ...(deletionInDays !== undefined && { deletionAt: startedAtMs + deletionInDays * DAY_MS, pendingWindowDays: 30 }),
    spec: optionalString(obj, 'spec', path) ?? 'SYMMETRIC_DEFAULT',
    usage: optionalString(obj, 'usage', path) ?? 'ENCRYPT_DECRYPT',
    origin: optionalString(obj, 'origin', path) ?? 'AWS_KMS',
    ...(multiRegion !== undefined && { multiRegion, primaryRegion: primaryRegion ?? region }),
    aliases: optionalArray(obj, 'aliases', path).map((a, i) => {
      if (typeof a !== 'string' || !a.startsWith('alias/'))
        throw new ValidationError(`${path}.aliases[${i}]: expected a name like alias/app`);
      return a;
    }),
    grants: optionalArray(obj, 'grants', path).map((g, i) => readGrant(g, `${path}.grants[${i}]`, id, i, startedAtMs)),
    tags: readTags(obj['tags'], `${path}.tags`),
    policy: JSON.stringify(obj['policy'] ?? defaultPolicy(account)),
    ...(lastUsed && { lastUsed }),
  };
}

function readRotation(
  value: unknown,
  path: string,
  manager: string,
  createdAt: number,
  startedAtMs: number,
): SeedKey['rotation'] {
  // AWS managed keys rotate every year, always.
  if (manager === 'AWS') return { enabled: true, periodDays: 365, nextAt: nextRotation(createdAt, 365, startedAtMs) };
  if (value === undefined) return { enabled: false };
  const obj = fields(value, path, ['enabled', 'periodDays']);
  const enabled = optionalBoolean(obj, 'enabled', path) ?? false;
  if (!enabled) return { enabled };
  const periodDays = optionalInteger(obj, 'periodDays', path, 90, 2560) ?? 365;
  return { enabled, periodDays, nextAt: nextRotation(createdAt, periodDays, startedAtMs) };
}

/** The first rotation date after now, counting whole periods from creation. */
function nextRotation(createdAt: number, periodDays: number, nowMs: number): number {
  const period = periodDays * DAY_MS;
  return createdAt + (Math.floor((nowMs - createdAt) / period) + 1) * period;
}

function readGrant(value: unknown, path: string, keyId: string, index: number, startedAtMs: number): SeedGrant {
  const obj: Fields = fields(value, path, ['name', 'grantee', 'operations', 'createdDaysAgo']);
  const name = optionalString(obj, 'name', path);
  return {
    // Grant ids are 64 hex characters; a stable one per key and position keeps tests readable.
    id: `${keyId.replace(/[^0-9a-f]/g, '')}${String(index).padStart(4, '0')}`.padEnd(64, '0').slice(0, 64),
    grantee: requiredString(obj, 'grantee', path),
    operations: requiredArray(obj, 'operations', path).map(String),
    createdAt: requiredAge(obj, 'createdDaysAgo', path, startedAtMs),
    ...(name !== undefined && { name }),
  };
}

function readLastUsed(value: unknown, path: string, startedAtMs: number): SeedKey['lastUsed'] {
  if (value === undefined) return undefined;
  const obj = fields(value, path, ['daysAgo', 'operation']);
  return { at: requiredAge(obj, 'daysAgo', path, startedAtMs), operation: requiredString(obj, 'operation', path) };
}

/** Tags as `{ key: value }`. */
export function readTags(value: unknown, path: string): Readonly<Record<string, string>> {
  if (value === undefined) return {};
  const obj = fields(value, path);
  for (const [key, tag] of Object.entries(obj))
    if (typeof tag !== 'string') throw new ValidationError(`${path}.${key}: expected a string`);
  return obj as Readonly<Record<string, string>>;
}

/** The policy KMS gives a key created without one: the account may do everything with it. */
function defaultPolicy(account: string): unknown {
  return {
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  };
}
