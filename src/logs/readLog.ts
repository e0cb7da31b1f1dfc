import { closeSync, constants, createReadStream, openSync, readSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import {
  RECORD_LIMIT,
  RUN_BYTES,
  RecordSplitter,
  readRecordBytes,
  readRecordRun,
  readRecordSpan,
  type ActivityEvent,
  type Normalised,
  type RecordKind,
} from '../core';
import { fileProblem } from './problems';

export interface LogFileRead {
  /** Events passed to onEvent. */
  readonly events: number;
  /** Records that were not events (normalisation said why; count them, keep the first reason). */
  readonly skipped: number;
  /** Why the first skipped record is not an event. */
  readonly skippedReason?: string;
  /** Why the file could not be read in full (what came before was still passed on). */
  readonly problem?: string;
}

interface ReadLogOptions {
  readonly signal?: AbortSignal;
  /**
   * Called after onEvent with the element the event was read from (the raw record, or a lookup-events
   * element: cloudTrailRecordOf), for a reader that wants more of a record than the event keeps
   * (the log index keeps the detections' facts of the few events a detection lists). Runs for every
   * event, so it must decide cheaply which it wants; without it, the element is dropped at once.
   */
  readonly onElement?: (event: ActivityEvent, element: unknown) => void;
}

/** The read size: large enough that per-chunk costs vanish, small enough that memory stays flat. */
const CHUNK = 256 * 1024;
const GZIP_MAGIC = [0x1f, 0x8b];
/**
 * Streams one file (gzip by its magic bytes, not by its name) through the record splitter; each event
 * gets `file` = path. Memory stays bounded whatever the file's size: a chunk, and one record in progress.
 * Never throws: what cannot be read is the answer's `problem`, in one sentence.
 */
export async function readLogFile(
  path: string,
  onEvent: (event: ActivityEvent) => void,
  options: ReadLogOptions = {},
): Promise<LogFileRead> {
  const tally = new Tally(path, onEvent, options.onElement);
  try {
    options.signal?.throwIfAborted();
    // Non-blocking: a FIFO put where a log file was listed must not hold the thread until it is written.
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    await readChunks(
      path,
      fd,
      options.signal,
      (gzip) => (tally.gzip = gzip),
      (chunk) => {
        tally.push(chunk);
        return !tally.stopped;
      },
    );
    tally.end();
  } catch (error) {
    tally.problem ??= fileProblem(error, tally.read, tally.gzip);
  }
  return tally.result();
}

/** Records of one chunk, one after another in one array, waiting to be parsed together. */
interface Run {
  bytes?: Uint8Array;
  kind?: RecordKind;
  /** Start and end of each record, in order. */
  readonly ranges: number[];
  /** Each record's byte offset in the file's JSON (for the message of a malformed one). */
  readonly offsets: number[];
}

/** The events and skipped records of one file, and its problem. */
class Tally {
  events = 0;
  skipped = 0;
  skippedReason: string | undefined;
  problem: string | undefined;
  /** Bytes of JSON read (after gunzip). */
  read = 0;
  gzip = false;
  private readonly splitter: RecordSplitter;

  constructor(
    private readonly path: string,
    private readonly onEvent: (event: ActivityEvent) => void,
    private readonly onElement: ReadLogOptions['onElement'],
  ) {
    this.splitter = new RecordSplitter(
      (bytes, start, end, offset, kind) => this.record(bytes, start, end, offset, kind),
      RECORD_LIMIT,
      (bytes, start, end, kind) => {
        // What was cut before this run comes first.
        this.flush();
        return readRecordSpan(bytes, start, end, kind, (read, element) => this.take(read, element));
      },
    );
  }

  /** A record the splitter cut out (scanned, not offered as a run). */
  private record(bytes: Uint8Array, start: number, end: number, offset: number, kind: RecordKind): void {
    // Elements of one array in one chunk are read together (readRecordRun); a line of JSON Lines, or a
    // record carried over from the chunk before (its own copy of the bytes), ends the run, and so does
    // a run's reaching RUN_BYTES (its string would be too large for V8's young generation).
    if (kind === 'lines' || bytes !== this.run.bytes || kind !== this.run.kind) this.flush();
    else if (end - this.run.ranges[0]! > RUN_BYTES) this.flush();
    if (kind === 'lines') return this.readOne(bytes, start, end, offset, kind);
    this.run.bytes = bytes;
    this.run.kind = kind;
    this.run.ranges.push(start, end);
    this.run.offsets.push(offset);
  }

  /** The records cut out of the current chunk so far, waiting to be parsed together. */
  private run: Run = { ranges: [], offsets: [] };

  /** Parses the run (one JSON.parse), or, when that fails, its records one by one to find the bad one. */
  private flush(): void {
    const { bytes, kind, ranges, offsets } = this.run;
    this.run = { ranges: [], offsets: [] };
    if (ranges.length === 0 || kind === undefined || bytes === undefined) return;
    if (readRecordRun(bytes, ranges, kind, (read, element) => this.take(read, element))) return;
    for (let i = 0; i < ranges.length && this.splitter.error === undefined; i += 2)
      this.readOne(bytes, ranges[i]!, ranges[i + 1]!, offsets[i / 2]!, kind);
  }

  private readOne(bytes: Uint8Array, start: number, end: number, offset: number, kind: RecordKind): void {
    const read = readRecordBytes(bytes, start, end, kind);
    if ('malformed' in read) this.splitter.fail(`not JSON at byte ${offset}: ${read.malformed}`);
    else this.take(read.read, read.element);
  }

  private take(read: Normalised, element: unknown): void {
    if (read.ok) {
      this.events++;
      // The event was made for this call: naming its file in place saves a copy per event.
      (read.event as { file?: string }).file = this.path;
      this.onEvent(read.event);
      if (this.onElement !== undefined) this.onElement(read.event, element);
    } else this.skip(read.reason);
  }

  /** True once the file cannot be read further (malformed JSON): the rest is not read. */
  get stopped(): boolean {
    return this.splitter.error !== undefined;
  }

  push(chunk: Uint8Array): void {
    if (this.stopped) return;
    this.read += chunk.length;
    this.splitter.push(chunk);
    // A run refers to the chunk's bytes: it is read before the next chunk comes.
    this.flush();
  }

  end(): void {
    this.splitter.end();
    this.flush();
  }

  private skip(reason: string): void {
    this.skipped++;
    this.skippedReason ??= reason;
  }

  result(): LogFileRead {
    const { oversized, error, shape } = this.splitter;
    for (let i = 0; i < oversized; i++) this.skip(`a record is larger than ${RECORD_LIMIT / 1024 / 1024} MiB`);
    const problem = this.problem ?? error ?? this.shapeProblem(shape);
    return {
      events: this.events,
      skipped: this.skipped,
      ...(this.skippedReason === undefined ? {} : { skippedReason: this.skippedReason }),
      ...(problem === undefined ? {} : { problem }),
    };
  }

  /** A file with nothing in it, or JSON with no event where a CloudTrail file would hold them. */
  private shapeProblem(shape: RecordSplitter['shape']): string | undefined {
    if (this.read === 0) return 'empty file';
    if (shape === undefined) return 'not a CloudTrail log (no Records or Events)';
    if (this.events === 0 && (shape === 'lines' || shape === 'array') && this.skipped > 0)
      return 'not a CloudTrail log (no Records or Events)';
    return undefined;
  }
}

/**
 * Passes the file's bytes, gunzipped when it is gzip (told by its first bytes, not its name, and said
 * to `onKind`), to `onChunk` as they come, until it answers false; resolves at the end, rejects with the
 * file's or gunzip's error (or onChunk's). Closes the file either way.
 *
 * The first chunk is one positioned read, which holds all of a typical CloudTrail file (tens of KB
 * compressed): its first bytes tell gzip from JSON, and only a larger file's rest needs a read stream.
 * The open, that read and the close are synchronous: files are read in the indexing workers, whose
 * thread waits for nothing else, and three trips through libuv's thread pool per file (a promise and
 * a wake-up of another thread each) cost more than the reads themselves (on the 1M-event benchmark,
 * a twentieth of the indexing time). Plain events rather than pipeline() and an async iterator: those
 * cost a promise per chunk, and an AbortController and its DOMException per file.
 */
async function readChunks(
  path: string,
  fd: number,
  signal: AbortSignal | undefined,
  onKind: (gzip: boolean) => void,
  onChunk: (chunk: Buffer) => boolean,
): Promise<void> {
  let first: Buffer;
  try {
    const head = Buffer.allocUnsafe(CHUNK);
    first = head.subarray(0, readSync(fd, head, 0, CHUNK, 0));
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const gzip = first.length >= 2 && first[0] === GZIP_MAGIC[0] && first[1] === GZIP_MAGIC[1];
  onKind(gzip);
  // The file closes with the stream of the rest, or now when the first read was all of the file.
  const rest =
    first.length === CHUNK ? createReadStream(path, { fd, highWaterMark: CHUNK, start: CHUNK, signal }) : undefined;
  if (rest === undefined) closeSync(fd);
  if (!gzip) {
    let more: boolean;
    try {
      more = first.length === 0 || onChunk(first);
    } catch (error) {
      rest?.destroy();
      throw error;
    }
    if (rest !== undefined && more) await streamed(rest, undefined, onChunk);
    else rest?.destroy();
    return;
  }
  const gunzip = createGunzip({ chunkSize: CHUNK });
  const done = streamed(gunzip, rest, onChunk);
  gunzip.write(first);
  if (rest === undefined) gunzip.end();
  else rest.pipe(gunzip);
  await done;
}

/**
 * Reads `source` to its end through onChunk (false: stop); rejects with its error or that of `file`,
 * the file's stream piped into it, when there is one. Destroys both at the end, which closes the file.
 */
function streamed(source: Readable, file: Readable | undefined, onChunk: (chunk: Buffer) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      file?.destroy();
      source.destroy();
      if (error === undefined) resolve();
      else reject(error);
    };
    file?.on('error', settle);
    source.on('error', settle);
    source.on('end', () => settle());
    source.on('data', (chunk: Buffer) => {
      try {
        if (!onChunk(chunk)) settle();
      } catch (error) {
        settle(error);
      }
    });
  });
}
