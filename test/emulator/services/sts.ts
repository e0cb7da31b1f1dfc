/**
 * AWS Security Token Service. Only `GetCallerIdentity` so far: CloudWarden calls it to show who a
 * profile signs in as, and it needs no permission in AWS, so it answers for every valid credential.
 */
import type { AwsQueryService } from './types';

/** STS over awsQuery (API version 2011-06-15). */
export const sts: AwsQueryService = {
  id: 'sts',
  signingName: 'sts',
  protocol: 'awsQuery',
  version: '2011-06-15',
  xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  operations: {
    // Members in the order AWS sends them.
    GetCallerIdentity: (_params, { caller }) => ({ UserId: caller.userId, Account: caller.account, Arn: caller.arn }),
  },
};
