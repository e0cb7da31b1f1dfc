/**
 * Access Analyzer's recommendation for an unused-permission finding: generated, polled with back-off
 * until it ends (bounded, and cancellable), and read page by page: per policy of the principal, detach
 * it, or replace it with the smaller policy given as JSON text.
 */
import type {
  GetFindingRecommendationCommandOutput,
  RecommendedStep as SdkRecommendedStep,
} from '@aws-sdk/client-accessanalyzer';
import type { AwsProblem, AwsResult } from '../core';
import type { AwsGateway, CallOptions } from './gateway';
import { pollUntil, whileThrottled, type PollTiming } from './patience';

/** One step of a recommendation. */
export interface RecommendedStep {
  readonly action: 'CREATE_POLICY' | 'DETACH_POLICY';
  /** The policy the step is about: an inline policy's name or a managed policy's ARN. */
  readonly existingPolicyId?: string;
  /** CREATE_POLICY: the policy document to use instead, as JSON text. */
  readonly recommendedPolicy?: string;
  /** When the existing policy was last updated, epoch ms. */
  readonly policyUpdatedAt?: number;
}

export interface RecommendationOptions {
  readonly region?: string;
  readonly signal?: AbortSignal;
  /** Back-off between polls (default: 1 s doubling to 5 s). */
  readonly poll?: PollTiming;
  /** How long to wait for Access Analyzer (default 2 minutes). */
  readonly maxWaitMs?: number;
}

const DEFAULT_POLL: PollTiming = { firstMs: 1000, maxMs: 5000 };
const DEFAULT_MAX_WAIT_MS = 120_000;
const CANCELLED: AwsProblem = { kind: 'cancelled', sentence: 'The Access Analyzer recommendation was cancelled.' };

type RecommendationPage = GetFindingRecommendationCommandOutput;

/** The steps Access Analyzer recommends for finding `findingId` of `analyzerArn`, or why there are none. */
export async function findingRecommendation(
  gateway: AwsGateway,
  analyzerArn: string,
  findingId: string,
  options: RecommendationOptions = {},
): Promise<AwsResult<readonly RecommendedStep[]>> {
  const call: CallOptions = {
    ...(options.region && { region: options.region }),
    ...(options.signal && { signal: options.signal }),
  };
  const generated = await whileThrottled(
    () =>
      gateway.principalCall(
        'GenerateFindingRecommendation',
        async (client, abortSignal) => {
          const { GenerateFindingRecommendationCommand } = await import('@aws-sdk/client-accessanalyzer');
          await client.send(new GenerateFindingRecommendationCommand({ analyzerArn, id: findingId }), { abortSignal });
        },
        call,
      ),
    options.signal,
    CANCELLED,
  );
  if (!generated.ok) return generated;
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const first = await pollUntil(
    () => recommendationPage(gateway, analyzerArn, findingId, undefined, call),
    (page) => page.status !== 'IN_PROGRESS',
    {
      timing: options.poll ?? DEFAULT_POLL,
      cancelled: CANCELLED,
      ...(options.signal && { signal: options.signal }),
      limit: {
        ms: maxWaitMs,
        problem: {
          kind: 'timeout',
          sentence: `IAM Access Analyzer had not finished the recommendation for finding ${findingId} after ${Math.round(maxWaitMs / 1000)} s: try again in a minute.`,
        },
      },
    },
  );
  if (!first.ok) return first;
  if (first.value.status !== 'SUCCEEDED') {
    const error = first.value.error;
    return {
      ok: false,
      problem: {
        kind: 'recommendationFailed',
        sentence: `IAM Access Analyzer could not recommend a policy for finding ${findingId}: ${error?.message ?? 'it gave no reason'}${error?.code ? ` (${error.code})` : ''}.`,
      },
    };
  }
  const steps = [...(first.value.recommendedSteps ?? [])];
  for (let page = first.value; page.nextToken;) {
    const token = page.nextToken;
    const next = await whileThrottled(
      () => recommendationPage(gateway, analyzerArn, findingId, token, call),
      options.signal,
      CANCELLED,
    );
    if (!next.ok) return next;
    steps.push(...(next.value.recommendedSteps ?? []));
    page = next.value;
  }
  return { ok: true, value: steps.flatMap(recommendedStep) };
}

function recommendedStep(step: SdkRecommendedStep): RecommendedStep[] {
  const s = step.unusedPermissionsRecommendedStep;
  if (!s?.recommendedAction) return [];
  return [
    {
      action: s.recommendedAction,
      ...(s.existingPolicyId && { existingPolicyId: s.existingPolicyId }),
      ...(s.recommendedPolicy && { recommendedPolicy: s.recommendedPolicy }),
      ...(s.policyUpdatedAt && { policyUpdatedAt: s.policyUpdatedAt.getTime() }),
    },
  ];
}

function recommendationPage(
  gateway: AwsGateway,
  analyzerArn: string,
  id: string,
  nextToken: string | undefined,
  call: CallOptions,
): Promise<AwsResult<RecommendationPage>> {
  return gateway.principalCall(
    'GetFindingRecommendation',
    async (client, abortSignal) => {
      const { GetFindingRecommendationCommand } = await import('@aws-sdk/client-accessanalyzer');
      return client.send(new GetFindingRecommendationCommand({ analyzerArn, id, ...(nextToken && { nextToken }) }), {
        abortSignal,
      });
    },
    call,
  );
}
