/**
 * IAM Access Analyzer's unused-access findings about one principal as evidence: the Region's first
 * ACTIVE unused-access analyzer (the account's, else the organization's), its unused-access age, the
 * principal's ACTIVE findings (every page), each read in full with GetFindingV2, a few at a time.
 * Whatever stops it, including an account without such an analyzer, becomes the sentence of a
 * MissingEvidence.
 */
import type { AnalyzerSummary, FindingDetails, FindingSummaryV2 } from '@aws-sdk/client-accessanalyzer';
import type { AnalyzerEvidence, AwsProblem, AwsResult } from '../core';
import { analyzerFindings } from './analyzerFindings';
import type { AwsGateway, CallOptions } from './gateway';
import type { EvidenceAnswer } from './evidenceAnswer';
import { countingCalls, everyPage as everyTokenPage, fewAtATime } from './pages';

export interface AnalyzerOptions {
  /** The analyzer's Region; absent: the profile's. */
  readonly region?: string;
  readonly signal?: AbortSignal;
  /** How many findings are read at once (default 3). */
  readonly concurrency?: number;
}

const LABEL = 'IAM Access Analyzer';
const UNUSED_ACCESS_TYPES = ['ACCOUNT_UNUSED_ACCESS', 'ORGANIZATION_UNUSED_ACCESS'] as const;
/** Access Analyzer's default when an analyzer does not say (UnusedAccessConfiguration). */
const DEFAULT_UNUSED_ACCESS_AGE = 90;
const DEFAULT_CONCURRENCY = 3;
const DAY_MS = 24 * 60 * 60 * 1000;
const CANCELLED: AwsProblem = { kind: 'cancelled', sentence: 'Reading the Access Analyzer findings was cancelled.' };

/** What the unused-access analyzer says `principalArn` (an IAM role's or user's ARN) has not used. */
export async function analyzerEvidence(
  gateway: AwsGateway,
  principalArn: string,
  options: AnalyzerOptions = {},
): Promise<EvidenceAnswer<AnalyzerEvidence>> {
  const fetchedAt = Date.now();
  // The Region is settled first: the sentence of an account without an analyzer names it.
  const counting = await countingCalls(gateway, options);
  if (!counting.ok) return missing(counting.problem.sentence);
  const { region, call, calls } = counting.value;
  const analyzer = await unusedAccessAnalyzer(gateway, call);
  if (!analyzer.ok) return missing(analyzer.problem.sentence);
  if (analyzer.value === undefined)
    return missing(
      `No active unused-access analyzer of IAM Access Analyzer in ${call.region}: create one (IAM console, Access Analyzer, Create analyzer, Unused access analysis, or \`aws accessanalyzer create-analyzer --analyzer-name unused-access --type ACCOUNT_UNUSED_ACCESS --region ${call.region}\`); AWS charges for it per IAM role and user analyzed each month.`,
    );
  const analyzerArn = analyzer.value.arn ?? '';
  const summaries = await activeFindings(gateway, analyzerArn, principalArn, call);
  if (!summaries.ok) return missing(summaries.problem.sentence);
  const detailed = await fewAtATime(summaries.value, options.concurrency ?? DEFAULT_CONCURRENCY, (summary) =>
    findingDetails(gateway, analyzerArn, summary.id ?? '', call),
  );
  if (!detailed.ok) return missing(detailed.problem.sentence);
  const days = analyzer.value.configuration?.unusedAccess?.unusedAccessAge ?? DEFAULT_UNUSED_ACCESS_AGE;
  // A finding says "unused for `days` up to the last analysis": the window ends at the newest analysis.
  const analyzedAt = Math.max(
    ...summaries.value.map((s) => s.analyzedAt?.getTime() ?? 0),
    analyzer.value.lastResourceAnalyzedAt?.getTime() ?? 0,
  );
  const until = analyzedAt > 0 ? analyzedAt : fetchedAt;
  return {
    evidence: {
      kind: 'accessAnalyzer',
      label: LABEL,
      window: { since: until - days * DAY_MS, until },
      fetchedAt,
      cost: { calls: calls() },
      unusedAccessAgeDays: days,
      analyzer: { arn: analyzerArn, region },
      findings: summaries.value.flatMap((s, i) => analyzerFindings(s.id ?? '', detailed.value[i] ?? [])),
    },
  };
}

/** The first ACTIVE analyzer of the account's unused-access type, else of the organization's. */
async function unusedAccessAnalyzer(
  gateway: AwsGateway,
  call: CallOptions,
): Promise<AwsResult<AnalyzerSummary | undefined>> {
  for (const type of UNUSED_ACCESS_TYPES) {
    let active: AnalyzerSummary | undefined;
    const read = await everyPage(
      (token) =>
        gateway.principalCall(
          'ListAnalyzers',
          async (client, abortSignal) => {
            const { ListAnalyzersCommand } = await import('@aws-sdk/client-accessanalyzer');
            return client.send(new ListAnalyzersCommand({ type, ...(token && { nextToken: token }) }), { abortSignal });
          },
          call,
        ),
      call.signal,
      (page) => (active = page.analyzers?.find((a) => a.status === 'ACTIVE')) !== undefined,
    );
    if (!read.ok) return read;
    if (active) return { ok: true, value: active };
  }
  return { ok: true, value: undefined };
}

/** The principal's ACTIVE findings, every page. */
async function activeFindings(
  gateway: AwsGateway,
  analyzerArn: string,
  principalArn: string,
  call: CallOptions,
): Promise<AwsResult<FindingSummaryV2[]>> {
  const filter = { resource: { eq: [principalArn] }, status: { eq: ['ACTIVE'] } };
  const pages = await everyPage(
    (token) =>
      gateway.principalCall(
        'ListFindingsV2',
        async (client, abortSignal) => {
          const { ListFindingsV2Command } = await import('@aws-sdk/client-accessanalyzer');
          return client.send(new ListFindingsV2Command({ analyzerArn, filter, ...(token && { nextToken: token }) }), {
            abortSignal,
          });
        },
        call,
      ),
    call.signal,
  );
  return pages.ok ? { ok: true, value: pages.value.flatMap((p) => p.findings ?? []) } : pages;
}

/** Every detail of one finding (GetFindingV2 pages them). */
async function findingDetails(
  gateway: AwsGateway,
  analyzerArn: string,
  id: string,
  call: CallOptions,
): Promise<AwsResult<FindingDetails[]>> {
  const pages = await everyPage(
    (token) =>
      gateway.principalCall(
        'GetFindingV2',
        async (client, abortSignal) => {
          const { GetFindingV2Command } = await import('@aws-sdk/client-accessanalyzer');
          return client.send(new GetFindingV2Command({ analyzerArn, id, ...(token && { nextToken: token }) }), {
            abortSignal,
          });
        },
        call,
      ),
    call.signal,
  );
  return pages.ok ? { ok: true, value: pages.value.flatMap((p) => p.findingDetails ?? []) } : pages;
}

/** Every page of an Access Analyzer listing (`nextToken`), until `enough` says so. */
function everyPage<P extends { nextToken?: string }>(
  page: (token: string | undefined) => Promise<AwsResult<P>>,
  signal: AbortSignal | undefined,
  enough?: (page: P) => boolean,
): Promise<AwsResult<P[]>> {
  return everyTokenPage(page, (p) => p.nextToken, signal, CANCELLED, enough);
}

function missing(reason: string): EvidenceAnswer<AnalyzerEvidence> {
  return { missing: { kind: 'accessAnalyzer', label: LABEL, reason } };
}
