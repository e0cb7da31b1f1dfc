/**
 * IAM's last-accessed data about one principal as evidence: an ACTION_LEVEL report is asked for
 * (GenerateServiceLastAccessedDetails), polled with back-off until IAM has finished it (bounded, and
 * cancellable), and read page by page. Whatever stops it becomes the sentence of a MissingEvidence.
 */
import type { GetServiceLastAccessedDetailsCommandOutput, ServiceLastAccessed } from '@aws-sdk/client-iam';
import type { AwsProblem, AwsResult, LastAccessedEvidence, ServiceAccess } from '../core';
import type { EvidenceAnswer } from './evidenceAnswer';
import type { AwsGateway, CallOptions } from './gateway';
import { pollUntil, whileThrottled, type PollTiming } from './patience';

export interface LastAccessedOptions {
  readonly region?: string;
  readonly signal?: AbortSignal;
  /** Back-off between polls of the report (default: 1 s doubling to 5 s). */
  readonly poll?: PollTiming;
  /** How long to wait for IAM to finish the report (default 2 minutes). */
  readonly maxWaitMs?: number;
}

const LABEL = 'IAM last-accessed data';
const DEFAULT_POLL: PollTiming = { firstMs: 1000, maxMs: 5000 };
const DEFAULT_MAX_WAIT_MS = 120_000;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** IAM tracks service use for 400 days, and recent activity appears within about 4 hours (GenerateServiceLastAccessedDetails' documentation). */
const TRACKING_DAYS = 400;
const LAG_MS = 4 * HOUR_MS;

type ReportPage = GetServiceLastAccessedDetailsCommandOutput;

/** What IAM's last-accessed data says `principalArn` (an IAM user's or role's ARN) used, per service and tracked action. */
export async function lastAccessedEvidence(
  gateway: AwsGateway,
  principalArn: string,
  options: LastAccessedOptions = {},
): Promise<EvidenceAnswer<LastAccessedEvidence>> {
  let calls = 0;
  const call: CallOptions = {
    ...(options.region && { region: options.region }),
    ...(options.signal && { signal: options.signal }),
    onRequest: () => {
      calls++;
    },
  };
  const fetchedAt = Date.now();
  const job = await whileThrottled(() => generate(gateway, principalArn, call), options.signal, CANCELLED);
  if (!job.ok) return missing(job.problem.sentence);
  const first = await pollUntil(
    () => reportPage(gateway, job.value, undefined, call),
    (page) => page.JobStatus !== 'IN_PROGRESS',
    {
      timing: options.poll ?? DEFAULT_POLL,
      cancelled: CANCELLED,
      ...(options.signal && { signal: options.signal }),
      limit: {
        ms: options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS,
        problem: tooLong(principalArn, options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS),
      },
    },
  );
  if (!first.ok) return missing(first.problem.sentence);
  if (first.value.JobStatus !== 'COMPLETED')
    return missing(
      `IAM could not build the last-accessed report of ${principalArn}: ${first.value.Error?.Message ?? 'it gave no reason'}.`,
    );
  const services = [...(first.value.ServicesLastAccessed ?? [])];
  for (let page = first.value; page.IsTruncated && page.Marker;) {
    const marker = page.Marker;
    const next = await whileThrottled(() => reportPage(gateway, job.value, marker, call), options.signal, CANCELLED);
    if (!next.ok) return missing(next.problem.sentence);
    services.push(...(next.value.ServicesLastAccessed ?? []));
    page = next.value;
  }
  const completedAt = first.value.JobCompletionDate?.getTime() ?? fetchedAt;
  return {
    evidence: {
      kind: 'lastAccessed',
      label: LABEL,
      // What IAM can know: its tracking period back from now, up to the report less the hours activity takes to appear.
      window: { since: fetchedAt - TRACKING_DAYS * DAY_MS, until: completedAt - LAG_MS },
      fetchedAt,
      cost: { calls },
      services: services.map(serviceAccess),
    },
  };
}

/** IAM's record of one service as evidence; tracked action names get their service prefix (`s3:ListAllMyBuckets`). */
function serviceAccess(service: ServiceLastAccessed): ServiceAccess {
  const prefix = service.ServiceNamespace ?? '';
  return {
    service: prefix,
    ...(service.LastAuthenticated && { last: service.LastAuthenticated.getTime() }),
    ...(service.TrackedActionsLastAccessed && {
      actions: service.TrackedActionsLastAccessed.map((a) => ({
        action: `${prefix}:${a.ActionName ?? ''}`,
        ...(a.LastAccessedTime && { last: a.LastAccessedTime.getTime() }),
      })),
    }),
  };
}

function generate(gateway: AwsGateway, arn: string, call: CallOptions): Promise<AwsResult<string>> {
  return gateway.principalCall(
    'GenerateServiceLastAccessedDetails',
    async (client, abortSignal) => {
      const { GenerateServiceLastAccessedDetailsCommand } = await import('@aws-sdk/client-iam');
      const out = await client.send(
        new GenerateServiceLastAccessedDetailsCommand({ Arn: arn, Granularity: 'ACTION_LEVEL' }),
        { abortSignal },
      );
      return out.JobId ?? '';
    },
    call,
  );
}

function reportPage(
  gateway: AwsGateway,
  jobId: string,
  marker: string | undefined,
  call: CallOptions,
): Promise<AwsResult<ReportPage>> {
  return gateway.principalCall(
    'GetServiceLastAccessedDetails',
    async (client, abortSignal) => {
      const { GetServiceLastAccessedDetailsCommand } = await import('@aws-sdk/client-iam');
      return client.send(
        new GetServiceLastAccessedDetailsCommand({ JobId: jobId, ...(marker !== undefined && { Marker: marker }) }),
        { abortSignal },
      );
    },
    call,
  );
}

const CANCELLED: AwsProblem = {
  kind: 'cancelled',
  sentence: 'The IAM last-accessed report was cancelled before it finished.',
};

function tooLong(arn: string, ms: number): AwsProblem {
  return {
    kind: 'timeout',
    sentence: `IAM had not finished the last-accessed report of ${arn} after ${Math.round(ms / 1000)} s: try again in a minute.`,
  };
}

function missing(reason: string): EvidenceAnswer<LastAccessedEvidence> {
  return { missing: { kind: 'lastAccessed', label: LABEL, reason } };
}
