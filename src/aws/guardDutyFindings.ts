/**
 * GuardDuty's findings in one Region, for the security explorer: the Region's detectors (none: GuardDuty
 * is not enabled there, said as such), each detector's open findings counted by severity
 * (GetFindingsStatistics), and its findings newest first (ListFindings pages, then GetFindings in
 * batches of 50, a few batches at a time), up to `max` in all. Read-only; throttling is waited out.
 */
import type { Finding } from '@aws-sdk/client-guardduty';
import {
  type AwsProblem,
  type AwsResult,
  countBySeverity,
  type FindingRow,
  severityLabelOf,
  type SeverityCounts,
} from '../core';
import type { AwsGateway, CallOptions } from './gateway';
import { guardDutyRow } from './guardDutyRows';
import { countingCalls, everyPage, fewAtATime } from './pages';
import { whileThrottled } from './patience';

export interface GuardDutyOptions {
  /** The Region; absent: the profile's. */
  readonly region?: string;
  readonly signal?: AbortSignal;
  /** The most findings read (default 10,000), the newest first. */
  readonly max?: number;
  /** How many GetFindings batches are in flight at once (default 3). */
  readonly concurrency?: number;
}

export interface GuardDutyFindings {
  readonly region: string;
  readonly detectorIds: readonly string[];
  /** Why there are no findings to read: no detector in the Region. */
  readonly notEnabled?: string;
  /** The findings not archived, by severity label (GuardDuty's own count, not limited by `max`). */
  readonly counts: SeverityCounts;
  readonly findings: readonly FindingRow[];
  /** More findings than `max` matched; the newest were read. */
  readonly truncated: boolean;
  /** Requests sent. */
  readonly calls: number;
}

/** GetFindings takes at most 50 ids; ListFindings pages by 50 at most. */
const BATCH = 50;
const DEFAULT_MAX = 10_000;
const DEFAULT_CONCURRENCY = 3;
const CANCELLED: AwsProblem = { kind: 'cancelled', sentence: 'Reading the GuardDuty findings was cancelled.' };
const NOT_ARCHIVED = { Criterion: { 'service.archived': { Eq: ['false'] } } };

export async function guardDutyFindings(
  gateway: AwsGateway,
  options: GuardDutyOptions = {},
): Promise<AwsResult<GuardDutyFindings>> {
  const counting = await countingCalls(gateway, options);
  if (!counting.ok) return counting;
  const { region, call, calls } = counting.value;
  const detectors = await detectorIds(gateway, call);
  if (!detectors.ok) return detectors;
  const empty = { region: region, detectorIds: detectors.value, truncated: false };
  if (detectors.value.length === 0)
    return {
      ok: true,
      value: {
        ...empty,
        notEnabled: `GuardDuty is not enabled in ${region}: it has no detector there.`,
        counts: countBySeverity([]),
        findings: [],
        calls: calls(),
      },
    };
  let counts = countBySeverity([]);
  const findings: FindingRow[] = [];
  let truncated = false;
  const max = options.max ?? DEFAULT_MAX;
  for (const detectorId of detectors.value) {
    const stats = await statistics(gateway, detectorId, call);
    if (!stats.ok) return stats;
    counts = add(counts, stats.value);
    const ids = await findingIds(gateway, detectorId, max - findings.length, call);
    if (!ids.ok) return ids;
    truncated ||= ids.value.truncated;
    const read = await readFindings(
      gateway,
      detectorId,
      ids.value.ids,
      options.concurrency ?? DEFAULT_CONCURRENCY,
      call,
    );
    if (!read.ok) return read;
    findings.push(...read.value.map(guardDutyRow));
  }
  return { ok: true, value: { ...empty, counts, findings, truncated, calls: calls() } };
}

async function detectorIds(gateway: AwsGateway, call: CallOptions): Promise<AwsResult<string[]>> {
  const pages = await everyPage(
    (token) =>
      gateway.securityCall(
        'ListDetectors',
        async (client, abortSignal) => {
          const { ListDetectorsCommand } = await import('@aws-sdk/client-guardduty');
          return client.send(new ListDetectorsCommand({ ...(token && { NextToken: token }) }), { abortSignal });
        },
        call,
      ),
    (page) => page.NextToken,
    call.signal,
    CANCELLED,
  );
  return pages.ok ? { ok: true, value: pages.value.flatMap((p) => p.DetectorIds ?? []) } : pages;
}

/** The detector's open findings by label; GuardDuty keys its counts by severity value ("8.0"). */
async function statistics(
  gateway: AwsGateway,
  detectorId: string,
  call: CallOptions,
): Promise<AwsResult<SeverityCounts>> {
  const out = await whileThrottled(
    () =>
      gateway.securityCall(
        'GetFindingsStatistics',
        async (client, abortSignal) => {
          const { GetFindingsStatisticsCommand } = await import('@aws-sdk/client-guardduty');
          return client.send(
            new GetFindingsStatisticsCommand({
              DetectorId: detectorId,
              FindingStatisticTypes: ['COUNT_BY_SEVERITY'],
              FindingCriteria: NOT_ARCHIVED,
            }),
            { abortSignal },
          );
        },
        call,
      ),
    call.signal,
    CANCELLED,
  );
  if (!out.ok) return out;
  const counts: Record<string, number> = { ...countBySeverity([]) };
  for (const [severity, n] of Object.entries(out.value.FindingStatistics?.CountBySeverity ?? {})) {
    const label = severityLabelOf(Number(severity));
    counts[label] = (counts[label] ?? 0) + n;
  }
  return { ok: true, value: counts as SeverityCounts };
}

/** Up to `max` finding ids, newest update first. */
async function findingIds(
  gateway: AwsGateway,
  detectorId: string,
  max: number,
  call: CallOptions,
): Promise<AwsResult<{ ids: string[]; truncated: boolean }>> {
  if (max <= 0) return { ok: true, value: { ids: [], truncated: true } };
  const pages = await everyPage(
    (token) =>
      gateway.securityCall(
        'ListFindings',
        async (client, abortSignal) => {
          const { ListFindingsCommand } = await import('@aws-sdk/client-guardduty');
          return client.send(
            new ListFindingsCommand({
              DetectorId: detectorId,
              SortCriteria: { AttributeName: 'updatedAt', OrderBy: 'DESC' },
              MaxResults: BATCH,
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
    (_page, pages) => pages.reduce((n, p) => n + (p.FindingIds?.length ?? 0), 0) >= max,
  );
  if (!pages.ok) return pages;
  const ids = pages.value.flatMap((p) => p.FindingIds ?? []);
  const more = ids.length > max || pages.value.at(-1)?.NextToken !== undefined;
  return { ok: true, value: { ids: ids.slice(0, max), truncated: more } };
}

/** The findings of `ids`, in batches of 50, a few batches at a time, in the ids' order. */
async function readFindings(
  gateway: AwsGateway,
  detectorId: string,
  ids: readonly string[],
  concurrency: number,
  call: CallOptions,
): Promise<AwsResult<Finding[]>> {
  const batches = Array.from({ length: Math.ceil(ids.length / BATCH) }, (_, i) =>
    ids.slice(i * BATCH, (i + 1) * BATCH),
  );
  const read = await fewAtATime(batches, concurrency, (batch) =>
    whileThrottled(
      () =>
        gateway.securityCall(
          'GetFindings',
          async (client, abortSignal) => {
            const { GetFindingsCommand } = await import('@aws-sdk/client-guardduty');
            return client.send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: batch }), { abortSignal });
          },
          call,
        ),
      call.signal,
      CANCELLED,
    ),
  );
  if (!read.ok) return read;
  const byId = new Map(read.value.flatMap((page) => page.Findings ?? []).map((f) => [f.Id, f]));
  return { ok: true, value: ids.flatMap((id) => byId.get(id) ?? []) };
}

function add(a: SeverityCounts, b: SeverityCounts): SeverityCounts {
  return {
    CRITICAL: a.CRITICAL + b.CRITICAL,
    HIGH: a.HIGH + b.HIGH,
    MEDIUM: a.MEDIUM + b.MEDIUM,
    LOW: a.LOW + b.LOW,
    INFORMATIONAL: a.INFORMATIONAL + b.INFORMATIONAL,
  };
}
