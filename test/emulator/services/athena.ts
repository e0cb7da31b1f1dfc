/**
 * Amazon Athena over awsJson1_1 (target prefix `AmazonAthena`): the four calls of a query's life,
 * answered by the emulator's SQL engine over the CloudTrail history (warehouse/). The catalog is one
 * database, `cloudtrail`, with AWS's documented CloudTrail table `cloudtrail_logs` partitioned by
 * `timestamp` (yyyy/MM/dd), `region` and `account`; the workgroups are `primary` (no result location,
 * as a new account's) and `cloudwarden` (with one).
 */
import { athenaOperations } from './warehouse/athenaCalls';
import type { AwsJsonService } from './types';

/** Athena (API version 2017-05-18). */
export const athena: AwsJsonService = {
  id: 'athena',
  signingName: 'athena',
  protocol: 'awsJson1_1',
  targetPrefixes: ['AmazonAthena'],
  operations: athenaOperations,
};
