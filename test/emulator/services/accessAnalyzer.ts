/**
 * IAM Access Analyzer over restJson1 (signing name `access-analyzer`): the calls that read an
 * unused-access analyzer's findings and its recommendations (accessAnalyzer/). Analyzers are
 * regional: a call sees the analyzers of the Region it is signed for. Like the CloudTrail history,
 * the seeded analyzers are served to every caller whatever its account. ListFindingsV2 and GetFindingV2
 * are authorised by IAM as `access-analyzer:ListFindings` and `access-analyzer:GetFinding`.
 */
import { listAnalyzers } from './accessAnalyzer/analyzers';
import { getFindingV2, listFindingsV2 } from './accessAnalyzer/findings';
import type { RestJsonService } from './types';

/** Access Analyzer (API version 2019-11-01). */
export const accessAnalyzer: RestJsonService = {
  id: 'access-analyzer',
  signingName: 'access-analyzer',
  protocol: 'restJson1',
  errorCodes: { internalFailure: { code: 'InternalServerException', status: 500 } },
  iamActions: { ListFindingsV2: 'access-analyzer:ListFindings', GetFindingV2: 'access-analyzer:GetFinding' },
  operations: {
    ListAnalyzers: { method: 'GET', path: '/analyzer', handler: listAnalyzers },
    ListFindingsV2: { method: 'POST', path: '/findingv2', handler: listFindingsV2 },
    GetFindingV2: { method: 'GET', path: '/findingv2/{id}', handler: getFindingV2 },
    GenerateFindingRecommendation: {
      method: 'POST',
      path: '/recommendation/{id}',
      handler: (request, ctx) => ctx.data.accessAnalyzer.recommendations.generate(request, ctx),
    },
    GetFindingRecommendation: {
      method: 'GET',
      path: '/recommendation/{id}',
      handler: (request, ctx) => ctx.data.accessAnalyzer.recommendations.get(request, ctx),
    },
  },
};
