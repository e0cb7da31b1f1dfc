/**
 * A deployed CloudFormation stack's resources by logical id (DescribeStackResources): how a policy in a
 * template finds the role it was deployed as (logical id `FunctionRole` -> physical id, the role's name).
 */
import type { AwsProblem, AwsResult } from '../core';
import type { AwsGateway, CallOptions } from './gateway';
import { whileThrottled } from './patience';

/** What a logical id was deployed as. */
export interface StackResource {
  /** The physical id: a role's or user's name, a bucket's name, a function's name, a key's id. */
  readonly physicalId: string;
  /** The resource type, `AWS::IAM::Role`. */
  readonly type: string;
  /** The stack's ARN: the account and partition a role's or user's ARN is in. */
  readonly stackId?: string;
}

export interface StackOptions {
  readonly region?: string;
  readonly signal?: AbortSignal;
}

const CANCELLED: AwsProblem = { kind: 'cancelled', sentence: 'Reading the stack was cancelled.' };

/** The resources of stack `stackName` (its name or id), by logical id, or why they could not be read. */
export async function stackResources(
  gateway: AwsGateway,
  stackName: string,
  options: StackOptions = {},
): Promise<AwsResult<Readonly<Record<string, StackResource>>>> {
  const call: CallOptions = {
    ...(options.region && { region: options.region }),
    ...(options.signal && { signal: options.signal }),
  };
  const answer = await whileThrottled(
    () =>
      gateway.principalCall(
        'DescribeStackResources',
        async (client, abortSignal) => {
          const { DescribeStackResourcesCommand } = await import('@aws-sdk/client-cloudformation');
          return client.send(new DescribeStackResourcesCommand({ StackName: stackName }), { abortSignal });
        },
        call,
      ),
    options.signal,
    CANCELLED,
  );
  if (!answer.ok) return answer;
  const resources: Record<string, StackResource> = {};
  for (const r of answer.value.StackResources ?? []) {
    // A resource still being created has no physical id yet: it maps to nothing deployed.
    if (r.LogicalResourceId && r.PhysicalResourceId)
      resources[r.LogicalResourceId] = {
        physicalId: r.PhysicalResourceId,
        type: r.ResourceType ?? '',
        ...(r.StackId && { stackId: r.StackId }),
      };
  }
  return { ok: true, value: resources };
}
