/**
 * The security explorer's data, one Region and one tab at a time: KMS keys, Secrets Manager secrets,
 * GuardDuty's and Security Hub's findings, and a key's or a secret's policy linted. Each answer is kept
 * 15 minutes per identity, Region and tab (the explorer is opened and closed often; its data changes
 * slowly), identical asks in flight share one read, and `fresh` reads again. A Region that fails says
 * why in its answer; a request never throws.
 */
import {
  type AwsGateway,
  guardDutyFindings,
  keyPolicy,
  kmsKeys,
  secretPolicy,
  secretsList,
  securityHubFindings,
} from '../aws';
import {
  type AwsProblem,
  type Clock,
  Coalescer,
  keyRow,
  reviewPolicy,
  secretRow,
  systemClock,
  TtlCache,
} from '../core';
import type {
  AwsProblemInfo,
  ExplorerFindingsRequest,
  ExplorerKeysRequest,
  ExplorerPolicyRequest,
  ExplorerRegionResult,
  ExplorerSecretsRequest,
} from '../shared/protocol';
import { problemInfo, type AwsService } from './awsService';
import type { CatalogService } from './catalogService';

interface Answers {
  readonly keys: ExplorerKeysRequest.Result;
  readonly secrets: ExplorerSecretsRequest.Result;
  readonly findings: ExplorerFindingsRequest.Result;
}
type Tab = keyof Answers;

interface RegionParams {
  readonly region: string;
  readonly fresh?: boolean;
}

/** How a tab's answer is read from AWS, given the gateway, the Region, the shared signal and the time. */
type Fetch<T extends Tab> = (
  gateway: AwsGateway,
  region: string,
  signal: AbortSignal,
  now: number,
) => Promise<Answers[T]>;

export interface ExplorerServiceOptions {
  readonly aws: AwsService;
  readonly catalog: Pick<CatalogService, 'tryLoad'>;
  /** The clock of the cache (tests move it). */
  readonly clock?: Pick<Clock, 'now'>;
}

const TTL_MS = 15 * 60_000;
/** Three tabs of a few Regions for a few identities: more is a long-running session's leftovers. */
const MAX_ENTRIES = 200;

/** What every Region says when nothing is configured: one sentence and the command that sets a profile, as the status bar offers. */
export const NOT_CONFIGURED: AwsProblemInfo = {
  kind: 'noCredentials',
  sentence:
    'AWS is not configured: choose a profile with the command "CloudWarden: Select AWS profile" (cloudwarden.selectAwsProfile), or set `cloudwarden.aws.profile`.',
};

export class ExplorerService {
  private readonly clock: Pick<Clock, 'now'>;
  private readonly cache: TtlCache<Answers[Tab]>;
  private readonly inFlight = new Coalescer();

  constructor(private readonly options: ExplorerServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.cache = new TtlCache({ ttlMs: TTL_MS, staleMs: 0, maxEntries: MAX_ENTRIES, clock: this.clock });
  }

  keys(params: RegionParams, signal?: AbortSignal): Promise<ExplorerKeysRequest.Result> {
    return this.answer(
      'keys',
      params,
      signal,
      (problem) => failed(params.region, problem, this.clock.now()),
      (gateway, region, shared, now) => this.readKeys(gateway, region, shared, now),
    );
  }

  secrets(params: RegionParams, signal?: AbortSignal): Promise<ExplorerSecretsRequest.Result> {
    return this.answer(
      'secrets',
      params,
      signal,
      (problem) => failed(params.region, problem, this.clock.now()),
      (gateway, region, shared, now) => this.readSecrets(gateway, region, shared, now),
    );
  }

  findings(params: RegionParams, signal?: AbortSignal): Promise<ExplorerFindingsRequest.Result> {
    return this.answer(
      'findings',
      params,
      signal,
      (problem) => ({ ...failed(params.region, problem, this.clock.now()), serviceProblems: [] }),
      (gateway, region, shared, now) => this.readFindings(gateway, region, shared, now),
    );
  }

  /** A key's policy or a secret's resource policy, read now (never cached: it is asked for one row) and linted. */
  async policy(params: ExplorerPolicyRequest.Params, signal?: AbortSignal): Promise<ExplorerPolicyRequest.Result> {
    const configuration = await this.options.aws.configuration();
    if (!configuration.configured) return { state: 'failed', problem: NOT_CONFIGURED };
    const { gateway } = await this.options.aws.connect(configuration);
    const options = { region: params.region, ...(signal && { signal }) };
    const read =
      params.kind === 'key'
        ? await keyPolicy(gateway, params.arn, options)
        : await secretPolicy(gateway, params.arn, options);
    if (!read.ok) return { state: 'failed', problem: this.reported(read.problem) };
    if (!read.value) return { state: 'none', sentence: NO_POLICY[params.kind] };
    const catalog = this.options.catalog.tryLoad();
    if (!catalog.ok) return { state: 'failed', problem: { kind: 'unknown', sentence: catalog.message } };
    return { state: 'policy', review: reviewPolicy(read.value, catalog.catalog) };
  }

  /**
   * The cached answer unless `fresh`, else one read shared by every identical ask in flight; a caller who
   * cancels gets a cancelled answer at once while the read goes on for the others. Only an answer
   * without a problem is kept: a failure is asked again next time.
   */
  private async answer<T extends Tab>(
    tab: T,
    params: RegionParams,
    signal: AbortSignal | undefined,
    fail: (problem: AwsProblemInfo) => Answers[T],
    fetch: Fetch<T>,
  ): Promise<Answers[T]> {
    const configuration = await this.options.aws.configuration();
    if (!configuration.configured) return fail(NOT_CONFIGURED);
    const key = `${configuration.scope}\n${params.region}\n${tab}`;
    if (params.fresh !== true) {
      const cached = await this.cache.get(key);
      if (cached?.fresh) return { ...(cached.value as Answers[T]), calls: 0 };
    }
    try {
      return await this.inFlight.run(
        key,
        async (shared) => {
          const { gateway } = await this.options.aws.connect(configuration);
          const answer = await fetch(gateway, params.region, shared, this.clock.now());
          if (answer.problem === undefined && (tab !== 'findings' || hasNoServiceProblem(answer)))
            await this.cache.set(key, answer);
          return answer;
        },
        signal,
      );
    } catch (error) {
      return fail(
        signal?.aborted
          ? { kind: 'cancelled', sentence: `Reading ${params.region} was cancelled.` }
          : { kind: 'unknown', sentence: `Reading ${params.region} failed: ${String(error)}` },
      );
    }
  }

  private async readKeys(
    gateway: AwsGateway,
    region: string,
    signal: AbortSignal,
    now: number,
  ): Promise<ExplorerKeysRequest.Result> {
    let calls = 0;
    const read = await kmsKeys(gateway, { region, signal, onRequest: () => void calls++ });
    if (!read.ok) return { ...failed(region, this.reported(read.problem), now), calls };
    return { ...empty(region, now), rows: read.value.map((key) => keyRow(key, now)), calls };
  }

  private async readSecrets(
    gateway: AwsGateway,
    region: string,
    signal: AbortSignal,
    now: number,
  ): Promise<ExplorerSecretsRequest.Result> {
    let calls = 0;
    const read = await secretsList(gateway, { region, signal, onRequest: () => void calls++ });
    if (!read.ok) return { ...failed(region, this.reported(read.problem), now), calls };
    return { ...empty(region, now), rows: read.value.map((secret) => secretRow(secret, now)), calls };
  }

  /**
   * GuardDuty and Security Hub at once: one failing is a service problem beside the other's rows, both
   * failing the Region's problem (GuardDuty's, the explorer's first source); a service that is off is a
   * notice, not a failure.
   */
  private async readFindings(
    gateway: AwsGateway,
    region: string,
    signal: AbortSignal,
    now: number,
  ): Promise<ExplorerFindingsRequest.Result> {
    const [guardDuty, hub] = await Promise.all([
      guardDutyFindings(gateway, { region, signal }),
      securityHubFindings(gateway, { region, signal }),
    ]);
    const calls = (guardDuty.ok ? guardDuty.value.calls : 0) + (hub.ok ? hub.value.calls : 0);
    if (!guardDuty.ok && !hub.ok) {
      this.reported(hub.problem);
      return { ...failed(region, this.reported(guardDuty.problem), now), calls, serviceProblems: [] };
    }
    const serviceProblems = [guardDuty, hub].flatMap((read) => (read.ok ? [] : [this.reported(read.problem)]));
    const notices = [
      guardDuty.ok ? guardDuty.value.notEnabled : undefined,
      hub.ok ? hub.value.notSubscribed : undefined,
    ].filter((notice) => notice !== undefined);
    return {
      ...empty(region, now),
      rows: [...(guardDuty.ok ? guardDuty.value.findings : []), ...(hub.ok ? hub.value.findings : [])],
      notices,
      truncated: (guardDuty.ok && guardDuty.value.truncated) || (hub.ok && hub.value.truncated),
      calls,
      ...(guardDuty.ok && { counts: guardDuty.value.counts }),
      serviceProblems,
    };
  }

  /** The problem written to the output (once per kind and sentence), as the protocol carries it. */
  private reported(problem: AwsProblem): AwsProblemInfo {
    this.options.aws.report(problem);
    return problemInfo(problem);
  }
}

const NO_POLICY: Readonly<Record<ExplorerPolicyRequest.Params['kind'], string>> = {
  key: 'KMS returned no policy for this key.',
  secret:
    'This secret has no resource policy: who may read it is decided by identity policies in its account (and by its KMS key).',
};

function hasNoServiceProblem(answer: Answers[Tab]): boolean {
  return !('serviceProblems' in answer) || answer.serviceProblems.length === 0;
}

/** A Region's answer without rows yet (`never[]` fits every tab's rows). */
function empty(region: string, fetchedAt: number): ExplorerRegionResult<never> {
  return { region, rows: [], notices: [], truncated: false, calls: 0, fetchedAt };
}

function failed(region: string, problem: AwsProblemInfo, fetchedAt: number): ExplorerRegionResult<never> {
  return { ...empty(region, fetchedAt), problem };
}
