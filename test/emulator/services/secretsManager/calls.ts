/**
 * Secrets Manager's read-only calls over the seeded secrets, answered as Secrets Manager does: secrets
 * are regional, a secret is named by its name or ARN, ListSecrets pages with `MaxResults` and
 * `NextToken`. GetSecretValue and BatchGetSecretValue are refused and recorded (valueCalls.ts).
 */
import { AwsError } from '../../errors';
import { epochSeconds, listPage, optionalInput, pageLimit } from '../listPages';
import type { JsonObject, OperationContext } from '../types';
import type { SecretsSeed, SeedSecret } from './seed';

type Handler = (input: JsonObject, ctx: OperationContext) => JsonObject;

const DAY_MS = 86_400_000;
const badToken = (): AwsError => new AwsError('InvalidNextTokenException', 400, 'The NextToken value is invalid.');
const invalidParameter = (message: string): AwsError => new AwsError('InvalidParameterException', 400, message);

function findSecret(seed: SecretsSeed, input: JsonObject, ctx: OperationContext): SeedSecret {
  const id = optionalInput(input, 'SecretId');
  if (id === undefined) throw invalidParameter('You must specify a SecretId.');
  const secret = seed.secrets.find((s) => s.region === ctx.region && (s.name === id || s.arn === id));
  if (secret === undefined)
    throw new AwsError('ResourceNotFoundException', 400, "Secrets Manager can't find the specified secret.");
  return secret;
}

/** The metadata members ListSecrets and DescribeSecret share. */
function secretMembers(secret: SeedSecret): JsonObject {
  const { rotation } = secret;
  const lastRotated = rotation?.lastRotatedAt;
  return {
    ARN: secret.arn,
    Name: secret.name,
    ...(secret.description !== undefined && { Description: secret.description }),
    ...(secret.kmsKeyId !== undefined && { KmsKeyId: secret.kmsKeyId }),
    RotationEnabled: rotation !== undefined,
    ...(rotation && {
      ...(rotation.lambdaArn !== undefined && { RotationLambdaARN: rotation.lambdaArn }),
      RotationRules: { AutomaticallyAfterDays: rotation.everyDays },
      NextRotationDate: epochSeconds((lastRotated ?? secret.createdAt) + rotation.everyDays * DAY_MS),
    }),
    ...(lastRotated !== undefined && { LastRotatedDate: epochSeconds(lastRotated) }),
    LastChangedDate: epochSeconds(secret.lastChangedAt ?? lastRotated ?? secret.createdAt),
    ...(secret.lastAccessedAt !== undefined && { LastAccessedDate: epochSeconds(secret.lastAccessedAt) }),
    ...(Object.keys(secret.tags).length > 0 && {
      Tags: Object.entries(secret.tags).map(([Key, Value]) => ({ Key, Value })),
    }),
    ...(secret.owningService !== undefined && { OwningService: secret.owningService }),
    CreatedDate: epochSeconds(secret.createdAt),
    PrimaryRegion: secret.region,
  };
}

/** Secrets Manager's operations, over the seeded secrets (`ctx.data.secretsManager`). */
export const SECRETS_OPERATIONS: Readonly<Record<string, Handler>> = {
  ListSecrets: (input, ctx) => {
    const { seed } = ctx.data.secretsManager;
    const secrets = seed.secrets.filter((s) => s.region === ctx.region);
    const order = input['SortOrder'] === 'asc' ? 1 : -1;
    // Secrets Manager lists the newest first by default (SortBy created-date, SortOrder desc).
    const sorted = [...secrets].sort((a, b) => order * (a.createdAt - b.createdAt) || a.name.localeCompare(b.name));
    const limit = pageLimit(input['MaxResults'], { max: 100, fallback: 100 }, seed.pageSize, invalidParameter);
    const scope = ['ListSecrets', ctx.region, String(input['SortOrder'] ?? '')];
    const { items, next } = listPage(sorted, { limit, token: optionalInput(input, 'NextToken'), scope }, badToken);
    return { SecretList: items.map(secretMembers), ...(next !== undefined && { NextToken: next }) };
  },
  DescribeSecret: (input, ctx) => {
    const secret = findSecret(ctx.data.secretsManager.seed, input, ctx);
    return { ...secretMembers(secret), VersionIdsToStages: {} };
  },
  GetResourcePolicy: (input, ctx) => {
    const secret = findSecret(ctx.data.secretsManager.seed, input, ctx);
    return {
      ARN: secret.arn,
      Name: secret.name,
      ...(secret.policy !== undefined && { ResourcePolicy: secret.policy }),
    };
  },
  GetSecretValue: (input, ctx) => ctx.data.secretsManager.valueCalls.refuse('GetSecretValue', input, ctx),
  BatchGetSecretValue: (input, ctx) => ctx.data.secretsManager.valueCalls.refuse('BatchGetSecretValue', input, ctx),
};
