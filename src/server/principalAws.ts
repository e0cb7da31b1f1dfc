import { stackResources, type AwsGateway } from '../aws';
import type { AccountAnswer, StackAnswer } from '../core';
import type { AwsService } from './awsService';
import type { DeployedAws } from './principalResolver';

/** A gateway and what it is for, or why there is none. */
export type DeployConnection =
  | {
      readonly gateway: AwsGateway;
      /** The Region asked when a stack's source names none (the first of the settings'; else the profile's). */
      readonly region?: string;
      /** Whose account it is, as the evidence says it: `profile default`. */
      readonly from: string;
    }
  | { readonly problem: string };

/**
 * The AWS calls of the principal resolver: the account of the profile (STS GetCallerIdentity, which needs
 * no permission) and a stack's resources (DescribeStackResources), through the gateway `connect` gives.
 * Every problem is an answer with its sentence, never a throw.
 */
export function deployedAws(connect: () => Promise<DeployConnection>, now: () => number = Date.now): DeployedAws {
  return {
    async account(): Promise<AccountAnswer> {
      const connection = await connect();
      if ('problem' in connection) return { problem: connection.problem };
      const identity = await connection.gateway.callerIdentity();
      if (!identity.ok) return { problem: identity.problem.sentence };
      const partition = identity.value.arn.split(':')[1];
      return { account: identity.value.account, from: connection.from, ...(partition && { partition }) };
    },
    async stack(stack: string, region: string | undefined): Promise<StackAnswer> {
      const connection = await connect();
      if ('problem' in connection) return { ok: false, reason: connection.problem, fetchedAt: now() };
      const asked = region ?? connection.region;
      const answer = await stackResources(connection.gateway, stack, asked === undefined ? {} : { region: asked });
      if (!answer.ok) return { ok: false, reason: answer.problem.sentence, fetchedAt: now() };
      const resources = Object.values(answer.value);
      const stackId = resources.find((r) => r.stackId !== undefined)?.stackId;
      return { ok: true, resources: answer.value, fetchedAt: now(), ...(stackId && { stackId }) };
    },
  };
}

/** The gateway of the server's current AWS settings, or why AWS is not asked. */
export async function serverConnection(aws: AwsService): Promise<DeployConnection> {
  const configuration = await aws.configuration();
  if (!configuration.configured) return { problem: 'AWS is not configured' };
  const { gateway, regions } = await aws.connect(configuration);
  const from =
    configuration.profile !== undefined
      ? `profile ${configuration.profile}`
      : `the credentials of ${configuration.source}`;
  return { gateway, from, ...(regions[0] !== undefined && { region: regions[0] }) };
}
