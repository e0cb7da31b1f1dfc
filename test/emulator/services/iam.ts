/**
 * AWS Identity and Access Management over awsQuery. Only the last-accessed report so far
 * (`GenerateServiceLastAccessedDetails`, `GetServiceLastAccessedDetails`), from the seed's
 * `services.iam` (iam/principals.ts). IAM is global: every Region's signature reaches the same data,
 * and, like the CloudTrail history, it is served to every caller whatever its account.
 */
import type { AwsQueryService } from './types';

/** IAM (API version 2010-05-08). */
export const iam: AwsQueryService = {
  id: 'iam',
  signingName: 'iam',
  protocol: 'awsQuery',
  version: '2010-05-08',
  xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
  operations: {
    GenerateServiceLastAccessedDetails: (params, ctx) => ctx.data.iam.generate(params),
    GetServiceLastAccessedDetails: (params, ctx) => ctx.data.iam.get(params),
  },
};
