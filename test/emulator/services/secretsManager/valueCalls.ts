/**
 * The emulator's proof that CloudWarden never reads a secret value: GetSecretValue and
 * BatchGetSecretValue are refused, and every attempt is kept here (never cleared, unlike the request
 * log) for the control endpoint's `GET /__emulator/secret-value-calls` and the test harness, which
 * fails its teardown when any was made.
 */
import { AwsError } from '../../errors';
import type { JsonObject, OperationContext } from '../types';

/** One refused attempt to read a secret value. */
export interface SecretValueCall {
  /** ISO 8601. */
  readonly at: string;
  readonly operation: 'GetSecretValue' | 'BatchGetSecretValue';
  readonly caller: string;
  /** The secrets asked for, as sent (`SecretId`, `SecretIdList`). */
  readonly secretIds: readonly string[];
}

/** Every attempt to read a secret value, oldest first. */
export class SecretValueCalls {
  readonly #calls: SecretValueCall[] = [];

  get calls(): readonly SecretValueCall[] {
    return this.#calls;
  }

  /** Records the attempt and refuses it. */
  refuse(operation: SecretValueCall['operation'], input: JsonObject, ctx: OperationContext): never {
    const ids =
      operation === 'GetSecretValue' ? [input['SecretId']] : ((input['SecretIdList'] as unknown[] | undefined) ?? []);
    this.#calls.push({
      at: new Date().toISOString(),
      operation,
      caller: ctx.caller.arn,
      secretIds: ids.filter((id): id is string => typeof id === 'string'),
    });
    throw new AwsError(
      'AccessDeniedException',
      400,
      `The CloudWarden emulator refuses secretsmanager:${operation}: CloudWarden must never read a secret value, and this call was recorded so the test suite fails.`,
    );
  }
}
