/**
 * The Secrets Manager secrets of one Region as metadata (every page of ListSecrets), and a secret's
 * resource policy on demand. Only metadata: CloudWarden never reads a secret's value, and nothing in
 * src/ may name the calls that would (a unit test scans for them).
 */
import type { SecretListEntry } from '@aws-sdk/client-secrets-manager';
import type { AwsProblem, AwsResult, SecretFacts } from '../core';
import { everyItem } from './explorerPaging';
import type { AwsGateway, CallOptions } from './gateway';
import { whileThrottled } from './patience';

export interface SecretsOptions {
  readonly region?: string;
  readonly signal?: AbortSignal;
  /** Told of every request sent (each page, each key's call): what the caller reports as the answer's cost. */
  readonly onRequest?: () => void;
}

const CANCELLED: AwsProblem = { kind: 'cancelled', sentence: 'Reading the Secrets Manager secrets was cancelled.' };

/** Every secret of the Region (metadata only), or why they could not be listed. */
export async function secretsList(
  gateway: AwsGateway,
  options: SecretsOptions = {},
): Promise<AwsResult<SecretFacts[]>> {
  const call = callOptions(options);
  const secrets = await everyItem(
    (token) =>
      gateway.keySecretCall(
        'ListSecrets',
        async (client, abortSignal) => {
          const { ListSecretsCommand } = await import('@aws-sdk/client-secrets-manager');
          return client.send(new ListSecretsCommand({ MaxResults: 100, ...(token && { NextToken: token }) }), {
            abortSignal,
          });
        },
        call,
      ),
    { items: (p) => p.SecretList, next: (p) => p.NextToken },
    options.signal,
    CANCELLED,
  );
  if (!secrets.ok) return secrets;
  return { ok: true, value: secrets.value.map(secretFacts) };
}

/** A secret's resource policy (the JSON text), undefined when it has none, or why it could not be read. */
export async function secretPolicy(
  gateway: AwsGateway,
  secretId: string,
  options: SecretsOptions = {},
): Promise<AwsResult<string | undefined>> {
  const call = callOptions(options);
  const answer = await whileThrottled(
    () =>
      gateway.keySecretCall(
        'GetResourcePolicy',
        async (client, abortSignal) => {
          const { GetResourcePolicyCommand } = await import('@aws-sdk/client-secrets-manager');
          return client.send(new GetResourcePolicyCommand({ SecretId: secretId }), { abortSignal });
        },
        call,
      ),
    options.signal,
    CANCELLED,
  );
  return answer.ok ? { ok: true, value: answer.value.ResourcePolicy } : answer;
}

/** A list entry as plain data; its Region is its ARN's. */
function secretFacts(entry: SecretListEntry): SecretFacts {
  return {
    name: entry.Name ?? '',
    arn: entry.ARN ?? '',
    region: entry.ARN?.split(':')[3] ?? '',
    ...(entry.Description !== undefined && { description: entry.Description }),
    ...(entry.KmsKeyId !== undefined && { kmsKeyId: entry.KmsKeyId }),
    rotationEnabled: entry.RotationEnabled === true,
    ...(entry.RotationRules?.AutomaticallyAfterDays !== undefined && {
      rotationEveryDays: entry.RotationRules.AutomaticallyAfterDays,
    }),
    ...(entry.LastRotatedDate && { lastRotatedAt: entry.LastRotatedDate.getTime() }),
    ...(entry.NextRotationDate && { nextRotationAt: entry.NextRotationDate.getTime() }),
    ...(entry.LastChangedDate && { lastChangedAt: entry.LastChangedDate.getTime() }),
    ...(entry.LastAccessedDate && { lastAccessedAt: entry.LastAccessedDate.getTime() }),
    ...(entry.CreatedDate && { createdAt: entry.CreatedDate.getTime() }),
    ...(entry.OwningService !== undefined && { owningService: entry.OwningService }),
    tags: Object.fromEntries((entry.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
  };
}

function callOptions(options: SecretsOptions): CallOptions {
  return {
    ...(options.region && { region: options.region }),
    ...(options.signal && { signal: options.signal }),
    ...(options.onRequest && { onRequest: options.onRequest }),
  };
}
