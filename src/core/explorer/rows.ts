/**
 * The rows the security explorer shows for KMS keys and Secrets Manager secrets: every field of the
 * issue's list as plain, serialisable data (dates epoch ms, absent when unknown), with the hygiene flags
 * and the sentences of what could not be read.
 */
import type { KeyFacts, SecretFacts } from './facts';
import { type HygieneFlag, keyFlags, secretFlags, usesDefaultKey } from './hygiene';

export interface KeyRow {
  readonly keyId: string;
  readonly arn: string;
  readonly region: string;
  readonly aliases: readonly string[];
  readonly description: string;
  readonly state?: string;
  readonly managedBy?: 'AWS' | 'customer';
  readonly spec?: string;
  readonly usage?: string;
  readonly origin?: string;
  readonly multiRegion?: 'PRIMARY' | 'REPLICA';
  readonly createdAt?: number;
  readonly deletionAt?: number;
  /** Undefined: unknown, or the key cannot rotate automatically. */
  readonly rotationEnabled?: boolean;
  readonly rotationPeriodDays?: number;
  readonly nextRotationAt?: number;
  readonly lastUsedAt?: number;
  readonly lastUsedOperation?: string;
  readonly usageTrackedSince?: number;
  readonly grantsCount?: number;
  readonly tags: Readonly<Record<string, string>>;
  readonly flags: readonly HygieneFlag[];
  /** What could not be read about this key, one sentence each. */
  readonly problems: readonly string[];
}

export interface SecretRow {
  readonly name: string;
  readonly arn: string;
  readonly region: string;
  readonly description: string;
  /** The key as Secrets Manager names it; `aws/secretsmanager` when it is the default. */
  readonly kmsKey: string;
  readonly defaultKey: boolean;
  readonly rotationEnabled: boolean;
  readonly rotationEveryDays?: number;
  readonly lastRotatedAt?: number;
  readonly nextRotationAt?: number;
  readonly lastChangedAt?: number;
  readonly lastAccessedAt?: number;
  readonly createdAt?: number;
  readonly owningService?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly flags: readonly HygieneFlag[];
}

/** A key's row at `now`. */
export function keyRow(key: KeyFacts, now: number): KeyRow {
  const meta = key.metadata;
  const used = key.lastUsage;
  return {
    keyId: key.keyId,
    arn: key.arn,
    region: key.region,
    aliases: [...key.aliases].sort(),
    description: meta?.description ?? '',
    ...(meta && {
      state: meta.state,
      managedBy: meta.manager === 'AWS' ? 'AWS' : 'customer',
      spec: meta.spec,
      usage: meta.usage,
      origin: meta.origin,
    }),
    ...(meta?.multiRegion && { multiRegion: meta.multiRegion }),
    ...(meta?.createdAt !== undefined && { createdAt: meta.createdAt }),
    ...(meta?.deletionAt !== undefined && { deletionAt: meta.deletionAt }),
    ...(key.rotation && { rotationEnabled: key.rotation.enabled }),
    ...(key.rotation?.periodDays !== undefined && { rotationPeriodDays: key.rotation.periodDays }),
    ...(key.rotation?.nextAt !== undefined && { nextRotationAt: key.rotation.nextAt }),
    ...(used?.at !== undefined && { lastUsedAt: used.at }),
    ...(used?.operation !== undefined && { lastUsedOperation: used.operation }),
    ...(used?.trackingSince !== undefined && { usageTrackedSince: used.trackingSince }),
    ...(key.grantsCount !== undefined && { grantsCount: key.grantsCount }),
    tags: key.tags ?? {},
    flags: keyFlags(key, now),
    problems: key.problems.map((p) => p.sentence),
  };
}

/** A secret's row at `now`. */
export function secretRow(secret: SecretFacts, now: number): SecretRow {
  const defaultKey = usesDefaultKey(secret);
  return {
    name: secret.name,
    arn: secret.arn,
    region: secret.region,
    description: secret.description ?? '',
    kmsKey: secret.kmsKeyId ?? 'aws/secretsmanager',
    defaultKey,
    rotationEnabled: secret.rotationEnabled,
    ...(secret.rotationEveryDays !== undefined && { rotationEveryDays: secret.rotationEveryDays }),
    ...(secret.lastRotatedAt !== undefined && { lastRotatedAt: secret.lastRotatedAt }),
    ...(secret.nextRotationAt !== undefined && { nextRotationAt: secret.nextRotationAt }),
    ...(secret.lastChangedAt !== undefined && { lastChangedAt: secret.lastChangedAt }),
    ...(secret.lastAccessedAt !== undefined && { lastAccessedAt: secret.lastAccessedAt }),
    ...(secret.createdAt !== undefined && { createdAt: secret.createdAt }),
    ...(secret.owningService !== undefined && { owningService: secret.owningService }),
    tags: secret.tags,
    flags: secretFlags(secret, now),
  };
}
