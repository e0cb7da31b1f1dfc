/**
 * AWS KMS over awsJson1_1 (`X-Amz-Target: TrentService.<Operation>`), read-only: the key inventory
 * CloudWarden's security explorer shows (kms/calls.ts over kms/seed.ts).
 */
import { KMS_OPERATIONS } from './kms/calls';
import type { AwsJsonService } from './types';

/** KMS (API version 2014-11-01). */
export const kms: AwsJsonService = {
  id: 'kms',
  signingName: 'kms',
  protocol: 'awsJson1_1',
  targetPrefixes: ['TrentService'],
  operations: KMS_OPERATIONS,
};
