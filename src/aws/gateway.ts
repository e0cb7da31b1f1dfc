/**
 * The AWS gateway: the one place CloudWarden calls AWS. Every call has a time limit and a cancel signal,
 * and answers a value or an explained problem (never throws). CloudTrail LookupEvents, limited by AWS to
 * 2 calls a second per account and Region, goes through a pacer keyed by both, and identical page
 * requests in flight share one call.
 */
import type { AthenaClient } from '@aws-sdk/client-athena';
import type { CloudTrailClient, Event, LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import {
  cacheKey,
  classifyAwsError,
  Coalescer,
  Pacer,
  scanPages,
  systemClock,
  untilAborted,
  type AwsResult,
  type Clock,
  type Page,
  type ScanSummary,
} from '../core';
import { Clients, serviceIdOf, type ClientOf, type ServiceName } from './clients';
import { AwsSession } from './session';

export interface AwsGatewayOptions {
  /** A profile of the shared files; empty or absent: the SDK's default chain. */
  readonly profile?: string;
  /** The time limit of one request (default 10 s); waiting for a pacing token does not count. */
  readonly requestTimeoutMs?: number;
  /** The clock of the pacer (tests). */
  readonly clock?: Clock;
}

export interface CallOptions {
  /** The Region; absent: the profile's (or AWS_REGION). */
  readonly region?: string;
  readonly signal?: AbortSignal;
  /**
   * Told of every request sent to AWS for the call (each page of a scan): how a feature counts what its
   * answer cost, to show it. The SDK's own retries of a failed request are not counted.
   */
  readonly onRequest?: () => void;
}

export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  readonly userId: string;
}

/** LookupEvents parameters (NextToken is the gateway's business in a scan). */
export type LookupEventsParams = Omit<LookupEventsCommandInput, 'NextToken'> & { readonly NextToken?: string };

export interface LookupEventsPage {
  readonly events: readonly Event[];
  readonly nextToken?: string;
}

export interface ScanOptions extends CallOptions {
  readonly maxPages?: number;
  readonly onPage?: (events: readonly Event[], page: number) => void | Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** CloudTrail's quota for LookupEvents: 2 per second per account and Region; it cannot be raised. */
const LOOKUP_EVENTS_PER_SECOND = 2;

interface Call {
  readonly service: ServiceName;
  readonly operation: string;
  readonly action: string;
}

const GET_CALLER_IDENTITY: Call = { service: 'sts', operation: 'GetCallerIdentity', action: 'sts:GetCallerIdentity' };
const LOOKUP_EVENTS: Call = { service: 'cloudtrail', operation: 'LookupEvents', action: 'cloudtrail:LookupEvents' };

/** The calls of a SQL query's life on Athena and on CloudTrail Lake. */
const QUERY_CALLS = {
  StartQueryExecution: { service: 'athena', operation: 'StartQueryExecution', action: 'athena:StartQueryExecution' },
  GetQueryExecution: { service: 'athena', operation: 'GetQueryExecution', action: 'athena:GetQueryExecution' },
  GetQueryResults: { service: 'athena', operation: 'GetQueryResults', action: 'athena:GetQueryResults' },
  StopQueryExecution: { service: 'athena', operation: 'StopQueryExecution', action: 'athena:StopQueryExecution' },
  StartQuery: { service: 'cloudtrail', operation: 'StartQuery', action: 'cloudtrail:StartQuery' },
  DescribeQuery: { service: 'cloudtrail', operation: 'DescribeQuery', action: 'cloudtrail:DescribeQuery' },
  LakeGetQueryResults: { service: 'cloudtrail', operation: 'GetQueryResults', action: 'cloudtrail:GetQueryResults' },
  CancelQuery: { service: 'cloudtrail', operation: 'CancelQuery', action: 'cloudtrail:CancelQuery' },
} satisfies Record<string, Call>;

/**
 * The calls about one deployed principal: its IAM last-accessed report, its Access Analyzer findings and
 * their recommendations, and the stack that deployed it. IAM authorises ListFindingsV2 and GetFindingV2
 * as access-analyzer:ListFindings and access-analyzer:GetFinding (there is no ...V2 action).
 */
const PRINCIPAL_CALLS = {
  GenerateServiceLastAccessedDetails: {
    service: 'iam',
    operation: 'GenerateServiceLastAccessedDetails',
    action: 'iam:GenerateServiceLastAccessedDetails',
  },
  GetServiceLastAccessedDetails: {
    service: 'iam',
    operation: 'GetServiceLastAccessedDetails',
    action: 'iam:GetServiceLastAccessedDetails',
  },
  ListAnalyzers: { service: 'accessanalyzer', operation: 'ListAnalyzers', action: 'access-analyzer:ListAnalyzers' },
  ListFindingsV2: { service: 'accessanalyzer', operation: 'ListFindingsV2', action: 'access-analyzer:ListFindings' },
  GetFindingV2: { service: 'accessanalyzer', operation: 'GetFindingV2', action: 'access-analyzer:GetFinding' },
  GenerateFindingRecommendation: {
    service: 'accessanalyzer',
    operation: 'GenerateFindingRecommendation',
    action: 'access-analyzer:GenerateFindingRecommendation',
  },
  GetFindingRecommendation: {
    service: 'accessanalyzer',
    operation: 'GetFindingRecommendation',
    action: 'access-analyzer:GetFindingRecommendation',
  },
  DescribeStackResources: {
    service: 'cloudformation',
    operation: 'DescribeStackResources',
    action: 'cloudformation:DescribeStackResources',
  },
} as const satisfies Record<string, Call>;

/**
 * The security explorer's read-only calls about KMS keys and Secrets Manager secrets. Metadata only:
 * CloudWarden never reads a secret value, so no value call is in this table (a unit test checks src/).
 */
const KEY_SECRET_CALLS = {
  ListKeys: { service: 'kms', operation: 'ListKeys', action: 'kms:ListKeys' },
  ListAliases: { service: 'kms', operation: 'ListAliases', action: 'kms:ListAliases' },
  DescribeKey: { service: 'kms', operation: 'DescribeKey', action: 'kms:DescribeKey' },
  GetKeyPolicy: { service: 'kms', operation: 'GetKeyPolicy', action: 'kms:GetKeyPolicy' },
  GetKeyRotationStatus: { service: 'kms', operation: 'GetKeyRotationStatus', action: 'kms:GetKeyRotationStatus' },
  ListGrants: { service: 'kms', operation: 'ListGrants', action: 'kms:ListGrants' },
  ListResourceTags: { service: 'kms', operation: 'ListResourceTags', action: 'kms:ListResourceTags' },
  GetKeyLastUsage: { service: 'kms', operation: 'GetKeyLastUsage', action: 'kms:GetKeyLastUsage' },
  ListSecrets: { service: 'secretsmanager', operation: 'ListSecrets', action: 'secretsmanager:ListSecrets' },
  GetResourcePolicy: {
    service: 'secretsmanager',
    operation: 'GetResourcePolicy',
    action: 'secretsmanager:GetResourcePolicy',
  },
} as const satisfies Record<string, Call>;

export type KeySecretCall = keyof typeof KEY_SECRET_CALLS;
/** The SDK client a key or secret call is made with. */
type KeySecretClient<K extends KeySecretCall> = ClientOf<(typeof KEY_SECRET_CALLS)[K]['service']>;

export type PrincipalCall = keyof typeof PRINCIPAL_CALLS;

/**
 * The security explorer's read-only calls: GuardDuty's detectors and findings, Security Hub's hub and
 * findings (HubGetFindings is Security Hub's GetFindings, named apart from GuardDuty's).
 */
const SECURITY_CALLS = {
  ListDetectors: { service: 'guardduty', operation: 'ListDetectors', action: 'guardduty:ListDetectors' },
  ListFindings: { service: 'guardduty', operation: 'ListFindings', action: 'guardduty:ListFindings' },
  GetFindings: { service: 'guardduty', operation: 'GetFindings', action: 'guardduty:GetFindings' },
  GetFindingsStatistics: {
    service: 'guardduty',
    operation: 'GetFindingsStatistics',
    action: 'guardduty:GetFindingsStatistics',
  },
  DescribeHub: { service: 'securityhub', operation: 'DescribeHub', action: 'securityhub:DescribeHub' },
  HubGetFindings: { service: 'securityhub', operation: 'GetFindings', action: 'securityhub:GetFindings' },
} as const satisfies Record<string, Call>;

export type SecurityCall = keyof typeof SECURITY_CALLS;
type SecurityClient<K extends SecurityCall> = ClientOf<(typeof SECURITY_CALLS)[K]['service']>;
/** The SDK client a principal call is made with. */
type PrincipalClient<K extends PrincipalCall> = ClientOf<(typeof PRINCIPAL_CALLS)[K]['service']>;

export type AthenaCall = 'StartQueryExecution' | 'GetQueryExecution' | 'GetQueryResults' | 'StopQueryExecution';
export type LakeCall = 'StartQuery' | 'DescribeQuery' | 'LakeGetQueryResults' | 'CancelQuery';

/** One SDK request of a query call: the client, and the signal that carries the time limit and cancellation. */
type QueryRequest<C, T> = (client: C, abortSignal: AbortSignal) => Promise<T>;

export class AwsGateway {
  private readonly session: AwsSession;
  private readonly clients: Clients;
  private readonly timeoutMs: number;
  private readonly lookupPacer: Pacer;
  private readonly inFlight = new Coalescer();
  private identity: Promise<CallerIdentity> | undefined;

  constructor(options: AwsGatewayOptions = {}) {
    // The SDK warns once, on stderr, that its releases after January 2027 will need Node 22: a notice for
    // SDK developers. CloudWarden bundles its SDK version, so its users (the CLI's stderr, the server's
    // log) are not the audience. The SDK's own switch; a value the user set is kept.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    this.session = new AwsSession(options.profile);
    this.clients = new Clients(this.session);
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.lookupPacer = new Pacer({ ratePerSecond: LOOKUP_EVENTS_PER_SECOND, clock: options.clock ?? systemClock });
  }

  /** Who the credentials are (STS GetCallerIdentity, which needs no permission). */
  callerIdentity(options: CallOptions = {}): Promise<AwsResult<CallerIdentity>> {
    return this.attempt(GET_CALLER_IDENTITY, options, (region, signal) => this.identify(region, signal));
  }

  /** The Region used when none is asked for: AWS_REGION, else the profile's (a problem when there is none). */
  defaultRegion(options: Pick<CallOptions, 'signal'> = {}): Promise<AwsResult<string>> {
    return this.attempt(GET_CALLER_IDENTITY, options, (region) => Promise.resolve(region));
  }

  /** One page of CloudTrail LookupEvents, paced and shared with identical requests in flight. */
  lookupEvents(params: LookupEventsParams, options: CallOptions = {}): Promise<AwsResult<LookupEventsPage>> {
    return this.attempt(LOOKUP_EVENTS, options, async (region, signal) => {
      const account = await this.account(region, signal);
      const key = cacheKey({ service: 'cloudtrail', operation: 'LookupEvents', region, account, params });
      const page = await this.inFlight.run(
        key,
        async (shared) => {
          await this.lookupPacer.take(pacingKey(account, region), shared);
          options.onRequest?.();
          return this.lookupPage(params, params.NextToken, region, shared);
        },
        signal,
      );
      return { events: page.items, ...(page.nextToken !== undefined && { nextToken: page.nextToken }) };
    });
  }

  /**
   * Every page of a LookupEvents query (up to maxPages), at CloudTrail's pace: 60 pages take 30 s.
   * Throttling is waited out, never the end of a scan; each page goes to onPage as it arrives.
   */
  scanLookupEvents(params: LookupEventsParams, options: ScanOptions = {}): Promise<AwsResult<ScanSummary>> {
    return this.attempt(LOOKUP_EVENTS, options, async (region, signal) => {
      const account = await this.account(region, signal);
      const page = (token: string | undefined, pageSignal: AbortSignal | undefined): Promise<Page<Event>> => {
        options.onRequest?.();
        return this.lookupPage(params, token ?? params.NextToken, region, pageSignal);
      };
      return scanPages(page, {
        pacer: this.lookupPacer,
        key: pacingKey(account, region),
        ...(options.maxPages !== undefined && { maxPages: options.maxPages }),
        ...(signal && { signal }),
        ...(options.onPage && { onPage: options.onPage }),
      });
    });
  }

  /**
   * One Athena call, under the time limit and the caller's signal. Athena's API quotas are per call and
   * far above one query's polling, so nothing is paced here; a throttled call comes back as `throttled`
   * for the query loop to wait out.
   */
  athena<T>(
    call: AthenaCall,
    request: QueryRequest<AthenaClient, T>,
    options: CallOptions = {},
  ): Promise<AwsResult<T>> {
    return this.attempt(QUERY_CALLS[call], options, async (region, signal) =>
      this.send(
        signal,
        async (abortSignal) => request(await this.clients.get('athena', region), abortSignal),
        options.onRequest,
      ),
    );
  }

  /** One CloudTrail Lake call, as {@link athena}. */
  lake<T>(
    call: LakeCall,
    request: QueryRequest<CloudTrailClient, T>,
    options: CallOptions = {},
  ): Promise<AwsResult<T>> {
    return this.attempt(QUERY_CALLS[call], options, async (region, signal) =>
      this.send(
        signal,
        async (abortSignal) => request(await this.clients.get('cloudtrail', region), abortSignal),
        options.onRequest,
      ),
    );
  }

  /**
   * One call of IAM, Access Analyzer or CloudFormation about a principal, as {@link athena}: their quotas
   * are per call and far above what one principal's evidence asks, so nothing is paced here; the callers
   * poll with back-off, detail findings a few at a time, and wait out a `throttled` answer.
   */
  principalCall<K extends PrincipalCall, T>(
    call: K,
    request: QueryRequest<PrincipalClient<K>, T>,
    options: CallOptions = {},
  ): Promise<AwsResult<T>> {
    return this.unpaced<PrincipalClient<K>, T>(PRINCIPAL_CALLS[call], request, options);
  }

  /**
   * One KMS or Secrets Manager call of the security explorer, as {@link principalCall}: the callers read
   * a few keys at once and wait out a `throttled` answer (KMS's read quotas are shared per account and
   * Region, so a thousand keys are read at a steady pace rather than all at once).
   */
  keySecretCall<K extends KeySecretCall, T>(
    call: K,
    request: QueryRequest<KeySecretClient<K>, T>,
    options: CallOptions = {},
  ): Promise<AwsResult<T>> {
    return this.unpaced<KeySecretClient<K>, T>(KEY_SECRET_CALLS[call], request, options);
  }

  /**
   * One GuardDuty or Security Hub call, as {@link principalCall}: the explorer's adapters read findings a
   * few batches at a time and wait out a `throttled` answer, which keeps them inside those services'
   * per-account request rates.
   */
  securityCall<K extends SecurityCall, T>(
    call: K,
    request: QueryRequest<SecurityClient<K>, T>,
    options: CallOptions = {},
  ): Promise<AwsResult<T>> {
    return this.unpaced<SecurityClient<K>, T>(SECURITY_CALLS[call], request, options);
  }

  /**
   * One call of a table whose quotas the callers respect themselves (a few at a time, throttled answers
   * waited out): the client of the row's service in the asked Region, nothing paced here.
   */
  private unpaced<C, T>(row: Call, request: QueryRequest<C, T>, options: CallOptions): Promise<AwsResult<T>> {
    return this.attempt(row, options, async (region, signal) =>
      this.send(
        signal,
        async (abortSignal) => request((await this.clients.get(row.service, region)) as C, abortSignal),
        options.onRequest,
      ),
    );
  }

  /** Closes every client's connections. */
  dispose(): void {
    this.clients.destroy();
  }

  /** Runs `work` in the asked (or default) Region and turns whatever it throws into a problem. */
  private async attempt<T>(
    call: Call,
    options: CallOptions,
    work: (region: string, signal: AbortSignal | undefined) => Promise<T>,
  ): Promise<AwsResult<T>> {
    let region = options.region ?? '';
    try {
      region ||= await untilAborted(this.session.region(), options.signal);
      return { ok: true, value: await work(region, options.signal) };
    } catch (error) {
      const context = {
        service: serviceIdOf(call.service),
        operation: call.operation,
        action: call.action,
        timeoutMs: this.timeoutMs,
        ...(region && { region }),
        ...(this.session.profile && { profile: this.session.profile }),
      };
      return { ok: false, problem: classifyAwsError(error, context) };
    }
  }

  /** One SDK request under the time limit and the caller's signal; throws the SDK's (or the signal's) error. */
  private async send<T>(
    signal: AbortSignal | undefined,
    request: (abortSignal: AbortSignal) => Promise<T>,
    onRequest?: () => void,
  ): Promise<T> {
    onRequest?.();
    const limit = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, limit]) : limit;
    return untilAborted(request(combined), combined);
  }

  private async identify(region: string, signal: AbortSignal | undefined): Promise<CallerIdentity> {
    const [client, { GetCallerIdentityCommand }] = await Promise.all([
      this.clients.get('sts', region),
      import('@aws-sdk/client-sts'),
    ]);
    const out = await this.send(signal, (abortSignal) =>
      client.send(new GetCallerIdentityCommand({}), { abortSignal }),
    );
    return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
  }

  /** The account of the credentials, asked once (a failure is not remembered). It keys pacing and caching. */
  private account(region: string, signal: AbortSignal | undefined): Promise<string> {
    this.identity ??= this.identify(region, undefined).catch((error: unknown) => {
      this.identity = undefined;
      throw error;
    });
    return untilAborted(
      this.identity.then((identity) => identity.account),
      signal,
    );
  }

  private async lookupPage(
    params: LookupEventsParams,
    token: string | undefined,
    region: string,
    signal: AbortSignal | undefined,
  ): Promise<Page<Event>> {
    const [client, { LookupEventsCommand }] = await Promise.all([
      this.clients.get('cloudtrail', region),
      import('@aws-sdk/client-cloudtrail'),
    ]);
    const input: LookupEventsCommandInput = { ...params, ...(token !== undefined && { NextToken: token }) };
    const out = await this.send(signal, (abortSignal) => client.send(new LookupEventsCommand(input), { abortSignal }));
    return { items: out.Events ?? [], ...(out.NextToken && { nextToken: out.NextToken }) };
  }
}

/** LookupEvents' quota is per account and Region. */
function pacingKey(account: string, region: string): string {
  return `${account}/${region}`;
}
