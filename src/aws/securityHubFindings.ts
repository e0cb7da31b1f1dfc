/**
 * Security Hub's findings in one Region, for the security explorer: the hub (DescribeHub; a Region where
 * the account is not subscribed is said as such, not as a failure), then GetFindings with the caller's
 * filters, every page up to `max` findings, as finding rows. Read-only; throttling is waited out.
 */
import type { AwsSecurityFindingFilters, GetFindingsCommandOutput } from '@aws-sdk/client-securityhub';
import type { AwsProblem, AwsResult, FindingRow } from '../core';
import type { AwsGateway, CallOptions } from './gateway';
import { countingCalls, everyPage } from './pages';
import { whileThrottled } from './patience';
import { securityHubRow } from './securityHubRows';

export interface SecurityHubOptions {
  /** The Region; absent: the profile's. */
  readonly region?: string;
  readonly signal?: AbortSignal;
  /** The most findings read (default 10,000). */
  readonly max?: number;
  /** GetFindings' Filters, as Security Hub takes them (SeverityLabel, WorkflowStatus, RecordState, …). */
  readonly filters?: AwsSecurityFindingFilters;
}

export interface SecurityHubFindings {
  readonly region: string;
  readonly hubArn?: string;
  /** Why there are no findings to read: the account is not subscribed to Security Hub in the Region. */
  readonly notSubscribed?: string;
  readonly findings: readonly FindingRow[];
  /** More findings than `max` matched. */
  readonly truncated: boolean;
  /** Requests sent. */
  readonly calls: number;
}

/** GetFindings' largest page. */
const PAGE = 100;
const DEFAULT_MAX = 10_000;
const CANCELLED: AwsProblem = { kind: 'cancelled', sentence: 'Reading the Security Hub findings was cancelled.' };

export async function securityHubFindings(
  gateway: AwsGateway,
  options: SecurityHubOptions = {},
): Promise<AwsResult<SecurityHubFindings>> {
  const counting = await countingCalls(gateway, options);
  if (!counting.ok) return counting;
  const { region, call, calls } = counting.value;
  const hub = await whileThrottled(
    () =>
      gateway.securityCall(
        'DescribeHub',
        async (client, abortSignal) => {
          const { DescribeHubCommand } = await import('@aws-sdk/client-securityhub');
          return client.send(new DescribeHubCommand({}), { abortSignal });
        },
        call,
      ),
    call.signal,
    CANCELLED,
  );
  if (!hub.ok && isNotSubscribed(hub.problem))
    return {
      ok: true,
      value: {
        region: region,
        notSubscribed: `Security Hub is not enabled in ${region}: the account is not subscribed there.`,
        findings: [],
        truncated: false,
        calls: calls(),
      },
    };
  if (!hub.ok) return hub;
  const max = options.max ?? DEFAULT_MAX;
  const pages = await findingPages(gateway, options.filters, max, call);
  if (!pages.ok) return pages;
  const found = pages.value.flatMap((p) => p.Findings ?? []);
  return {
    ok: true,
    value: {
      region: region,
      ...(hub.value.HubArn !== undefined && { hubArn: hub.value.HubArn }),
      findings: found.slice(0, max).map((f) => securityHubRow(f, region)),
      truncated: found.length > max || pages.value.at(-1)?.NextToken !== undefined,
      calls: calls(),
    },
  };
}

function findingPages(
  gateway: AwsGateway,
  filters: AwsSecurityFindingFilters | undefined,
  max: number,
  call: CallOptions,
): Promise<AwsResult<GetFindingsCommandOutput[]>> {
  return everyPage(
    (token) =>
      gateway.securityCall(
        'HubGetFindings',
        async (client, abortSignal) => {
          const { GetFindingsCommand } = await import('@aws-sdk/client-securityhub');
          return client.send(
            new GetFindingsCommand({
              ...(filters && { Filters: filters }),
              MaxResults: PAGE,
              ...(token && { NextToken: token }),
            }),
            { abortSignal },
          );
        },
        call,
      ),
    (page) => page.NextToken,
    call.signal,
    CANCELLED,
    (_page, pages) => pages.reduce((n, p) => n + (p.Findings?.length ?? 0), 0) >= max,
  );
}

/**
 * Security Hub answers InvalidAccessException in a Region the account is not subscribed in ("Account …
 * is not subscribed to AWS Security Hub"); the gateway's problem keeps the SDK's words in its detail.
 */
function isNotSubscribed(problem: AwsProblem): boolean {
  return problem.detail?.startsWith('InvalidAccessException') === true;
}
