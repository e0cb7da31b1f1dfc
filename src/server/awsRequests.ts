import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { explorerReveal, referenceLookupQuery, type ResourceReference } from '../core';
import {
  ActivityRequest,
  AwsProfilesRequest,
  AwsStatusRequest,
  ReferenceAtRequest,
  type ActivityQueryParams,
} from '../shared/protocol';
import type { ActivityService } from './activityService';
import type { AwsService } from './awsService';

/** The custom requests about AWS (see src/shared/protocol.ts). */
export function registerAwsRequests(
  connection: Connection,
  aws: AwsService,
  activity: ActivityService,
  referenceAt: (params: ReferenceAtRequest.Params) => Promise<ResourceReference | undefined>,
): void {
  connection.onRequest(AwsStatusRequest.type, () => aws.status());
  connection.onRequest(AwsProfilesRequest.type, async () => ({ profiles: await aws.profiles() }));
  connection.onRequest(ActivityRequest.type, (params, token) =>
    activity.request(params, signalOf(token)).catch((): ActivityRequest.Result => ({
      events: [],
      unreadable: [],
      problems: [{ kind: 'cancelled', sentence: 'The CloudTrail look-up was cancelled.' }],
      truncated: [],
      fetchedAt: Date.now(),
      stale: false,
    })),
  );
  connection.onRequest(ReferenceAtRequest.type, async (params) => {
    const reference = await referenceAt(params);
    return reference ? referenceInfo(reference) : null;
  });
}

function referenceInfo(reference: ResourceReference): NonNullable<ReferenceAtRequest.Result> {
  const query: Pick<ActivityQueryParams, 'resource' | 'principal'> = referenceLookupQuery(reference);
  return {
    text: reference.text,
    ...(reference.name !== undefined && { name: reference.name }),
    ...(reference.arn !== undefined && { arn: reference.arn }),
    ...(reference.resourceType !== undefined && { resourceType: reference.resourceType }),
    query,
    reveal: explorerReveal(reference),
  };
}

/** The client's cancellation as an AbortSignal: a scan stops when nobody waits for it any more. */
export function signalOf(token: CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
