/**
 * AWS CloudFormation over awsQuery. Only `DescribeStackResources` so far: CloudWarden maps a template's
 * logical ids to the physical resources a deployed stack made (cloudformation/stacks.ts). Like the
 * CloudTrail history, the seeded stacks are served to every caller whatever its account.
 */
import type { AwsQueryService } from './types';

/** CloudFormation (API version 2010-05-15). */
export const cloudformation: AwsQueryService = {
  id: 'cloudformation',
  signingName: 'cloudformation',
  protocol: 'awsQuery',
  version: '2010-05-15',
  xmlNamespace: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
  operations: {
    DescribeStackResources: (params, ctx) => ctx.data.cloudformation.describeStackResources(params, ctx),
  },
};
