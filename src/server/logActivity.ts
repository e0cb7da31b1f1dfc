import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LogIndex } from '../logs';
import {
  untilAborted,
  type ActivityQuery,
  type ActivitySnapshot,
  type DayCount,
  type ActivityEvent,
  type DetectionFacts,
  type Hit,
  type PrincipalActionsAnswer,
  type PrincipalWindow,
  type ResourceUseAnswer,
  type TallyOptions,
} from '../core';
import type { LogIndexProgressNotification } from '../shared/protocol';

/** The answer of the log files: a snapshot, with how many events match in all. */
export type LogAnswer = ActivitySnapshot & {
  readonly unreadable: readonly { readonly file: string; readonly reason: string }[];
  /** Every event that matches; `events` holds the newest of them. */
  readonly total: number;
  /** Every matching event counted by day, when `events` holds only the newest. */
  readonly days?: readonly DayCount[];
  /** The detection facts of the returned events that have any, by event id. */
  readonly facts?: Readonly<Record<string, DetectionFacts>>;
};

interface Opened {
  /** The roots, sorted and joined: the index they share. */
  readonly key: string;
  readonly roots: readonly string[];
  readonly index: Promise<LogIndex>;
  run?: { readonly id: number; readonly controller: AbortController; readonly done: Promise<string> };
  /** When the folders were last listed for new files (epoch ms). */
  checkedAt: number;
}

/** The folders are listed again for new files at most this often (a hover asks at each landing). */
const RECHECK_MS = 60_000;

/**
 * CloudTrail activity from log folders: one on-disk index per set of folders (in the client's storage
 * folder), brought up to date in worker threads when the folders have new or changed files, queried in
 * milliseconds meanwhile (what is indexed so far answers; the progress notification says the rest is
 * coming). A run is cancelled from the notification and resumes at the next one; nothing is re-read.
 */
export class LogActivity {
  private opened: Opened | undefined;
  private storage: string | undefined;
  private nextRun = 1;

  constructor(
    private readonly options: {
      /** The bundled worker beside the server (dist/logWorker.js). */
      readonly workerScript?: string;
      readonly progress: (params: LogIndexProgressNotification.Params) => void;
      readonly log: (message: string) => void;
      /** An indexing run ended (what the index answers may have changed). */
      readonly onRunEnd?: () => void;
      readonly now?: () => number;
    },
  ) {}

  /** The client's storage folder (indexes live below it); without one, the system's temporary folder. */
  useStorage(folder: string | undefined): void {
    this.storage = folder;
  }

  /** Whether an indexing run is going on (the hover says the answer is partial). */
  get indexing(): boolean {
    return this.opened?.run !== undefined;
  }

  /**
   * The events of the log files that answer `query`, newest first up to `limit`: from the index as it is
   * now (a hover), or, when `complete`, once the files found new are indexed too (a timeline waits, with
   * the progress notification; its cancellation stops the wait, not the indexing).
   */
  async answer(
    roots: readonly string[],
    query: ActivityQuery,
    limit: number,
    options: {
      readonly complete?: boolean;
      readonly signal?: AbortSignal;
      /** With the detection facts of the events (an investigation's); a hover or a timeline reads none. */
      readonly facts?: boolean;
    } = {},
  ): Promise<LogAnswer> {
    const opened = this.open(roots);
    const empty = {
      events: [],
      total: 0,
      unreadable: [],
      truncated: [],
      fetchedAt: this.now(),
      source: 'logFiles' as const,
    };
    try {
      const index = await opened.index;
      const run = this.refresh(opened);
      if (options.complete && run) await untilAborted(run, options.signal);
      const read = options.facts ? index.query(query, { limit, facts: true }) : undefined;
      const { events, total, unreadable } = read ?? index.query(query, { limit });
      // The timeline draws what it does not list from the counts by day (the index reads no event for them).
      const days = total > events.length ? index.countsByDay(query).days : undefined;
      const facts = read && factsById(events, read.factsOf);
      return { ...empty, events, total, unreadable, problems: [], ...(facts && { facts }), ...(days && { days }) };
    } catch (error) {
      // The request was cancelled (the timeline closed): the indexing goes on, nothing is wrong.
      if (options.signal?.aborted) throw error;
      // The index folder cannot be made or read (a full disk, no permission): said, and asked again later.
      if (this.opened === opened) this.opened = undefined;
      const reason = error instanceof Error ? error.message : String(error);
      return {
        ...empty,
        problems: [{ kind: 'unknown', sentence: `The CloudTrail log index could not be read: ${reason}` }],
      };
    }
  }

  /**
   * Every detection over every indexed event of the window (the index merges its segments by time), once
   * the files found new are indexed too; what could not be read is listed.
   */
  async detect(
    roots: readonly string[],
    window: { readonly since: number; readonly until?: number },
    signal?: AbortSignal,
  ): Promise<{
    hits: Hit[];
    hitEvents: ActivityEvent[];
    events: number;
    unreadable: readonly { file: string; reason: string }[];
  }> {
    const opened = this.open(roots);
    const index = await opened.index;
    const run = this.refresh(opened);
    if (run) await untilAborted(run, signal);
    const { hits, hitEvents, events, unreadable } = index.detect(window);
    return { hits, hitEvents, events, unreadable };
  }

  /**
   * The actions each principal used and was refused in the window, from the index as it is now (an
   * indexing run it starts, when the folders were not looked at for a while, ends with onRunEnd).
   */
  async usage(
    roots: readonly string[],
    window: { since: number; until: number },
  ): Promise<PrincipalActionsAnswer & { readonly indexing: boolean }> {
    const opened = this.open(roots);
    const index = await opened.index;
    void this.refresh(opened);
    return { ...index.principalActions(window), indexing: opened.run !== undefined };
  }

  /**
   * One principal's actions with the ARNs its calls named, once the files found new are indexed too (a
   * generated policy is of every file; the progress notification shows the run). Cancelling stops the
   * wait, not the indexing.
   */
  async resourceUse(
    roots: readonly string[],
    query: PrincipalWindow,
    options: TallyOptions & { readonly signal?: AbortSignal } = {},
  ): Promise<ResourceUseAnswer & { readonly unreadable: readonly { readonly file: string }[] }> {
    const { signal, ...tally } = options;
    const opened = this.open(roots);
    const index = await opened.index;
    const run = this.refresh(opened);
    if (run) await untilAborted(run, signal);
    return index.principalResources(query, tally);
  }

  /** Reads new and changed files now (the index command); resolves with what the run did. */
  async indexNow(roots: readonly string[]): Promise<string> {
    const opened = this.open(roots);
    await opened.index;
    return this.refresh(opened, true) ?? opened.run?.done ?? 'No log folders to index.';
  }

  /** The progress notification's Cancel. */
  cancel(id: number): void {
    if (this.opened?.run?.id === id) this.opened.run.controller.abort();
  }

  /** Stops a running update (the server shuts down); the index keeps what was committed. */
  async dispose(): Promise<void> {
    const run = this.opened?.run;
    run?.controller.abort();
    await run?.done;
  }

  /** The index of these roots, opened once; other roots close the previous one (its run is cancelled). */
  private open(roots: readonly string[]): Opened {
    const sorted = [...new Set(roots)].sort();
    const key = sorted.join('\n');
    if (this.opened?.key === key) return this.opened;
    this.opened?.run?.controller.abort();
    const dir = path.join(
      this.storage ?? path.join(tmpdir(), 'cloudwarden'),
      'cloudtrail-index',
      createHash('sha256').update(key).digest('hex').slice(0, 16),
    );
    const index = LogIndex.open(dir, sorted, {
      ...(this.options.workerScript !== undefined && { workerScript: this.options.workerScript }),
    });
    index.then(
      (i) => i.takeMessages().forEach((m) => this.options.log(m)),
      (error: unknown) => this.options.log(`The CloudTrail log index could not be opened: ${String(error)}`),
    );
    this.opened = { key, roots: sorted, index, checkedAt: 0 };
    return this.opened;
  }

  /**
   * Starts an update when none runs and the folders were not listed for a while (or `force`); returns
   * the run's ending sentence. Runs one at a time; progress goes to the client as notifications.
   */
  private refresh(opened: Opened, force = false): Promise<string> | undefined {
    if (opened.run) return opened.run.done;
    const now = this.now();
    if (!force && now - opened.checkedAt < RECHECK_MS) return undefined;
    opened.checkedAt = now;
    const id = this.nextRun++;
    const controller = new AbortController();
    const done = this.update(opened, id, controller.signal).finally(() => {
      if (opened.run?.id === id) delete opened.run;
      this.options.onRunEnd?.();
    });
    opened.run = { id, controller, done };
    return done;
  }

  private async update(opened: Opened, id: number, signal: AbortSignal): Promise<string> {
    const index = await opened.index;
    let begun = false;
    let last = { files: 0, totalFiles: 0, events: 0 };
    const send = (state: 'begin' | 'report' | 'end', message?: string) =>
      this.options.progress({ id, state, ...last, ...(message !== undefined && { message }) });
    try {
      const result = await index.update({
        signal,
        onProgress: (p) => {
          last = { files: p.files, totalFiles: p.totalFiles, events: p.events };
          if (p.totalFiles === 0) return;
          send(begun ? 'report' : 'begin');
          begun = true;
        },
      });
      result.messages.forEach((m) => this.options.log(m));
      const sentence = endSentence(result.filesRead, result.events, signal.aborted, opened.roots);
      if (begun) send('end', sentence);
      return sentence;
    } catch (error) {
      if (signal.aborted) {
        const sentence = endSentence(last.files, last.events, true, opened.roots);
        if (begun) send('end', sentence);
        return sentence;
      }
      const sentence = `Indexing the CloudTrail log files failed: ${error instanceof Error ? error.message : String(error)}`;
      this.options.log(sentence);
      if (begun) send('end', sentence);
      return sentence;
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

function endSentence(files: number, events: number, cancelled: boolean, roots: readonly string[]): string {
  const read = `${files.toLocaleString('en-US')} new file${files === 1 ? '' : 's'} (${events.toLocaleString('en-US')} events)`;
  if (cancelled) return `Indexing cancelled after ${read}; the rest is read the next time.`;
  if (files === 0) return `The index of ${roots.join(', ')} is up to date.`;
  return `Indexed ${read} of ${roots.join(', ')}.`;
}

/** The facts of the events that have any, by event id (JSON, as answers are kept). */
function factsById(
  events: readonly ActivityEvent[],
  factsOf: (event: ActivityEvent) => DetectionFacts | undefined,
): Record<string, DetectionFacts> {
  const facts: Record<string, DetectionFacts> = {};
  for (const event of events) {
    const found = factsOf(event);
    if (found !== undefined) facts[event.eventId] = found;
  }
  return facts;
}
