import { lookupActivity, type UnreadableEvent } from '../aws';
import {
  activityCacheKey,
  Coalescer,
  GLANCE_MAX_PAGES,
  referenceQuery,
  systemClock,
  TtlCache,
  type ActivityQuery,
  type ActivitySnapshot,
  type AwsConfiguration,
  type Clock,
  type Glance,
  type ResourceReference,
} from '../core';
import type { ActivityRequest } from '../shared/protocol';
import { JsonFileStore } from './activityStore';
import { problemInfo, type AwsService } from './awsService';

/** An answer as cached: what the timeline gets too. */
type StoredAnswer = ActivitySnapshot & { readonly unreadable: readonly UnreadableEvent[] };

interface Ask {
  readonly query: ActivityQuery;
  readonly regions: readonly string[];
  readonly maxPages: number;
  readonly scope: string;
}

const MINUTE = 60_000;
/** An answer is fresh for 5 minutes; after that it is still shown for a day, marked, while a refresh runs. */
const FRESH_MS = 5 * MINUTE;
const STALE_MS = 24 * 60 * MINUTE;
/** A failed query is not asked again before this: the hover shows why meanwhile. */
const FAILURE_MS = 5 * MINUTE;
/** The timeline's default bound: 20 pages of 50 per Region, 10 seconds at CloudTrail's pace. */
const DEFAULT_MAX_PAGES = 20;
const MAX_PAGES = 200;

export interface GlanceAnswer {
  readonly glance: Glance;
  /** The cache key of the reference's query (a CodeLens waits for it to settle). */
  readonly key: string;
  /** The time the glance was taken at, for its relative times. */
  readonly now: number;
}

/**
 * CloudTrail activity through the server's gateway: every answer cached (fresh 5 minutes, then served
 * stale for a day while a refresh runs, kept on disk when the client gives a storage folder), identical
 * queries in flight sharing one scan, failures remembered for 5 minutes so nothing is retried in a loop.
 * A hover or a CodeLens reads the cache and never waits on AWS: a miss starts a fetch in the background.
 */
export class ActivityService {
  private readonly store: JsonFileStore<StoredAnswer>;
  private readonly cache: TtlCache<StoredAnswer>;
  private readonly failures = new Map<string, StoredAnswer>();
  private readonly inFlight = new Coalescer();
  private readonly running = new Set<string>();

  constructor(
    private readonly aws: AwsService,
    private readonly options: {
      readonly log: (message: string) => void;
      /** A fetch of `key` ended (a CodeLens waiting for it asks VS Code to refresh). */
      readonly onSettled?: (key: string) => void;
      readonly clock?: Pick<Clock, 'now'>;
    },
  ) {
    const clock = options.clock ?? systemClock;
    this.store = new JsonFileStore<StoredAnswer>({
      name: 'cloudtrail-activity.json',
      maxAgeMs: FRESH_MS + STALE_MS,
      maxEntries: 200,
      now: () => clock.now(),
      isValue: isStoredAnswer,
      log: options.log,
    });
    this.cache = new TtlCache({ ttlMs: FRESH_MS, staleMs: STALE_MS, maxEntries: 500, clock, store: this.store });
  }

  /** The client's storage folder (initializationOptions.storagePath); without one, memory only. */
  useStorage(folder: string | undefined): void {
    this.store.useFolder(folder);
  }

  /**
   * What a reference's activity shows now, from the cache; a fetch starts in the background when nothing
   * fresh is kept (one per query, however many ask). Undefined when AWS is not configured.
   */
  async glance(reference: ResourceReference): Promise<GlanceAnswer | undefined> {
    const configuration = await this.aws.configuration();
    if (!configuration.configured) return undefined;
    const now = this.now();
    const query = referenceQuery(reference, now);
    const ask: Ask = {
      query,
      regions: await this.aws.regions(),
      maxPages: GLANCE_MAX_PAGES,
      scope: configuration.scope,
    };
    const key = activityCacheKey(ask, now);
    const cached = await this.cache.get(key);
    const failure = this.failure(key, now);
    if (!cached?.fresh && !failure) this.fetch(key, ask, configuration).catch(() => undefined);
    const glance: Glance = {
      reference,
      query,
      ...(cached && { answer: cached.value }),
      problems: failure?.problems ?? cached?.value.problems ?? [],
      loading: this.running.has(key),
    };
    return { glance, key, now };
  }

  /** The ActivityRequest: from the cache unless `fresh`, else (or on a miss) the scan's answer. */
  async request(params: ActivityRequest.Params, signal?: AbortSignal): Promise<ActivityRequest.Result> {
    const query = queryOf(params?.query);
    if (!query)
      return this.result(
        failed(this.now(), 'invalidRequest', 'The activity request needs a query with `since` (epoch milliseconds).'),
        false,
      );
    const configuration = await this.aws.configuration();
    if (!configuration.configured)
      return this.result(failed(this.now(), 'noCredentials', configuration.reason, 'aws configure'), false);
    const maxPages = pagesOf(params.maxPages);
    const now = this.now();
    const ask: Ask = { query, regions: await this.aws.regions(), maxPages, scope: configuration.scope };
    const key = activityCacheKey(ask, now);
    if (params.fresh !== true) {
      const cached = await this.cache.get(key);
      if (cached?.fresh === false) this.fetch(key, ask, configuration).catch(() => undefined);
      if (cached) return this.result(cached.value, !cached.fresh);
      const failure = this.failure(key, now);
      if (failure) return this.result(failure, false);
    }
    return this.result(await this.fetch(key, ask, configuration, signal), false);
  }

  /** Resolves when the cache file holds every answer so far (tests, shutdown). */
  flush(): Promise<void> {
    return this.store.flush();
  }

  /** One scan per key at a time: later callers join it; it stops only when every caller has cancelled. */
  private fetch(
    key: string,
    ask: Ask,
    configuration: Extract<AwsConfiguration, { configured: true }>,
    signal?: AbortSignal,
  ): Promise<StoredAnswer> {
    return this.inFlight.run(
      key,
      async (shared) => {
        this.running.add(key);
        try {
          const { gateway, regions } = await this.aws.connect(configuration);
          const answer = await lookupActivity(gateway, ask.query, { regions, maxPages: ask.maxPages, signal: shared });
          answer.problems.forEach((p) => this.aws.report(p));
          const stored: StoredAnswer = {
            events: answer.events,
            unreadable: answer.unreadable,
            truncated: answer.truncated,
            problems: answer.problems.map(problemInfo),
            fetchedAt: this.now(),
          };
          await this.remember(key, stored);
          return stored;
        } finally {
          this.running.delete(key);
          this.options.onSettled?.(key);
        }
      },
      signal,
    );
  }

  /** An answer with events goes to the cache; one with only problems is remembered for a while, not kept. */
  private async remember(key: string, answer: StoredAnswer): Promise<void> {
    if (answer.events.length > 0 || answer.problems.length === 0) {
      this.failures.delete(key);
      await this.cache.set(key, answer);
    } else if (!answer.problems.every((p) => p.kind === 'cancelled')) {
      this.failures.set(key, answer);
    }
  }

  private failure(key: string, now: number): StoredAnswer | undefined {
    const failure = this.failures.get(key);
    if (failure && now - failure.fetchedAt < FAILURE_MS) return failure;
    this.failures.delete(key);
    return undefined;
  }

  private result(answer: StoredAnswer, stale: boolean): ActivityRequest.Result {
    return {
      events: [...answer.events],
      unreadable: [...answer.unreadable],
      problems: answer.problems.map(problemInfo),
      truncated: [...answer.truncated],
      fetchedAt: answer.fetchedAt,
      stale,
    };
  }

  private now(): number {
    return (this.options.clock ?? systemClock).now();
  }
}

function failed(
  now: number,
  kind: 'invalidRequest' | 'noCredentials',
  sentence: string,
  command?: string,
): StoredAnswer {
  return {
    events: [],
    unreadable: [],
    truncated: [],
    problems: [{ kind, sentence, ...(command !== undefined && { command }) }],
    fetchedAt: now,
  };
}

/** The request's query, checked (it comes over the wire): `since` a time, the rest strings. */
function queryOf(raw: unknown): ActivityQuery | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const q = raw as Record<string, unknown>;
  if (typeof q.since !== 'number' || !Number.isFinite(q.since)) return undefined;
  const text = (key: string) => (typeof q[key] === 'string' && q[key] !== '' ? { [key]: q[key] } : {});
  return {
    since: q.since,
    ...(typeof q.until === 'number' && Number.isFinite(q.until) && { until: q.until }),
    ...text('resource'),
    ...text('principal'),
    ...text('accessKeyId'),
    ...text('eventName'),
  };
}

function pagesOf(raw: unknown): number {
  return typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 ? Math.min(raw, MAX_PAGES) : DEFAULT_MAX_PAGES;
}

function isStoredAnswer(value: unknown): value is StoredAnswer {
  const v = value as Partial<Record<keyof StoredAnswer, unknown>> | undefined;
  return (
    Array.isArray(v?.events) &&
    Array.isArray(v.unreadable) &&
    Array.isArray(v.truncated) &&
    Array.isArray(v.problems) &&
    typeof v.fetchedAt === 'number'
  );
}
