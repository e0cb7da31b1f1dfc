import { readFileSync } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import {
  countsByDay,
  DETECTIONS,
  inTimeOrder,
  runDetections,
  type ActivityEvent,
  type Detection,
  type DetectionFacts,
  type Hit,
  principalActions,
  principalResources,
  queryEvents,
  Segment,
  SegmentError,
  type ActivityQuery,
  type DayCount,
  type IndexedEvents,
  type PrincipalActionsAnswer,
  type Position,
  type PrincipalWindow,
  type ResourceUseAnswer,
  type TallyOptions,
} from '../core';
import { findLogFiles, type UnreadableFile } from './files';
import {
  emptyManifest,
  MANIFEST_FILE,
  readManifest,
  writeManifest,
  type Manifest,
  type SegmentEntry,
} from './manifest';
import { batchesOf, planUpdate, type UpdatePlan } from './plan';
import { runBatches } from './workerPool';

export interface LogIndexOptions {
  /**
   * The bundled worker (dist/logWorker.js); without it the files are read in this thread, which each
   * file's open and first read block (readLog.ts).
   */
  readonly workerScript?: string;
  /** Worker threads; os.availableParallelism() by default. */
  readonly parallelism?: number;
  /** Compressed log bytes per segment (default 2 MB: about 12,000 events; a worker holds one batch). */
  readonly batchBytes?: number;
  readonly signal?: AbortSignal;
}

interface IndexProgress {
  readonly files: number;
  readonly totalFiles: number;
  readonly events: number;
  readonly bytes: number;
  readonly totalBytes: number;
}

interface IndexUpdate {
  readonly filesRead: number;
  readonly events: number;
  /** What was wrong with the index folder and done about it. */
  readonly messages: readonly string[];
}

/** Events with the look-up of their detection facts (the few that have any). */
interface WithFacts {
  readonly factsOf: (event: ActivityEvent) => DetectionFacts | undefined;
}

/** Every detection over the indexed events of a window. */
interface Detected {
  readonly hits: Hit[];
  /** The events the hits name, each once (every other event was dropped as the run passed it). */
  readonly hitEvents: ActivityEvent[];
  /** Events the detections read (every indexed event in the window). */
  readonly events: number;
  /** Records of the indexed files that are not events: how many, and why the first is not one. */
  readonly skipped: { readonly records: number; readonly firstReason?: string };
}

/** Every answer lists the files read only in part or not at all. */
interface Unreadable {
  readonly unreadable: readonly UnreadableFile[];
}

const DEFAULT_BATCH_BYTES = 2 * 1024 * 1024;

/**
 * CloudTrail log folders indexed on disk: a manifest of which log files (path, size, mtime) each segment
 * holds, and the segments. Opening reads the manifest and stats the log files; segments are read on the
 * first query. An update reads only new and changed files, in worker threads, committing the manifest
 * after each segment, so a cancelled or crashed run resumes where it stopped.
 */
export class LogIndex {
  private manifest: Manifest;
  private plan: UpdatePlan;
  private listingProblems: readonly UnreadableFile[];
  private readonly loaded = new Map<string, Segment>();
  private messages: string[];
  /** The manifest's last write, which the next waits for (commit). */
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly dir: string,
    private readonly roots: readonly string[],
    private readonly options: LogIndexOptions,
    state: { manifest: Manifest; plan: UpdatePlan; unreadable: readonly UnreadableFile[]; messages: string[] },
  ) {
    this.manifest = state.manifest;
    this.plan = state.plan;
    this.listingProblems = state.unreadable;
    this.messages = state.messages;
  }

  /** Opens (or creates) the index of `roots` in `dir`; an unusable index is cleared, with a message. */
  static async open(dir: string, roots: readonly string[], options: LogIndexOptions = {}): Promise<LogIndex> {
    await mkdir(dir, { recursive: true });
    const messages: string[] = [];
    let manifest = await readManifest(dir);
    if (typeof manifest === 'string') {
      messages.push(`The log index in ${dir} is rebuilt: ${manifest}.`);
      manifest = emptyManifest();
    }
    manifest ??= emptyManifest();
    manifest = await withoutMissingSegments(dir, manifest, messages);
    await removeStrays(dir, manifest);
    const { files, unreadable } = await findLogFiles(roots, { signal: options.signal });
    const plan = planUpdate(manifest.segments, files);
    return new LogIndex(dir, roots, options, { manifest, plan, unreadable, messages });
  }

  /** What an update would read now. */
  get pending(): { readonly files: number; readonly bytes: number } {
    return { files: this.plan.read.length, bytes: sum(this.plan.read, (f) => f.size) };
  }

  /** Reads new and changed files into new segments; cancelled by the signal, resumable by calling again. */
  async update(
    options: { signal?: AbortSignal; onProgress?: (progress: IndexProgress) => void } = {},
  ): Promise<IndexUpdate> {
    const { signal, onProgress } = options;
    const { files, unreadable } = await findLogFiles(this.roots, { signal });
    this.listingProblems = unreadable;
    this.plan = planUpdate(this.manifest.segments, files);
    await this.commit(this.plan.keep, this.plan.drop);
    const total = { files: this.plan.read.length, bytes: sum(this.plan.read, (f) => f.size) };
    const progress = { files: 0, events: 0, bytes: 0 };
    const jobs = batchesOf(this.plan.read, this.options.batchBytes ?? DEFAULT_BATCH_BYTES).map((batch) => ({
      dir: this.dir,
      files: batch,
    }));
    const parallelism = this.options.parallelism ?? availableParallelism();
    // Said at once, before the first batch ends: a progress notification opens when the reading starts.
    if (total.files > 0) onProgress?.({ ...progress, totalFiles: total.files, totalBytes: total.bytes });
    await runBatches(jobs, { workerScript: this.options.workerScript, parallelism, signal }, async (entry) => {
      await this.commit([...this.manifest.segments, entry], []);
      progress.files += entry.files.length;
      progress.events += entry.events;
      progress.bytes += sum(entry.files, (f) => f.size);
      onProgress?.({ ...progress, totalFiles: total.files, totalBytes: total.bytes });
    });
    this.plan = { keep: this.manifest.segments, drop: [], read: [] };
    const messages = this.messages;
    this.messages = [];
    return { filesRead: progress.files, events: progress.events, messages };
  }

  /**
   * The events that answer the query, newest first up to `limit`, with the total count; with `facts`,
   * the look-up of their detection facts too (what runDetections takes beside the events).
   */
  query(query: ActivityQuery, options: { limit: number; facts: true }): IndexedEvents & Unreadable & WithFacts;
  query(query: ActivityQuery, options: { limit: number; facts?: boolean }): IndexedEvents & Unreadable;
  query(
    query: ActivityQuery,
    options: { limit: number; facts?: boolean },
  ): IndexedEvents & Unreadable & Partial<WithFacts> {
    const { events, total, facts } = queryEvents(this.segments(), query, options.limit, { facts: options.facts });
    const answer = { events, total, unreadable: this.unreadable() };
    if (facts === undefined) return answer;
    const byEvent = new Map<ActivityEvent, DetectionFacts>();
    events.forEach((event, i) => facts[i] !== undefined && byEvent.set(event, facts[i] as DetectionFacts));
    return { ...answer, factsOf: (event: ActivityEvent) => byEvent.get(event) };
  }

  /**
   * Every detection over every indexed event of the window, in time order (the segments' events merged
   * by time, as stream detections need), each event decoded as the detections reach it and dropped
   * after: a million events are never held at once. Hits in the order of their events.
   */
  detect(
    window: { readonly since: number; readonly until?: number },
    detections: readonly Detection[] = DETECTIONS,
  ): Detected & Unreadable {
    let events = 0;
    // The event last decoded and where it is: runDetections asks for an event's facts while it holds it.
    let current: ActivityEvent | undefined;
    let at: Position | undefined;
    const segments = this.segments();
    function* decoded(): Generator<ActivityEvent> {
      for (const position of inTimeOrder(segments, window)) {
        current = position.segment.event(position.ordinal);
        at = position;
        events++;
        yield current;
      }
    }
    const factsOf = (event: ActivityEvent): DetectionFacts | undefined =>
      event === current && at !== undefined
        ? (at.segment.factsOf(at.ordinal) as DetectionFacts | undefined)
        : undefined;
    // The events hits name, kept as the run passes them (the others are dropped).
    const hitEvents = new Map<string, ActivityEvent>();
    const hits = runDetections(decoded(), factsOf, detections, (hit, event) => hitEvents.set(hit.eventId, event));
    return { hits, hitEvents: [...hitEvents.values()], events, skipped: this.skipped(), unreadable: this.unreadable() };
  }

  countsByDay(query: ActivityQuery): { readonly days: DayCount[] } & Unreadable {
    return { days: countsByDay(this.segments(), query), unreadable: this.unreadable() };
  }

  principalActions(window: { since: number; until?: number }): PrincipalActionsAnswer & Unreadable {
    return { ...principalActions(this.segments(), window), unreadable: this.unreadable() };
  }

  /**
   * One principal's actions in the window with the ARNs its calls named (capped; names made ARNs by the
   * options' namer), and its refusals.
   */
  principalResources(query: PrincipalWindow, options: TallyOptions = {}): ResourceUseAnswer & Unreadable {
    return { ...principalResources(this.segments(), query, options), unreadable: this.unreadable() };
  }

  /** Messages about the index folder not yet returned by an update (a rebuild, a corrupt segment). */
  takeMessages(): string[] {
    const messages = this.messages;
    this.messages = [];
    return messages;
  }

  /** The segments, each read the first time a query needs it; a corrupt one is dropped for re-reading. */
  private segments(): Segment[] {
    const out: Segment[] = [];
    const corrupt: SegmentEntry[] = [];
    for (const entry of this.manifest.segments) {
      let segment = this.loaded.get(entry.name);
      if (segment === undefined) {
        try {
          segment = Segment.open(readFileSync(path.join(this.dir, entry.name)));
          this.loaded.set(entry.name, segment);
        } catch (error) {
          const reason = error instanceof SegmentError ? error.message : (error as Error).message;
          this.messages.push(`The log index in ${this.dir} rebuilds a segment: ${reason}.`);
          corrupt.push(entry);
          continue;
        }
      }
      out.push(segment);
    }
    if (corrupt.length > 0) this.forget(corrupt);
    return out;
  }

  /** Drops segments from the manifest in memory; the next update re-reads their files and commits. */
  private forget(segments: readonly SegmentEntry[]): void {
    const gone = new Set(segments.map((s) => s.name));
    this.manifest = { ...this.manifest, segments: this.manifest.segments.filter((s) => !gone.has(s.name)) };
  }

  private async commit(segments: readonly SegmentEntry[], dropped: readonly SegmentEntry[]): Promise<void> {
    this.manifest = { ...this.manifest, segments };
    // One write after another: two batches' commits overlap, and the later manifest must be the one
    // left on disk (renames racing could leave the earlier, which forgets a segment).
    const manifest = this.manifest;
    const write = this.writing.then(() => writeManifest(this.dir, manifest));
    this.writing = write.catch(() => undefined);
    await write;
    for (const segment of dropped) {
      this.loaded.delete(segment.name);
      await rm(path.join(this.dir, segment.name), { force: true });
    }
  }

  private unreadable(): UnreadableFile[] {
    const partial = this.manifest.segments.flatMap((s) =>
      s.files.flatMap((f) => (f.problem === undefined ? [] : [{ file: f.path, reason: partly(f.problem, f.events) }])),
    );
    return [...this.listingProblems, ...partial];
  }

  /** The indexed files' records that are not events, and the first file's reason. */
  private skipped(): Detected['skipped'] {
    let records = 0;
    let firstReason: string | undefined;
    for (const f of this.manifest.segments.flatMap((s) => s.files)) {
      records += f.skipped;
      firstReason ??= f.skippedReason;
    }
    return { records, ...(firstReason !== undefined && { firstReason }) };
  }
}

/** Segments whose file is missing or of another size are dropped (their log files are read again). */
async function withoutMissingSegments(dir: string, manifest: Manifest, messages: string[]): Promise<Manifest> {
  const present: SegmentEntry[] = [];
  for (const segment of manifest.segments) {
    const size = await stat(path.join(dir, segment.name)).then(
      (s) => s.size,
      () => -1,
    );
    if (size === segment.bytes) present.push(segment);
    else
      messages.push(
        `The log index in ${dir} rebuilds a segment: ${segment.name} is ${size < 0 ? 'missing' : 'truncated'}.`,
      );
  }
  return present.length === manifest.segments.length ? manifest : { ...manifest, segments: present };
}

/** Segment files no manifest names: from a run cancelled or crashed mid-batch, or an older index. */
async function removeStrays(dir: string, manifest: Manifest): Promise<void> {
  const named = new Set(manifest.segments.map((s) => s.name));
  for (const name of await readdir(dir)) {
    if (name === MANIFEST_FILE || named.has(name)) continue;
    if (name.endsWith('.seg') || name.endsWith('.tmp')) await rm(path.join(dir, name), { force: true });
  }
}

/** A file's problem, saying so when the events before it were read (the answers are partial). */
function partly(problem: string, events: number): string {
  if (events === 0) return problem;
  return `${problem} (read in part: its first ${events.toLocaleString('en-US')} event${events === 1 ? '' : 's'} are included)`;
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  return items.reduce((n, item) => n + of(item), 0);
}
