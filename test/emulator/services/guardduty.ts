/**
 * Amazon GuardDuty over restJson1 (signing name `guardduty`): the read-only calls of the security
 * explorer, over the seeded detectors and findings (guardduty/). Detectors are regional: a Region
 * without one answers ListDetectors with no ids, as a Region GuardDuty is not enabled in does.
 */
import { getFindings, getFindingsStatistics, listDetectors, listFindings } from './guardduty/findings';
import type { RestJsonService } from './types';

/** GuardDuty (API version 2017-11-28). */
export const guardduty: RestJsonService = {
  id: 'guardduty',
  signingName: 'guardduty',
  protocol: 'restJson1',
  errorCodes: { internalFailure: { code: 'InternalServerErrorException', status: 500 } },
  operations: {
    ListDetectors: { method: 'GET', path: '/detector', handler: listDetectors },
    ListFindings: { method: 'POST', path: '/detector/{detectorId}/findings', handler: listFindings },
    GetFindings: { method: 'POST', path: '/detector/{detectorId}/findings/get', handler: getFindings },
    GetFindingsStatistics: {
      method: 'POST',
      path: '/detector/{detectorId}/findings/statistics',
      handler: getFindingsStatistics,
    },
  },
};
