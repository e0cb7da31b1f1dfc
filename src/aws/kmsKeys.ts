/**
 * The KMS keys of one Region with everything the security explorer shows about them: every page of
 * ListKeys and ListAliases, then per key (a few keys at a time) DescribeKey, GetKeyRotationStatus,
 * ListGrants (counted over every page), ListResourceTags and GetKeyLastUsage. A part that fails is said
 * on its key; a service that refuses ListKeys (access denied, no credentials) is one problem for all.
 * The key policy is read on demand, by {@link keyPolicy}.
 */
import type { AliasListEntry, KeyListEntry, KeyMetadata, KMSClient } from '@aws-sdk/client-kms';
import type { AwsProblem, AwsResult, KeyFacts, PartProblem } from '../core';
import { everyItem, fewAtATime, isUnsupported } from './explorerPaging';
import type { AwsGateway, CallOptions } from './gateway';
import { whileThrottled } from './patience';

export interface KmsOptions {
  readonly region?: string;
  readonly signal?: AbortSignal;
  /** Told of every request sent (each page, each key's call): what the caller reports as the answer's cost. */
  readonly onRequest?: () => void;
  /** How many keys are read at once (default 3). */
  readonly concurrency?: number;
}

const CANCELLED: AwsProblem = { kind: 'cancelled', sentence: 'Reading the KMS keys was cancelled.' };
const DEFAULT_CONCURRENCY = 3;

/** Every key of the Region, with its details, or why the Region's keys could not be listed. */
export async function kmsKeys(gateway: AwsGateway, options: KmsOptions = {}): Promise<AwsResult<KeyFacts[]>> {
  const call = callOptions(options);
  const keys = await everyItem(
    (token) =>
      gateway.keySecretCall(
        'ListKeys',
        async (client, abortSignal) => {
          const { ListKeysCommand } = await import('@aws-sdk/client-kms');
          return client.send(new ListKeysCommand({ Limit: 1000, ...(token && { Marker: token }) }), { abortSignal });
        },
        call,
      ),
    { items: (p) => p.Keys, next: (p) => (p.Truncated ? p.NextMarker : undefined) },
    options.signal,
    CANCELLED,
  );
  if (!keys.ok) return keys;
  const aliases = await regionAliases(gateway, call);
  const facts = await fewAtATime(keys.value, options.concurrency ?? DEFAULT_CONCURRENCY, (key) =>
    keyFacts(gateway, key, aliases, call),
  );
  return { ok: true, value: facts };
}

/** A key's policy (the JSON text KMS returns), or why it could not be read. */
export async function keyPolicy(
  gateway: AwsGateway,
  keyId: string,
  options: Omit<KmsOptions, 'concurrency'> = {},
): Promise<AwsResult<string>> {
  const answer = await once(gateway, 'GetKeyPolicy', callOptions(options), async (client, abortSignal) => {
    const { GetKeyPolicyCommand } = await import('@aws-sdk/client-kms');
    return client.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }), { abortSignal });
  });
  return answer.ok ? { ok: true, value: answer.value.Policy ?? '' } : answer;
}

type Aliases = AwsResult<ReadonlyMap<string, string[]>>;

/** The Region's aliases by target key id (one listing, not one per key). */
async function regionAliases(gateway: AwsGateway, call: CallOptions): Promise<Aliases> {
  const all = await everyItem(
    (token) =>
      gateway.keySecretCall(
        'ListAliases',
        async (client, abortSignal) => {
          const { ListAliasesCommand } = await import('@aws-sdk/client-kms');
          return client.send(new ListAliasesCommand({ Limit: 100, ...(token && { Marker: token }) }), { abortSignal });
        },
        call,
      ),
    { items: (p) => p.Aliases, next: (p) => (p.Truncated ? p.NextMarker : undefined) },
    call.signal,
    CANCELLED,
  );
  if (!all.ok) return all;
  const byKey = new Map<string, string[]>();
  for (const alias of all.value as AliasListEntry[])
    if (alias.TargetKeyId && alias.AliasName)
      byKey.set(alias.TargetKeyId, [...(byKey.get(alias.TargetKeyId) ?? []), alias.AliasName]);
  return { ok: true, value: byKey };
}

async function keyFacts(
  gateway: AwsGateway,
  key: KeyListEntry,
  aliases: Aliases,
  call: CallOptions,
): Promise<KeyFacts> {
  const keyId = key.KeyId ?? '';
  const problems: PartProblem[] = [];
  const part = <T>(name: string, result: AwsResult<T>): T | undefined => {
    if (result.ok) return result.value;
    if (!isUnsupported(result.problem)) problems.push({ call: name, sentence: result.problem.sentence });
    return undefined;
  };
  if (!aliases.ok) problems.push({ call: 'ListAliases', sentence: aliases.problem.sentence });
  const described = part('DescribeKey', await describeKey(gateway, keyId, call));
  const awsManaged = described?.KeyManager === 'AWS';
  const [rotation, grants, tags, usage] = await Promise.all([
    rotationOf(gateway, keyId, call),
    grantsCount(gateway, keyId, call),
    // AWS managed keys carry no tags of the account's.
    awsManaged
      ? Promise.resolve<AwsResult<Record<string, string>>>({ ok: true, value: {} })
      : tagsOf(gateway, keyId, call),
    lastUsage(gateway, keyId, call),
  ]);
  const rotationValue = part('GetKeyRotationStatus', rotation);
  const grantsValue = part('ListGrants', grants);
  const tagsValue = part('ListResourceTags', tags);
  const usageValue = part('GetKeyLastUsage', usage);
  const arn = key.KeyArn ?? described?.Arn ?? '';
  return {
    keyId,
    arn,
    // The ARN says the Region, also when the call used the profile's.
    region: arn.split(':')[3] ?? '',
    ...(described && { metadata: metadataOf(described) }),
    aliases: aliases.ok ? (aliases.value.get(keyId) ?? []) : [],
    ...(rotationValue && { rotation: rotationValue }),
    ...(grantsValue !== undefined && { grantsCount: grantsValue }),
    ...(tagsValue && { tags: tagsValue }),
    ...(usageValue && { lastUsage: usageValue }),
    problems,
  };
}

function metadataOf(meta: KeyMetadata): NonNullable<KeyFacts['metadata']> {
  const multi = meta.MultiRegionConfiguration?.MultiRegionKeyType;
  return {
    description: meta.Description ?? '',
    state: meta.KeyState ?? '',
    manager: meta.KeyManager === 'AWS' ? 'AWS' : 'CUSTOMER',
    spec: meta.KeySpec ?? '',
    usage: meta.KeyUsage ?? '',
    origin: meta.Origin ?? '',
    ...((multi === 'PRIMARY' || multi === 'REPLICA') && { multiRegion: multi }),
    ...(meta.CreationDate && { createdAt: meta.CreationDate.getTime() }),
    ...(meta.DeletionDate && { deletionAt: meta.DeletionDate.getTime() }),
  };
}

async function describeKey(
  gateway: AwsGateway,
  keyId: string,
  call: CallOptions,
): Promise<AwsResult<KeyMetadata | undefined>> {
  const answer = await once(gateway, 'DescribeKey', call, async (client, abortSignal) => {
    const { DescribeKeyCommand } = await import('@aws-sdk/client-kms');
    return client.send(new DescribeKeyCommand({ KeyId: keyId }), { abortSignal });
  });
  return answer.ok ? { ok: true, value: answer.value.KeyMetadata } : answer;
}

async function rotationOf(
  gateway: AwsGateway,
  keyId: string,
  call: CallOptions,
): Promise<AwsResult<NonNullable<KeyFacts['rotation']>>> {
  const answer = await once(gateway, 'GetKeyRotationStatus', call, async (client, abortSignal) => {
    const { GetKeyRotationStatusCommand } = await import('@aws-sdk/client-kms');
    return client.send(new GetKeyRotationStatusCommand({ KeyId: keyId }), { abortSignal });
  });
  if (!answer.ok) return answer;
  const { KeyRotationEnabled, RotationPeriodInDays, NextRotationDate } = answer.value;
  return {
    ok: true,
    value: {
      enabled: KeyRotationEnabled === true,
      ...(RotationPeriodInDays !== undefined && { periodDays: RotationPeriodInDays }),
      ...(NextRotationDate && { nextAt: NextRotationDate.getTime() }),
    },
  };
}

async function grantsCount(gateway: AwsGateway, keyId: string, call: CallOptions): Promise<AwsResult<number>> {
  const grants = await everyItem(
    (token) =>
      gateway.keySecretCall(
        'ListGrants',
        async (client, abortSignal) => {
          const { ListGrantsCommand } = await import('@aws-sdk/client-kms');
          return client.send(new ListGrantsCommand({ KeyId: keyId, Limit: 100, ...(token && { Marker: token }) }), {
            abortSignal,
          });
        },
        call,
      ),
    { items: (p) => p.Grants, next: (p) => (p.Truncated ? p.NextMarker : undefined) },
    call.signal,
    CANCELLED,
  );
  return grants.ok ? { ok: true, value: grants.value.length } : grants;
}

async function tagsOf(
  gateway: AwsGateway,
  keyId: string,
  call: CallOptions,
): Promise<AwsResult<Record<string, string>>> {
  const tags = await everyItem(
    (token) =>
      gateway.keySecretCall(
        'ListResourceTags',
        async (client, abortSignal) => {
          const { ListResourceTagsCommand } = await import('@aws-sdk/client-kms');
          return client.send(
            new ListResourceTagsCommand({ KeyId: keyId, Limit: 50, ...(token && { Marker: token }) }),
            { abortSignal },
          );
        },
        call,
      ),
    { items: (p) => p.Tags, next: (p) => (p.Truncated ? p.NextMarker : undefined) },
    call.signal,
    CANCELLED,
  );
  return tags.ok
    ? { ok: true, value: Object.fromEntries(tags.value.map((t) => [t.TagKey ?? '', t.TagValue ?? ''])) }
    : tags;
}

async function lastUsage(
  gateway: AwsGateway,
  keyId: string,
  call: CallOptions,
): Promise<AwsResult<NonNullable<KeyFacts['lastUsage']>>> {
  const answer = await once(gateway, 'GetKeyLastUsage', call, async (client, abortSignal) => {
    const { GetKeyLastUsageCommand } = await import('@aws-sdk/client-kms');
    return client.send(new GetKeyLastUsageCommand({ KeyId: keyId }), { abortSignal });
  });
  if (!answer.ok) return answer;
  const { KeyLastUsage: used, TrackingStartDate } = answer.value;
  return {
    ok: true,
    value: {
      ...(used?.Timestamp && { at: used.Timestamp.getTime() }),
      ...(used?.Operation && { operation: used.Operation }),
      ...(TrackingStartDate && { trackingSince: TrackingStartDate.getTime() }),
    },
  };
}

/** One KMS call with throttling waited out. */
function once<T>(
  gateway: AwsGateway,
  name: 'DescribeKey' | 'GetKeyPolicy' | 'GetKeyRotationStatus' | 'GetKeyLastUsage',
  call: CallOptions,
  request: (client: KMSClient, abortSignal: AbortSignal) => Promise<T>,
): Promise<AwsResult<T>> {
  // Every name here is a KMS call, so its client is a KMSClient; the table types one name at a time.
  return whileThrottled(() => gateway.keySecretCall(name as 'DescribeKey', request, call), call.signal, CANCELLED);
}

function callOptions(options: Omit<KmsOptions, 'concurrency'>): CallOptions {
  return {
    ...(options.region && { region: options.region }),
    ...(options.signal && { signal: options.signal }),
    ...(options.onRequest && { onRequest: options.onRequest }),
  };
}
