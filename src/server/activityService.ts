import { lookupActivity, warehouseActivity, warehouseSourceOf, type AwsGateway, type UnreadableEvent } from '../aws';
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
  type DayCount,
  type DetectionFacts,
  type Glance,
  type ResourceReference,
} from '../core';
import type { ActivityRequest } from '../shared/protocol';
import { JsonFileStore } from './activityStore';
import type { ActivitySource } from './activitySource';
import { problemInfo, type AwsService } from './awsService';
import type { LogActivity } from './logActivity';

/** An answer as cached: what the timeline gets too. */
type StoredAnswer = ActivitySnapshot & {
  readonly unreadable: readonly (UnreadableEvent | { readonly file: string; readonly reason: string })[];
  /** Log files: every matching event counted by day, when `events` holds only the newest. */
  readonly days?: readonly DayCount[];
  /** The detection facts of the events that have any, by event id (investigations run detections with them). */
  readonly facts?: Readonly<Record<string, DetectionFacts>>;
};

/** A source that asks AWS (the log files are read here, without AWS). */
type AwsSource = Exclude<ActivitySource, { kind: 'logFiles' }>;

interface Ask {
  readonly query: ActivityQuery;
  readonly regions: readonly string[];
  readonly maxPages: number;
  readonly scope: string;
  readonly source: AwsSource;
}

/**
 * The key every log-file glance waits on: an indexing run changes the answer of every reference at once,
 * and its end settles them all (server.ts calls onSettled with it when a run ends).
 */
export const LOG_FILES_KEY = 'logFiles';

const MINUTE = 60_000;
/** An answer is fresh for 5 minutes; after that it is still shown for a day, marked, while a refresh runs. */
const FRESH_MS = 5 * MINUTE;
const STALE_MS = 24 * 60 * MINUTE;
/** A failed query is not asked again before this: the hover shows why meanwhile. */
const FAILURE_MS = 5 * MINUTE;
/** The timeline's default bound: 20 pages of 50 per Region, 10 seconds at CloudTrail's pace. */
const DEFAULT_MAX_PAGES = 20;
const MAX_PAGES = 200;
/** Events of a LookupEvents page: Athena, Lake and the log files return as many as that many pages would. */
const PAGE_EVENTS = 50;

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
      /** The source the settings choose now. */
      readonly source: () => Promise<ActivitySource>;
      readonly logs: LogActivity;
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
    const source = await this.options.source();
    if (source.kind === 'logFiles') return this.logGlance(reference, source.roots);
    const configuration = await this.aws.configuration();
    if (!configuration.configured) return undefined;
    const now = this.now();
    const query = referenceQuery(reference, now);
    const ask: Ask = {
      query,
      regions: await this.aws.regions(),
      maxPages: GLANCE_MAX_PAGES,
      scope: scopeOf(configuration.scope, source),
      source,
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
    const { answer, stale } = await this.stored(params, signal);
    return this.result(answer, stale);
  }

  /**
   * The same answer with the detection facts of its events (those that have any, by event id): what an
   * investigation runs the detections with. The timeline's answer leaves them out.
   */
  async requestWithFacts(
    params: ActivityRequest.Params,
    signal?: AbortSignal,
  ): Promise<{ readonly result: ActivityRequest.Result; readonly facts: Readonly<Record<string, DetectionFacts>> }> {
    const { answer, stale } = await this.stored(params, signal, true);
    return { result: this.result(answer, stale), facts: answer.facts ?? {} };
  }

  /** The answer as kept; `facts`: with the log index's facts too (AWS answers always carry theirs). */
  private async stored(
    params: ActivityRequest.Params,
    signal?: AbortSignal,
    facts = false,
  ): Promise<{ answer: StoredAnswer; stale: boolean }> {
    const query = queryOf(params?.query);
    if (!query)
      return {
        answer: failed(
          this.now(),
          'invalidRequest',
          'The activity request needs a query with `since` (epoch milliseconds).',
        ),
        stale: false,
      };
    const maxPages = pagesOf(params.maxPages);
    const source = await this.options.source();
    if (source.kind === 'logFiles')
      return {
        answer: await this.options.logs.answer(source.roots, query, maxPages * PAGE_EVENTS, {
          complete: true,
          facts,
          ...(signal && { signal }),
        }),
        stale: false,
      };
    const configuration = await this.aws.configuration();
    if (!configuration.configured)
      return { answer: failed(this.now(), 'noCredentials', configuration.reason, 'aws configure'), stale: false };
    const now = this.now();
    const ask: Ask = {
      query,
      regions: await this.aws.regions(),
      maxPages,
      scope: scopeOf(configuration.scope, source),
      source,
    };
    const key = activityCacheKey(ask, now);
    if (params.fresh !== true) {
      const cached = await this.cache.get(key);
      if (cached?.fresh === false) this.fetch(key, ask, configuration).catch(() => undefined);
      if (cached) return { answer: cached.value, stale: !cached.fresh };
      const failure = this.failure(key, now);
      if (failure) return { answer: failure, stale: false };
    }
    return { answer: await this.fetch(key, ask, configuration, signal), stale: false };
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
          const stored = await this.ask(gateway, ask, regions, shared);
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

  /** One query of the source, as the cache keeps it. */
  private async ask(
    gateway: AwsGateway,
    ask: Ask,
    regions: readonly string[],
    signal: AbortSignal,
  ): Promise<StoredAnswer> {
    if (ask.source.kind === 'lookupEvents') {
      const answer = await lookupActivity(gateway, ask.query, { regions, maxPages: ask.maxPages, signal });
      answer.problems.forEach((p) => this.aws.report(p));
      return {
        events: answer.events,
        unreadable: answer.unreadable,
        truncated: answer.truncated,
        problems: answer.problems.map(problemInfo),
        fetchedAt: this.now(),
        facts: answer.facts,
      };
    }
    // Athena and Lake run in one Region: the first one set, else the profile's.
    const answer = await warehouseActivity(gateway, warehouseSourceOf(ask.source as WarehouseAsk), ask.query, {
      ...(regions[0] !== undefined && { region: regions[0] }),
      limit: ask.maxPages * PAGE_EVENTS,
      signal,
      now: this.now(),
    });
    answer.problems.forEach((p) => this.aws.report(p));
    return {
      events: answer.events,
      unreadable: answer.unreadable.map((u) => ({ region: regions[0] ?? '', ...u })),
      // The limit cut the newest-first answer: any window reaching past its oldest event may hold more.
      truncated: answer.truncated ? [...new Set(answer.events.map((e) => e.region))] : [],
      problems: answer.problems.map(problemInfo),
      fetchedAt: this.now(),
      source: ask.source.kind,
      bytesScanned: answer.bytesScanned,
      facts: answer.facts,
    };
  }

  /** A reference's events in the log files: everything they hold, from the index as it is (milliseconds). */
  private async logGlance(reference: ResourceReference, roots: readonly string[]): Promise<GlanceAnswer> {
    const now = this.now();
    const query: ActivityQuery = { ...referenceQuery(reference, now), since: 0 };
    const answer = await this.options.logs.answer(roots, query, GLANCE_MAX_PAGES * PAGE_EVENTS);
    const glance: Glance = { reference, query, answer, problems: answer.problems, loading: this.options.logs.indexing };
    return { glance, key: LOG_FILES_KEY, now };
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
      ...(answer.source !== undefined && { source: answer.source }),
      ...(answer.total !== undefined && { total: answer.total }),
      ...(answer.bytesScanned !== undefined && { bytesScanned: answer.bytesScanned }),
      ...(answer.days !== undefined && { days: answer.days.map((d) => ({ day: d.day, count: d.count })) }),
    };
  }

  private now(): number {
    return (this.options.clock ?? systemClock).now();
  }
}

type WarehouseAsk = Extract<AwsSource, { kind: 'athena' | 'lake' }>;

/**
 * Who asks, and which source answers: the cache keeps the same question to LookupEvents and to Athena
 * apart (LookupEvents keeps the scope it always had, so answers cached before sources existed still serve).
 */
function scopeOf(scope: string, source: AwsSource): string {
  return source.kind === 'lookupEvents' ? scope : `${scope}\n${JSON.stringify(source)}`;
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
    ...text('eventId'),
    ...text('eventName'),
    ...text('action'),
    ...text('sourceIp'),
    ...(q.errorsOnly === true && { errorsOnly: true }),
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
    typeof v.fetchedAt === 'number' &&
    (v.facts === undefined || (typeof v.facts === 'object' && v.facts !== null && !Array.isArray(v.facts)))
  );
}
