import { ByteScanner, CLOSE_BRACE, CLOSE_BRACKET, OPEN_BRACE, OPEN_BRACKET, QUOTE, byteName, isSpace } from './bytes';

/**
 * Where a record came from: an element of a CloudTrail file's `Records`, of a `lookup-events` export's
 * `Events`, of a bare top-level array, or a top-level object of JSON Lines (or objects one after another).
 */
export type RecordKind = 'records' | 'events' | 'array' | 'lines';

/**
 * A record's bytes: `bytes[start..end)`, which the callee must not keep (the splitter reuses nothing, but
 * a chunk's bytes belong to the stream). `offset` is the record's first byte in the whole input.
 */
export type OnRecord = (bytes: Uint8Array, start: number, end: number, offset: number, kind: RecordKind) => void;

/**
 * Offered a run of whole elements of one array, `bytes[start..end)`, separated by commas, without the
 * splitter having looked inside them: the callee parses the run as one JSON array (with `[` and `]`
 * around it) and takes its values, or answers false, having taken nothing, when it does not parse; the
 * splitter then reads those bytes the careful way, record by record.
 */
export type OnRun = (bytes: Uint8Array, start: number, end: number, kind: RecordKind) => boolean;

/**
 * The size of run the splitter offers. Its text becomes one string on V8's heap, and one longer than
 * about 128 KB goes to the large-object space, fresh pages from the kernel each time (on the 1M-event
 * benchmark, most of the indexing's page faults and a sixth of its CPU time).
 */
export const RUN_BYTES = 48 * 1024;

/** CloudTrail caps an event at 256 KB; a record past this is skipped, never held whole. */
export const RECORD_LIMIT = 2 * 1024 * 1024;

type Mode =
  | 'top' // between top-level values
  | 'key-or-close' // just inside a top-level object
  | 'key' // expecting a key (after a comma)
  | 'key-text' // inside a key's string
  | 'colon'
  | 'member' // expecting a member's value
  | 'after-member' // expecting `,` or `}`
  | 'element-or-close' // just inside a records array
  | 'element' // expecting an element (after a comma)
  | 'after-element' // expecting `,` or `]`
  | 'value' // inside a nested value (object or array)
  | 'string-value' // inside a string value
  | 'scalar' // inside a number, true, false or null
  | 'stopped';

const BOM = [0xef, 0xbb, 0xbf];

/** The names of the top-level keys whose array holds records. */
const ARRAY_KEYS: ReadonlyMap<string, RecordKind> = new Map([
  ['Records', 'records'],
  ['Events', 'events'],
]);

/**
 * Cuts a stream of JSON bytes into its CloudTrail records without parsing them: fed chunks in order, it
 * follows strings (with escapes), nesting depth and the top-level shape, and hands each record's bytes to
 * `onRecord` as a range of the chunk, or of a copy when a record spans chunks (only that record's bytes
 * are held). A record over the limit is counted in `oversized` and dropped as it is read. Malformed
 * structure stops the splitter with `error` naming the byte offset; records before it were handed on.
 * What it does not check inside a record (a missing comma), JSON.parse of the record does.
 */
export class RecordSplitter {
  /** The first shape met (a file holds one). */
  shape: RecordKind | undefined;
  /** Records skipped for being over the limit. */
  oversized = 0;
  /** Why the input stopped being read, with the byte offset. */
  error: string | undefined;
  /** The most bytes held at once for a record in progress. */
  maxBuffered = 0;

  private readonly scanner = new ByteScanner();
  private mode: Mode = 'top';
  /** Where `value`, `string-value` and `scalar` return: the object's members, or the array's elements. */
  private parent: 'member' | 'element' = 'element';
  /** The array's kind while in one; undefined in a top-level object's members. */
  private arrayKind: RecordKind | undefined;
  /** The array is a bare top-level array (its end returns to the top, not to the object's members). */
  private bareArray = false;
  /** The top-level object has a records array (else it is a record itself, a line of JSON Lines). */
  private document = false;
  private key: number[] = [];
  /** Until this offset records are scanned, not offered as runs (a run there did not parse). */
  private scanUntil = 0;
  private consumed = 0;

  /** The record in progress: its first byte's offset, its pieces from earlier chunks, their size. */
  private retaining = false;
  private retainFrom = 0;
  private recordOffset = 0;
  private pieces: Uint8Array[] = [];
  private held = 0;
  private tooLarge = false;

  /**
   * @param onRun when given, runs of records are offered to it before they are scanned (see OnRun and
   * `run` below); without it every record goes to `onRecord`.
   */
  constructor(
    private readonly onRecord: OnRecord,
    private readonly limit = RECORD_LIMIT,
    private readonly onRun?: OnRun,
  ) {}

  /** The bytes held for a record in progress. */
  get buffered(): number {
    return this.held;
  }

  /** Stops with this reason (the caller found a record that is not JSON, say); nothing more is read. */
  fail(reason: string): void {
    this.error ??= reason;
    this.mode = 'stopped';
    this.dropRecord();
  }

  push(chunk: Uint8Array): void {
    if (this.mode === 'stopped') return;
    this.retainFrom = 0;
    let i = 0;
    while (i < chunk.length) i = this.step(chunk, i);
    if (this.retaining) this.keep(chunk.slice(this.retainFrom));
    this.consumed += chunk.length;
  }

  /** The input has ended: an unfinished value is an error (a truncated file). */
  end(): void {
    if (this.mode === 'stopped' || this.mode === 'top') return;
    this.fail(`not JSON at byte ${this.consumed}: the text ends before its last value is closed`);
  }

  private step(b: Uint8Array, i: number): number {
    switch (this.mode) {
      case 'value':
        return this.inValue(b, i);
      case 'string-value':
        return this.inString(b, i);
      case 'scalar':
        return this.inScalar(b, i);
      case 'key-text':
        return this.inKey(b, i);
      case 'stopped':
        return b.length;
      default:
        return this.between(b, i);
    }
  }

  /** Outside any value: whitespace and punctuation, one byte at a time (there are few). */
  private between(b: Uint8Array, i: number): number {
    const c = b[i]!;
    if (isSpace(c)) return i + 1;
    switch (this.mode) {
      case 'top':
        return this.topLevel(i, c);
      case 'key-or-close':
        if (c === CLOSE_BRACE) return this.closeObject(b, i);
        return this.expectKey(i, c);
      case 'key':
        return this.expectKey(i, c);
      case 'colon':
        if (c !== 0x3a) return this.unexpected(i, c, "':'");
        this.mode = 'member';
        return i + 1;
      case 'member':
        return this.memberValue(i, c);
      case 'after-member':
        if (c === 0x2c) this.mode = 'key';
        else if (c === CLOSE_BRACE) return this.closeObject(b, i);
        else return this.unexpected(i, c, "',' or '}'");
        return i + 1;
      case 'element-or-close':
        if (c === CLOSE_BRACKET) return this.closeArray(i);
        return this.run(b, i) ?? this.startValue(i, c, 'element');
      case 'element':
        return this.run(b, i) ?? this.startValue(i, c, 'element');
      case 'after-element':
        if (c === 0x2c) this.mode = 'element';
        else if (c === CLOSE_BRACKET) return this.closeArray(i);
        else return this.unexpected(i, c, "',' or ']'");
        return i + 1;
      default:
        return this.unexpected(i, c, 'a value');
    }
  }

  private topLevel(i: number, c: number): number {
    // A UTF-8 byte order mark, which some editors write, at the very start.
    if (this.consumed + i < 3 && c === BOM[this.consumed + i]) return i + 1;
    if (c === OPEN_BRACE) {
      this.document = false;
      this.arrayKind = undefined;
      this.startRecord(i);
      this.mode = 'key-or-close';
      return i + 1;
    }
    if (c === OPEN_BRACKET) return this.openArray(i, 'array', true);
    if (c === QUOTE || c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e)
      return this.stop(
        `not a CloudTrail log (no Records or Events): a JSON ${c === QUOTE ? 'string' : 'value'} at byte ${this.consumed + i}`,
      );
    return this.unexpected(i, c, "'{' or '['");
  }

  /**
   * The fast way through an array of compact records (CloudTrail writes `},{` between them): the last
   * `},{` within RUN_BYTES of this element's start that is followed by this element's own first key
   * (`{"eventVersion":` in CloudTrail's files) is taken as the end of a run, and the run is offered to
   * onRun, which parses it as one JSON array. A bare `},{` is no guide: a record's resources[] holds
   * them too, and one cut there cost a failed parse and a scan of the whole run (one run in 22 on the
   * 1M-event benchmark); a bare `},{` is used only when no element opens like this one.
   *
   * The guess cannot be wrong when the parse succeeds: JSON reads one way only, so if `[` + these bytes
   * + `]` is a whole array, the cut falls where a careful scan would end an element (a cut inside a
   * string or a nested value leaves one open, and the parse fails). On success the splitter resumes
   * after the run, on the comma; undefined otherwise (a record spans the chunk's end, no cut found, the
   * parse failed): the records are scanned.
   */
  private run(b: Uint8Array, i: number): number | undefined {
    if (this.onRun === undefined || b[i] !== OPEN_BRACE || this.arrayKind === undefined) return undefined;
    if (this.consumed + i < this.scanUntil) return undefined;
    const end = runEnd(b, i);
    if (end === undefined) return undefined;
    if (!this.onRun(b, i, end, this.arrayKind)) {
      // Scanned now, not offered again: a bad record, or `},{` in strings everywhere, costs one parse.
      this.scanUntil = this.consumed + end;
      return undefined;
    }
    this.mode = 'after-element';
    return end;
  }

  private expectKey(i: number, c: number): number {
    if (c !== QUOTE) return this.unexpected(i, c, 'a key');
    this.key = [];
    this.mode = 'key-text';
    return i + 1;
  }

  /** A key's bytes, kept only while it could still be `Records` or `Events`. */
  private inKey(b: Uint8Array, i: number): number {
    const close = this.scanner.closingQuote(b, i);
    const end = close < 0 ? b.length : close;
    if (this.key.length + end - i <= 8) for (let k = i; k < end; k++) this.key.push(b[k]!);
    else this.key = [0];
    if (close < 0) return b.length;
    this.mode = 'colon';
    return close + 1;
  }

  private memberValue(i: number, c: number): number {
    const kind = c === OPEN_BRACKET ? ARRAY_KEYS.get(String.fromCharCode(...this.key)) : undefined;
    if (kind === undefined) return this.startValue(i, c, 'member');
    // A CloudTrail file (or an export): the object is a container, not a record.
    this.document = true;
    this.dropRecord();
    return this.openArray(i, kind, false);
  }

  private openArray(i: number, kind: RecordKind, bare: boolean): number {
    this.shape ??= kind;
    this.arrayKind = kind;
    this.bareArray = bare;
    this.mode = 'element-or-close';
    return i + 1;
  }

  private closeArray(i: number): number {
    this.mode = this.bareArray ? 'top' : 'after-member';
    this.arrayKind = undefined;
    return i + 1;
  }

  /** The end of a top-level object: a container's end, or a record of its own (JSON Lines). */
  private closeObject(b: Uint8Array, i: number): number {
    this.mode = 'top';
    if (this.document) return i + 1;
    this.shape ??= 'lines';
    this.finishRecord(b, i + 1, 'lines');
    return i + 1;
  }

  /** The first byte of a value: an element (a record, held from here) or a member's value (skipped). */
  private startValue(i: number, c: number, parent: 'member' | 'element'): number {
    this.parent = parent;
    if (parent === 'element') this.startRecord(i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      this.scanner.depth = 1;
      this.mode = 'value';
    } else if (c === QUOTE) this.mode = 'string-value';
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET || c === 0x2c || c === 0x3a)
      return this.unexpected(i, c, 'a value');
    else {
      this.mode = 'scalar';
      return i;
    }
    return i + 1;
  }

  private inValue(b: Uint8Array, i: number): number {
    const end = this.scanner.valueEnd(b, i);
    return end < 0 ? b.length : this.valueDone(b, end);
  }

  private inString(b: Uint8Array, i: number): number {
    const close = this.scanner.closingQuote(b, i);
    return close < 0 ? b.length : this.valueDone(b, close + 1);
  }

  /** A number, true, false or null ends at the next delimiter; JSON.parse judges its spelling. */
  private inScalar(b: Uint8Array, i: number): number {
    let k = i;
    while (k < b.length) {
      const c = b[k]!;
      if (c === 0x2c || c === CLOSE_BRACKET || c === CLOSE_BRACE || isSpace(c)) return this.valueDone(b, k);
      k++;
    }
    return k;
  }

  private valueDone(b: Uint8Array, end: number): number {
    if (this.parent === 'member') this.mode = 'after-member';
    else {
      this.mode = 'after-element';
      this.finishRecord(b, end, this.arrayKind!);
    }
    return end;
  }

  private startRecord(i: number): void {
    this.retaining = true;
    this.retainFrom = i;
    this.recordOffset = this.consumed + i;
    this.tooLarge = false;
  }

  private finishRecord(b: Uint8Array, end: number, kind: RecordKind): void {
    if (!this.retaining && !this.tooLarge) return;
    const size = this.held + end - this.retainFrom;
    if (this.tooLarge || size > this.limit) this.oversized++;
    else if (this.pieces.length === 0) this.onRecord(b, this.retainFrom, end, this.recordOffset, kind);
    else {
      const whole = joined([...this.pieces, b.subarray(0, end)], size);
      this.onRecord(whole, 0, size, this.recordOffset, kind);
    }
    this.dropRecord();
  }

  /** Holds a record's piece until its end arrives in a later chunk; past the limit, lets it go. */
  private keep(piece: Uint8Array): void {
    if (this.held + piece.length > this.limit) {
      this.dropRecord();
      this.tooLarge = true;
      return;
    }
    this.pieces.push(piece);
    this.held += piece.length;
    this.maxBuffered = Math.max(this.maxBuffered, this.held);
  }

  private dropRecord(): void {
    this.retaining = false;
    this.tooLarge = false;
    this.pieces = [];
    this.held = 0;
  }

  private unexpected(i: number, c: number, expected: string): number {
    return this.stop(`not JSON at byte ${this.consumed + i}: expected ${expected}, found ${byteName(c)}`);
  }

  private stop(reason: string): number {
    this.fail(reason);
    return Number.MAX_SAFE_INTEGER;
  }
}

/**
 * After the `}` of the last `},` + the element's opening (its `{` and first key, up to the colon)
 * between `from` and from + RUN_BYTES; when there is none in a whole window (records whose keys come in
 * other orders), after the last bare `},{`; undefined when there is neither. A window the chunk cuts
 * short may hold the array's last record alone, whose only `},{` are its own: it is scanned instead.
 */
function runEnd(b: Uint8Array, from: number): number | undefined {
  const opening = openingLength(b, from);
  if (opening === 1) return lastCut(b, from, 1);
  const keyed = lastCut(b, from, opening);
  return keyed !== undefined || from + RUN_BYTES > b.length - opening ? keyed : lastCut(b, from, 1);
}

/** After the `}` of the last `},` followed by the `opening` bytes at `from`, within RUN_BYTES of it. */
function lastCut(b: Uint8Array, from: number, opening: number): number | undefined {
  for (let k = b.lastIndexOf(OPEN_BRACE, Math.min(b.length - opening, from + RUN_BYTES)); k > from + 1;) {
    if (b[k - 1] === 0x2c && b[k - 2] === CLOSE_BRACE && sameBytes(b, k, from, opening)) return k - 1;
    k = b.lastIndexOf(OPEN_BRACE, k - 1);
  }
  return undefined;
}

/** The longest opening compared: CloudTrail's `{"eventVersion":` is 16 bytes. */
const OPENING_LIMIT = 48;

/** The length of `{"key":` at `from` (no escapes, no spaces), else 1: just the `{`. */
function openingLength(b: Uint8Array, from: number): number {
  if (b[from + 1] !== QUOTE) return 1;
  const last = Math.min(b.length, from + OPENING_LIMIT) - 1;
  for (let k = from + 2; k < last; k++) {
    const c = b[k]!;
    if (c === QUOTE) return b[k + 1] === 0x3a ? k + 2 - from : 1;
    if (c === 0x5c /* backslash */) return 1;
  }
  return 1;
}

function sameBytes(b: Uint8Array, at: number, from: number, length: number): boolean {
  for (let k = 1; k < length; k++) if (b[at + k] !== b[from + k]) return false;
  return true;
}

function joined(pieces: readonly Uint8Array[], size: number): Uint8Array {
  const whole = new Uint8Array(size);
  let at = 0;
  for (const piece of pieces) {
    whole.set(piece, at);
    at += piece.length;
  }
  return whole;
}
