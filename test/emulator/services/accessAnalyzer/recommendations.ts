/**
 * GenerateFindingRecommendation and GetFindingRecommendation: generating starts a recommendation for
 * an unused-permission finding; getting it reports IN_PROGRESS on its first poll and then SUCCEEDED
 * with the seeded steps (paged, policies as JSON strings) or FAILED with the seeded error, so a client's
 * polling is exercised. Getting one never generated is ResourceNotFoundException; generating for
 * another type of finding is ValidationException.
 */
import { AwsError } from '../../errors';
import type { JsonObject, OperationContext, RestRequest } from '../types';
import { analyzerOf, findingOf, maxResultsOf, pageOf, timestamp, validationException } from './input';
import type { Recommendation, SeededFinding } from './seed';

interface Run {
  readonly finding: SeededFinding;
  readonly recommendation: Recommendation;
  readonly startedAt: number;
  completedAt?: number;
}

/** The recommendations generated on one running emulator, by finding id. */
export class RecommendationRuns {
  readonly #runs = new Map<string, Run>();

  generate({ labels, query }: RestRequest, ctx: OperationContext): JsonObject {
    const finding = findingOf(analyzerOf(query.get('analyzerArn'), ctx), labels['id'] ?? '');
    if (finding.type !== 'UnusedPermission')
      throw validationException(
        'id',
        `Recommendations are only available for UnusedPermission findings; ${finding.id} is ${finding.type}.`,
      );
    // A finding the seed gives no recommendation for has nothing to recommend: an empty list of steps.
    this.#runs.set(finding.id, {
      finding,
      recommendation: finding.recommendation ?? { steps: [] },
      startedAt: Date.now(),
    });
    return {};
  }

  get({ labels, query }: RestRequest, ctx: OperationContext): JsonObject {
    const finding = findingOf(analyzerOf(query.get('analyzerArn'), ctx), labels['id'] ?? '');
    const run = this.#runs.get(finding.id);
    if (run === undefined)
      throw new AwsError(
        'ResourceNotFoundException',
        404,
        `No recommendation was generated for finding ${finding.id}.`,
        {
          resourceId: finding.id,
          resourceType: 'AWS::AccessAnalyzer::Finding',
        },
      );
    const head = {
      startedAt: timestamp(run.startedAt),
      resourceArn: finding.resource,
      recommendationType: 'UnusedPermissionRecommendation',
    };
    if (run.completedAt === undefined) {
      // The first poll finds it running; it is done by the next.
      run.completedAt = Date.now();
      return { ...head, status: 'IN_PROGRESS' };
    }
    const done = { ...head, completedAt: timestamp(run.completedAt) };
    if ('error' in run.recommendation) return { ...done, status: 'FAILED', error: run.recommendation.error };
    const { pageSize } = ctx.data.accessAnalyzer.seed;
    const size = Math.min(maxResultsOf(query.get('maxResults')) ?? pageSize, pageSize);
    const page = pageOf(run.recommendation.steps, `steps ${finding.id} ${run.startedAt}`, query.get('nextToken'), size);
    return {
      ...done,
      status: 'SUCCEEDED',
      recommendedSteps: page.items.map((step) => ({
        unusedPermissionsRecommendedStep: {
          recommendedAction: step.action,
          ...(step.existingPolicyId !== undefined && { existingPolicyId: step.existingPolicyId }),
          ...(step.recommendedPolicy !== undefined && { recommendedPolicy: step.recommendedPolicy }),
        },
      })),
      ...(page.nextToken !== undefined && { nextToken: page.nextToken }),
    };
  }
}
