/**
 * What the AWS adapters read about a KMS key or a Secrets Manager secret, as plain data (dates as epoch
 * ms): the row models are made from these, so the core never sees an SDK type. A part that could not be
 * read is absent and its reason is one of `problems`.
 */

/** Why one part of a key or secret could not be read: the call, and the gateway's sentence. */
export interface PartProblem {
  readonly call: string;
  readonly sentence: string;
}

/** One KMS key as read: ListKeys, DescribeKey, ListAliases, GetKeyRotationStatus, ListGrants, ListResourceTags, GetKeyLastUsage. */
export interface KeyFacts {
  readonly keyId: string;
  readonly arn: string;
  readonly region: string;
  readonly metadata?: {
    readonly description: string;
    readonly state: string;
    readonly manager: 'AWS' | 'CUSTOMER';
    readonly spec: string;
    readonly usage: string;
    readonly origin: string;
    readonly multiRegion?: 'PRIMARY' | 'REPLICA';
    readonly createdAt?: number;
    readonly deletionAt?: number;
  };
  readonly aliases: readonly string[];
  /** Absent when it could not be read or the key does not support rotation (asymmetric, imported). */
  readonly rotation?: { readonly enabled: boolean; readonly periodDays?: number; readonly nextAt?: number };
  readonly grantsCount?: number;
  readonly tags?: Readonly<Record<string, string>>;
  /** GetKeyLastUsage: the last cryptographic use since KMS began tracking (`trackingSince`). */
  readonly lastUsage?: { readonly at?: number; readonly operation?: string; readonly trackingSince?: number };
  readonly problems: readonly PartProblem[];
}

/** One secret's metadata as ListSecrets gives it: never its value. */
export interface SecretFacts {
  readonly name: string;
  readonly arn: string;
  readonly region: string;
  readonly description?: string;
  /** The customer key's id, ARN or alias; absent: the AWS managed `aws/secretsmanager`. */
  readonly kmsKeyId?: string;
  readonly rotationEnabled: boolean;
  readonly rotationEveryDays?: number;
  readonly lastRotatedAt?: number;
  readonly nextRotationAt?: number;
  readonly lastChangedAt?: number;
  /** Secrets Manager keeps the day only. */
  readonly lastAccessedAt?: number;
  readonly createdAt?: number;
  /** The service that manages the secret (`rds`), when one does. */
  readonly owningService?: string;
  readonly tags: Readonly<Record<string, string>>;
}
