/**
 * AWS CloudTrail over awsJson1_1: `LookupEvents` (a region's recent management events) and CloudTrail
 * Lake's SQL queries (`StartQuery`, `DescribeQuery`, `GetQueryResults`, `CancelQuery`; warehouse/). The history comes from the seed and from `--cloudtrail-logs` (see
 * `cloudtrail/history.ts`); AWS's limit of two LookupEvents calls a second per account and region
 * is applied by the router from `rateLimits`.
 */
import { lookupEvents } from './cloudtrail/lookup';
import { lakeOperations } from './warehouse/lakeCalls';
import type { AwsJsonService } from './types';

/** CloudTrail (API version 2013-11-01). */
export const cloudtrail: AwsJsonService = {
  id: 'cloudtrail',
  signingName: 'cloudtrail',
  protocol: 'awsJson1_1',
  targetPrefixes: ['CloudTrail_20131101', 'com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101'],
  rateLimits: { LookupEvents: { perSecond: 2, burst: 2 } },
  operations: {
    LookupEvents: (input, ctx) => lookupEvents(input, ctx, ctx.data.cloudtrail),
    ...lakeOperations,
  },
};
