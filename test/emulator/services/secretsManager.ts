/**
 * AWS Secrets Manager over awsJson1_1 (`X-Amz-Target: secretsmanager.<Operation>`), read-only and
 * metadata only: ListSecrets, DescribeSecret, GetResourcePolicy. Reading a value is refused and
 * recorded (secretsManager/valueCalls.ts).
 */
import { SECRETS_OPERATIONS } from './secretsManager/calls';
import type { AwsJsonService } from './types';

/** Secrets Manager (API version 2017-10-17). */
export const secretsManager: AwsJsonService = {
  id: 'secretsmanager',
  signingName: 'secretsmanager',
  protocol: 'awsJson1_1',
  targetPrefixes: ['secretsmanager'],
  operations: SECRETS_OPERATIONS,
};
