/**
 * KMS's read-only calls over the seeded keys, answered as KMS does: keys are regional (a call sees the
 * keys of the Region it is signed for), a key is named by its id, its ARN, an alias name or an alias
 * ARN, and the list calls page with `Limit`, `Marker`, `Truncated` and `NextMarker`.
 */
import { AwsError } from '../../errors';
import { epochSeconds, listPage, optionalInput, pageLimit } from '../listPages';
import type { JsonObject, OperationContext } from '../types';
import type { KmsSeed, SeedKey } from './seed';

type Handler = (input: JsonObject, ctx: OperationContext) => JsonObject;

const notFound = (message: string): AwsError => new AwsError('NotFoundException', 400, message);
const badMarker = (): AwsError =>
  new AwsError(
    'InvalidMarkerException',
    400,
    'The marker that specifies where pagination should next begin is not valid.',
  );
const validation = (message: string): AwsError => new AwsError('ValidationException', 400, message);

/** The key a `KeyId` names in the caller's Region, or NotFoundException. */
function findKey(seed: KmsSeed, input: JsonObject, ctx: OperationContext): SeedKey {
  const keyId = optionalInput(input, 'KeyId');
  if (keyId === undefined)
    throw validation(
      "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
    );
  const inRegion = seed.keys.filter((k) => k.region === ctx.region);
  const alias = keyId.startsWith('alias/') ? keyId : /^arn:aws[a-z-]*:kms:[^:]+:\d{12}:(alias\/.+)$/.exec(keyId)?.[1];
  const key =
    alias !== undefined
      ? inRegion.find((k) => k.aliases.includes(alias))
      : inRegion.find((k) => k.id === keyId || k.arn === keyId);
  if (key === undefined)
    throw notFound(
      alias !== undefined
        ? `Alias arn:aws:kms:${ctx.region}:${ctx.caller.account}:${alias} is not found.`
        : `Key '${keyId}' does not exist`,
    );
  return key;
}

/** A page of a list call, with KMS's `Truncated`/`NextMarker` members. */
function page<T>(
  items: readonly T[],
  input: JsonObject,
  scope: readonly string[],
  pageSize: number,
  max: number,
  fallback: number,
) {
  const limit = pageLimit(input['Limit'], { max, fallback }, pageSize, validation);
  const { items: shown, next } = listPage(items, { limit, token: optionalInput(input, 'Marker'), scope }, badMarker);
  return { shown, more: next === undefined ? { Truncated: false } : { Truncated: true, NextMarker: next } };
}

function keyMetadata(key: SeedKey): JsonObject {
  return {
    AWSAccountId: key.account,
    KeyId: key.id,
    Arn: key.arn,
    CreationDate: epochSeconds(key.createdAt),
    Enabled: key.state === 'Enabled',
    Description: key.description,
    KeyUsage: key.usage,
    KeyState: key.state,
    ...(key.deletionAt !== undefined && {
      DeletionDate: epochSeconds(key.deletionAt),
      PendingDeletionWindowInDays: key.pendingWindowDays,
    }),
    Origin: key.origin,
    KeyManager: key.manager,
    CustomerMasterKeySpec: key.spec,
    KeySpec: key.spec,
    ...(key.spec === 'SYMMETRIC_DEFAULT' && { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] }),
    MultiRegion: key.multiRegion !== undefined,
    ...(key.multiRegion !== undefined && {
      MultiRegionConfiguration: {
        MultiRegionKeyType: key.multiRegion,
        PrimaryKey: { Arn: key.arn.replace(`:${key.region}:`, `:${key.primaryRegion}:`), Region: key.primaryRegion },
        ReplicaKeys: [],
      },
    }),
  };
}

/** KMS's operations, over the seeded keys (`ctx.data.kms`). */
export const KMS_OPERATIONS: Readonly<Record<string, Handler>> = {
  ListKeys: (input, ctx) => {
    const keys = ctx.data.kms.keys.filter((k) => k.region === ctx.region);
    const { shown, more } = page(keys, input, ['ListKeys', ctx.region], ctx.data.kms.pageSize, 1000, 100);
    return { Keys: shown.map((k) => ({ KeyId: k.id, KeyArn: k.arn })), ...more };
  },
  ListAliases: (input, ctx) => {
    const filter = optionalInput(input, 'KeyId');
    const keys =
      filter === undefined
        ? ctx.data.kms.keys.filter((k) => k.region === ctx.region)
        : [findKey(ctx.data.kms, input, ctx)];
    const aliases = keys.flatMap((k) =>
      k.aliases.map((name) => ({
        AliasName: name,
        AliasArn: `arn:aws:kms:${k.region}:${k.account}:${name}`,
        TargetKeyId: k.id,
        CreationDate: epochSeconds(k.createdAt),
        LastUpdatedDate: epochSeconds(k.createdAt),
      })),
    );
    const { shown, more } = page(
      aliases,
      input,
      ['ListAliases', ctx.region, filter ?? ''],
      ctx.data.kms.pageSize,
      100,
      50,
    );
    return { Aliases: shown, ...more };
  },
  DescribeKey: (input, ctx) => ({ KeyMetadata: keyMetadata(findKey(ctx.data.kms, input, ctx)) }),
  GetKeyPolicy: (input, ctx) => {
    const key = findKey(ctx.data.kms, input, ctx);
    const name = optionalInput(input, 'PolicyName') ?? 'default';
    if (name !== 'default') throw notFound(`No such policy exists: ${name}`);
    return { Policy: key.policy, PolicyName: 'default' };
  },
  GetKeyRotationStatus: (input, ctx) => {
    const key = findKey(ctx.data.kms, input, ctx);
    if (key.spec !== 'SYMMETRIC_DEFAULT' || key.origin !== 'AWS_KMS')
      throw new AwsError('UnsupportedOperationException', 400, `${key.arn} key does not support automatic rotation.`);
    return {
      KeyId: key.arn,
      KeyRotationEnabled: key.rotation.enabled,
      ...(key.rotation.periodDays !== undefined && { RotationPeriodInDays: key.rotation.periodDays }),
      ...(key.rotation.nextAt !== undefined &&
        key.state === 'Enabled' && { NextRotationDate: epochSeconds(key.rotation.nextAt) }),
    };
  },
  ListGrants: (input, ctx) => {
    const key = findKey(ctx.data.kms, input, ctx);
    const grants = key.grants.map((g) => ({
      KeyId: key.arn,
      GrantId: g.id,
      ...(g.name !== undefined && { Name: g.name }),
      CreationDate: epochSeconds(g.createdAt),
      GranteePrincipal: g.grantee,
      IssuingAccount: `arn:aws:iam::${key.account}:root`,
      Operations: g.operations,
    }));
    const { shown, more } = page(grants, input, ['ListGrants', ctx.region, key.id], ctx.data.kms.pageSize, 100, 50);
    return { Grants: shown, ...more };
  },
  ListResourceTags: (input, ctx) => {
    const key = findKey(ctx.data.kms, input, ctx);
    if (key.manager === 'AWS')
      throw new AwsError('UnsupportedOperationException', 400, `${key.arn} is an AWS managed key: it has no tags.`);
    const tags = Object.entries(key.tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
    const { shown, more } = page(tags, input, ['ListResourceTags', ctx.region, key.id], ctx.data.kms.pageSize, 50, 50);
    return { Tags: shown, ...more };
  },
  GetKeyLastUsage: (input, ctx) => {
    const key = findKey(ctx.data.kms, input, ctx);
    return {
      KeyId: key.id,
      KeyCreationDate: epochSeconds(key.createdAt),
      TrackingStartDate: epochSeconds(Math.max(ctx.data.kms.trackingStartAt, key.createdAt)),
      ...(key.lastUsed && {
        KeyLastUsage: { Operation: key.lastUsed.operation, Timestamp: epochSeconds(key.lastUsed.at) },
      }),
    };
  },
};
