/**
 * AWS Security Hub over restJson1 (signing name `securityhub`): DescribeHub and GetFindings, the
 * read-only calls of the security explorer, over the seeded hubs and ASFF findings (securityhub/).
 * Security Hub is enabled per Region; a Region without a hub says the account is not subscribed.
 */
import { describeHub, getFindings } from './securityhub/findings';
import type { RestJsonService } from './types';

/** Security Hub (API version 2018-10-26). */
export const securityhub: RestJsonService = {
  id: 'securityhub',
  signingName: 'securityhub',
  protocol: 'restJson1',
  errorCodes: { internalFailure: { code: 'InternalException', status: 500 } },
  operations: {
    DescribeHub: { method: 'GET', path: '/accounts', handler: describeHub },
    GetFindings: { method: 'POST', path: '/findings', handler: getFindings },
  },
};
