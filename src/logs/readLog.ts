import { closeSync, createReadStream, fstatSync, openSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import {
  RECORD_LIMIT,
  RecordSplitter,
  readRecordBytes,
  readRecordsFile,
  type ActivityEvent,
  type Normalised,
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

/** The read size: large enough that per-chunk costs vanish, small enough that memory stays flat. */
const CHUNK = 256 * 1024;
const GZIP_MAGIC = [0x1f, 0x8b];
/**
 * A file up to this size (CloudTrail writes files of tens of KB) is read whole and gunzipped in this
 * thread: streaming it through zlib's thread pool left the indexing workers waiting on the pool for
 * about a tenth of their time, and cost a handful of hand-offs and stream objects per file.
 */
const WHOLE_FILE = 1024 * 1024;
/** Whole-file gunzip stops past this (a zip bomb, or a file of many members) and the file is streamed. */
const WHOLE_FILE_OUTPUT = 64 * 1024 * 1024;

/**
 * Reads one file (gzip by its magic bytes, not by its name): a small one whole, a large one streamed
 * through the record splitter; each event gets `file` = path. Memory stays bounded whatever the file's
 * size: a small file's JSON, or a chunk and one record in progress.
 * Never throws: what cannot be read is the answer's `problem`, in one sentence.
 */
export async function readLogFile(
  path: string,
  onEvent: (event: ActivityEvent) => void,
  options: { signal?: AbortSignal } = {},
): Promise<LogFileRead> {
  const tally = new Tally(path, onEvent);
  try {
    options.signal?.throwIfAborted();
    const whole = wholeFile(path);
    if (whole !== undefined) {
      tally.readBytes(whole.bytes, whole.gzip);
      return tally.result();
    }
    const gzip = await isGzip(path);
    await tally.readAll(stream(path, gzip, options.signal), gzip);
  } catch (error) {
    tally.problem ??= fileProblem(error, tally.read, tally.gzip);
  }
  return tally.result();
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
  /** The file's shape when it was read whole, without the splitter. */
  private shape: RecordSplitter['shape'];
  private readonly splitter: RecordSplitter;

  constructor(
    private readonly path: string,
    private readonly onEvent: (event: ActivityEvent) => void,
  ) {
    this.splitter = new RecordSplitter((bytes, start, end, offset, kind) => {
      const read = readRecordBytes(bytes, start, end, kind);
      if ('malformed' in read) this.splitter.fail(`not JSON at byte ${offset}: ${read.malformed}`);
      else this.take(read);
    });
  }

  private take(read: Normalised): void {
    if (read.ok) {
      this.events++;
      // The event was made for this call: naming its file in place saves a copy per event.
      (read.event as { file?: string }).file = this.path;
      this.onEvent(read.event);
    } else this.skip(read.reason);
  }

  async readAll(chunks: Readable, gzip: boolean): Promise<void> {
    this.gzip = gzip;
    for await (const chunk of chunks) {
      this.read += (chunk as Buffer).length;
      this.splitter.push(chunk as Buffer);
      if (this.splitter.error !== undefined) break;
    }
    this.splitter.end();
    chunks.destroy();
  }

  /** A whole file's JSON at once. */
  readBytes(bytes: Uint8Array, gzip: boolean): void {
    this.gzip = gzip;
    this.read = bytes.length;
    if (readRecordsFile(bytes, (read) => this.take(read))) this.shape = 'records';
    else {
      this.splitter.push(bytes);
      this.splitter.end();
    }
  }

  private skip(reason: string): void {
    this.skipped++;
    this.skippedReason ??= reason;
  }

  result(): LogFileRead {
    const { oversized, error, shape } = this.splitter;
    for (let i = 0; i < oversized; i++) this.skip(`a record is larger than ${RECORD_LIMIT / 1024 / 1024} MiB`);
    const problem = this.problem ?? error ?? this.shapeProblem(this.shape ?? shape);
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
 * A small file's JSON (gunzipped when it is gzip), or undefined for a large file or any failure: the
 * stream then reads it again, and its problem, said the streaming way, passes on what came before it.
 * Read synchronously: for a file of tens of KB the promise API's file handle, stat and chunks cost more
 * than the read (the indexing worker has nothing else to do meanwhile).
 */
function wholeFile(path: string): { bytes: Uint8Array; gzip: boolean } | undefined {
  let raw: Buffer;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    if (fstatSync(fd).size > WHOLE_FILE) return undefined;
    raw = readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const gzip = raw.length >= 2 && raw[0] === GZIP_MAGIC[0] && raw[1] === GZIP_MAGIC[1];
  if (!gzip) return { bytes: raw, gzip };
  try {
    return { bytes: gunzipSync(raw, { maxOutputLength: WHOLE_FILE_OUTPUT }), gzip };
  } catch {
    return undefined;
  }
}

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  } finally {
    await handle.close();
  }
}

/** The file's bytes, gunzipped when it is gzip; an error of the file reaches the reader either way. */
function stream(path: string, gzip: boolean, signal: AbortSignal | undefined): Readable {
  const file = createReadStream(path, { highWaterMark: CHUNK, signal });
  if (!gzip) return file;
  // pipeline, not pipe: the file is closed when the reader stops early or gunzip fails.
  return pipeline(file, createGunzip({ chunkSize: CHUNK }), () => undefined);
}
