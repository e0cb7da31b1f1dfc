/**
 * CloudTrail's evidence of a principal's use, from the activity source the settings choose: the log
 * index (one answer per set of folders and day), Athena or CloudTrail Lake (one query for every principal
 * the workspace maps, per window day, kept an hour), or LookupEvents (an IAM user's own calls, asked by
 * the Username attribute with a page budget, kept an hour; a role's calls cannot be asked). Everything is
 * served from memory; a missing or old answer is fetched in the background, then onChange. A source that
 * fails is a MissingEvidence with its sentence, and the rest of the evidence still counts.
 */
import { lookupUsage, warehousePrincipalActions, warehouseSourceOf, type WarehouseChoice } from '../aws';
import {
  cloudTrailEvidence,
  day,
  lookupAttributeOf,
  type CloudTrailEvidence,
  type EvidenceCost,
  type MissingEvidence,
  type PrincipalActionsAnswer,
} from '../core';
import type { ActivitySource } from './activitySource';
import type { AwsConnection } from './awsService';
import { BackgroundAnswer, type Answered } from './backgroundAnswer';
import type { LogActivity } from './logActivity';

const DAY_MS = 86_400_000;
/** Athena, Lake and LookupEvents are asked again at most this often (a failure sooner: it may have been passing). */
const AWS_TTL_MS = 60 * 60_000;
const FAILURE_TTL_MS = 5 * 60_000;
/** Beyond this many principals one query asks for everyone's actions: the list would cost more than the rows. */
const MAX_LISTED_PRINCIPALS = 100;
/** LookupEvents: pages of 50 events per Region (2 a second: 10 s), and the 90 days it keeps. */
const DEFAULT_LOOKUP_PAGES = 20;
const LOOKUP_DAYS = 90;

const LABELS = {
  logFiles: 'CloudTrail log files',
  athena: 'CloudTrail in Athena',
  lake: 'CloudTrail Lake',
  lookupEvents: 'CloudTrail LookupEvents',
} as const;

/** What CloudTrail says of one principal: its evidence, or why there is none. */
export interface TrailAnswer {
  readonly evidence?: CloudTrailEvidence;
  readonly missing?: MissingEvidence;
}

export interface TrailUsageOptions {
  readonly logs: Pick<LogActivity, 'usage'>;
  /** The gateway and Regions of the settings; undefined when AWS is not configured (then AWS is not asked). */
  readonly aws?: () => Promise<AwsConnection | undefined>;
  /** An answer came: the open files are judged again. */
  readonly onChange: () => void;
  readonly log: (message: string) => void;
  readonly now?: () => number;
  /** How long principals asked together wait for each other before a query starts (default 1 s). */
  readonly gatherMs?: number;
  /** LookupEvents' page budget per Region (default 20 pages of 50 events: 10 s at its pace). */
  readonly lookupPages?: number;
}

/** What a source read covers, and what it cost; or why it could not be read. */
type Read =
  | {
      readonly answer: PrincipalActionsAnswer;
      readonly window: { readonly since: number; readonly until: number };
      /** Lower-case ARNs the answer lists (every principal: 'all'). */
      readonly covers: ReadonlySet<string> | 'all';
      readonly cost?: EvidenceCost;
      readonly regions?: readonly string[];
      readonly cut?: string;
      /** Why the window holds no event yet (the index is still reading). */
      readonly indexing?: boolean;
    }
  | { readonly failure: string }
  /** AWS is not configured: nothing is said. */
  | { readonly off: true };

interface Window {
  readonly since: number;
  readonly until: number;
}

export class TrailUsage {
  private readonly logs: BackgroundAnswer<Read>;
  private readonly warehouse: BackgroundAnswer<Read>;
  private readonly lookups = new Map<string, BackgroundAnswer<Read>>();
  /** The principals asked of a warehouse since the settings changed (lower case): its next query lists them all. */
  private readonly wanted = new Set<string>();

  constructor(private readonly o: TrailUsageOptions) {
    const now = () => this.now();
    this.logs = new BackgroundAnswer(now, o.onChange);
    this.warehouse = new BackgroundAnswer(now, o.onChange);
  }

  /**
   * The CloudTrail evidence of `principal` over `window` from `source`, as far as it is in memory:
   * undefined until a first answer comes, or when AWS is not configured for a source that needs it.
   */
  evidence(source: ActivitySource, principal: string, window: Window): TrailAnswer | undefined {
    switch (source.kind) {
      case 'logFiles':
        return this.fromLogs(source.roots, principal, window);
      case 'lookupEvents':
        return this.fromLookup(principal, window);
      default:
        return this.fromWarehouse(source, principal, window);
    }
  }

  /** An indexing run ended: the log files' answer is asked again (it serves meanwhile); true when there was one. */
  /** Resolves when every answer being fetched has come. */
  async settled(): Promise<void> {
    await Promise.all([this.logs, this.warehouse, ...this.lookups.values()].map((a) => a.settled()));
  }

  invalidate(): boolean {
    return this.logs.invalidate();
  }

  /** The settings changed (a profile, Regions, a table): AWS's sources are asked again. */
  settingsChanged(): void {
    this.warehouse.clear();
    this.lookups.clear();
    this.wanted.clear();
  }

  private fromLogs(roots: readonly string[], principal: string, window: Window): TrailAnswer | undefined {
    const folders = [...roots].sort().join('\n');
    const key = `${folders}\0${Math.floor(window.since / DAY_MS)}`;
    const read = this.logs.get(
      folders,
      key,
      () => this.readLogs(roots, window),
      () => true,
    );
    return read && this.answerOf('logFiles', principal, read);
  }

  private async readLogs(roots: readonly string[], window: Window): Promise<Read> {
    try {
      const { indexing, ...answer } = await this.o.logs.usage(roots, window);
      return { answer, window, covers: 'all', indexing };
    } catch (error) {
      // Said once: asked again when an indexing run ends or the day turns, not on every judgement.
      this.o.log(`Unused permissions: the CloudTrail log index could not be read: ${String(error)}`);
      return { failure: `the log index could not be read (${String(error)})` };
    }
  }

  private fromWarehouse(choice: WarehouseChoice, principal: string, window: Window): TrailAnswer | undefined {
    const wanted = principal.toLowerCase();
    this.wanted.add(wanted);
    const family = JSON.stringify(choice);
    const key = `${family}\0${Math.floor(window.since / DAY_MS)}`;
    const read = this.warehouse.get(
      family,
      key,
      () => this.queryWarehouse(choice, window),
      (r) => fresh(r, this.now()) && covers(r.value, wanted),
    );
    return read && covers(read.value, wanted) ? this.answerOf(choice.kind, principal, read) : undefined;
  }

  /** One query for every principal asked so far (those asked while it gathers join it). */
  private async queryWarehouse(choice: WarehouseChoice, window: Window): Promise<Read> {
    await new Promise((resolve) => setTimeout(resolve, this.o.gatherMs ?? 1000));
    const listed = this.wanted.size > MAX_LISTED_PRINCIPALS ? undefined : [...this.wanted].sort();
    return this.withAws(choice.kind, async ({ gateway, regions }) => {
      const until = this.now();
      const region = regions[0];
      const answer = await warehousePrincipalActions(
        gateway,
        warehouseSourceOf(choice),
        { since: window.since, until },
        { ...(region !== undefined && { region }), ...(listed && { principals: listed }), now: until },
      );
      const cost = { calls: answer.calls, bytesScanned: answer.bytesScanned, queryMs: answer.ms };
      const whom = listed ? `${listed.length} principal${listed.length === 1 ? '' : 's'}` : 'every principal';
      const said = `${LABELS[choice.kind]} for ${whom}: ${answer.calls} calls, ${answer.bytesScanned} bytes scanned in ${answer.ms} ms`;
      const problem = answer.problems[0];
      if (problem !== undefined) {
        this.o.log(`Unused permissions: ${said}, failed: ${problem.sentence}`);
        return { failure: problem.sentence };
      }
      this.o.log(`Unused permissions: ${said}`);
      const { principals, dataEventServices, oldest, newest } = answer;
      return {
        answer: { principals, dataEventServices, ...(oldest !== undefined && { oldest, newest }) },
        window: { since: window.since, until },
        covers: listed ? new Set(listed) : 'all',
        cost,
      };
    });
  }

  private fromLookup(principal: string, window: Window): TrailAnswer | undefined {
    if (lookupAttributeOf({ since: 0, principal })?.key !== 'Username')
      return {
        missing: {
          kind: 'cloudtrail',
          label: LABELS.lookupEvents,
          reason:
            "LookupEvents cannot ask for a role's calls (each is recorded under its session's name): set the trail's log folders (cloudwarden.activity.logFolders) or its Athena table (cloudwarden.activity.athena) to see them",
        },
      };
    const key = principal.toLowerCase();
    let cache = this.lookups.get(key);
    if (cache === undefined) this.lookups.set(key, (cache = new BackgroundAnswer(() => this.now(), this.o.onChange)));
    const since = Math.max(window.since, window.until - LOOKUP_DAYS * DAY_MS);
    const read = cache.get(
      key,
      `${key}\0${Math.floor(since / DAY_MS)}`,
      () => this.lookUp(principal, { since, until: window.until }),
      (r) => fresh(r, this.now()),
    );
    return read && this.answerOf('lookupEvents', principal, read);
  }

  private lookUp(userArn: string, window: Window): Promise<Read> {
    const pages = this.o.lookupPages ?? DEFAULT_LOOKUP_PAGES;
    return this.withAws('lookupEvents', async ({ gateway, regions }) => {
      const until = this.now();
      const read = await lookupUsage(gateway, userArn, { since: window.since, until }, { regions, maxPages: pages });
      const failures = read.problems.map((p) => p.sentence);
      this.o.log(
        `Unused permissions: ${LABELS.lookupEvents} of ${userArn}: ${read.calls} calls${read.cut.length > 0 ? `, cut in ${read.cut.join(', ')}` : ''}${failures.length > 0 ? `; ${failures.join('; ')}` : ''}`,
      );
      if (read.regions.length === 0) return { failure: failures.join('; ') || 'no Region answered' };
      return {
        answer: read.usage,
        window: { since: window.since, until },
        covers: 'all',
        cost: { calls: read.calls },
        regions: read.regions,
        ...(read.cut.length > 0 && {
          cut: `stopped after ${pages} pages in ${read.cut.join(', ')}: older calls not read`,
        }),
      };
    });
  }

  /** `ask` with the settings' gateway; AWS not configured is `off`, anything thrown a failure. */
  private async withAws(
    kind: Exclude<keyof typeof LABELS, 'logFiles'>,
    ask: (connection: AwsConnection) => Promise<Read>,
  ): Promise<Read> {
    try {
      const connection = await this.o.aws?.();
      return connection === undefined ? { off: true } : await ask(connection);
    } catch (error) {
      this.o.log(`Unused permissions: ${LABELS[kind]} failed: ${String(error)}`);
      return { failure: String(error) };
    }
  }

  /** One principal's evidence from a source's read; a read that holds no event says so. */
  private answerOf(kind: keyof typeof LABELS, principal: string, read: Answered<Read>): TrailAnswer | undefined {
    const label = LABELS[kind];
    const value = read.value;
    if ('off' in value) return undefined;
    if ('failure' in value) return { missing: { kind: 'cloudtrail', label, reason: value.failure } };
    if (value.answer.oldest === undefined)
      return {
        missing: {
          kind: 'cloudtrail',
          label,
          reason: `there is no event since ${day(value.window.since)}${value.indexing ? ' yet (the log files are being indexed)' : ''}`,
        },
      };
    return {
      evidence: cloudTrailEvidence(principal, value.answer, {
        label,
        window: value.window,
        fetchedAt: read.at,
        // LookupEvents returns management events only.
        dataEvents: kind !== 'lookupEvents',
        ...(value.regions !== undefined && { regions: value.regions }),
        ...(value.cost !== undefined && { cost: value.cost }),
        ...(value.cut !== undefined && { cut: value.cut }),
      }),
    };
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }
}

/** Whether a read answers for the principal (lower case): a failure is everyone's. */
function covers(read: Read, principal: string): boolean {
  return !('covers' in read) || read.covers === 'all' || read.covers.has(principal);
}

/** Whether a read of AWS still serves: an answer for an hour, a failure for a few minutes; log files until invalidated. */
function fresh(read: Answered<Read>, now: number): boolean {
  return now - read.at < ('failure' in read.value ? FAILURE_TTL_MS : AWS_TTL_MS);
}
