import type { Segment } from './segment';

/** One event's place in the index: its segment and its ordinal there. */
export interface Position {
  readonly segment: Segment;
  readonly ordinal: number;
}

/** A segment's events of the window in the merged order, and the next one to give. */
interface Cursor {
  readonly segment: Segment;
  readonly order: Uint32Array;
  /** Each ordinal's log file (the file column's ids). */
  readonly files: ArrayLike<number>;
  at: number;
}

/**
 * Every event of the segments in the window (`until` included), oldest first, one position at a time:
 * the segments' events merged by time (a heap of one cursor per segment), so a stream detection sees
 * them in order and nothing is held but the cursors. Events of one time come in their log files' path
 * order, and in record order within a file: the order a plain read of the files sorted by time gives
 * (a file's events are in one segment, in the order they were added).
 */
export function* inTimeOrder(
  segments: readonly Segment[],
  window: { readonly since: number; readonly until?: number },
): Generator<Position> {
  const until = window.until ?? Infinity;
  const heap: Cursor[] = [];
  for (const segment of segments) {
    if (segment.count === 0 || segment.maxTime < window.since || segment.minTime > until) continue;
    const order = windowOrder(segment, window.since, until);
    if (order.length > 0) push(heap, { segment, order, files: segment.column('file').ids, at: 0 });
  }
  while (heap.length > 0) {
    const top = heap[0]!;
    yield { segment: top.segment, ordinal: top.order[top.at]! };
    top.at++;
    if (top.at === top.order.length) {
      const last = heap.pop()!;
      if (heap.length === 0) break;
      heap[0] = last;
    }
    siftDown(heap, 0);
  }
}

/**
 * The segment's ordinals in [since, until], events of one time ordered by their file's path, then by
 * ordinal (a segment holds files read two at a time, whose events of one time interleave).
 */
function windowOrder(segment: Segment, since: number, until: number): Uint32Array {
  const { times } = segment;
  const lo = bound(times, since, false);
  const hi = bound(times, until, true);
  const order = new Uint32Array(Math.max(0, hi - lo));
  for (let i = 0; i < order.length; i++) order[i] = lo + i;
  const files = segment.column('file').ids;
  const rank = pathRanks(segment);
  for (let start = 0; start < order.length;) {
    let end = start + 1;
    let mixed = false;
    while (end < order.length && times[order[end]!] === times[order[start]!]) {
      if (files[order[end]!] !== files[order[start]!]) mixed = true;
      end++;
    }
    if (mixed) order.subarray(start, end).sort((a, b) => rank[files[a]!]! - rank[files[b]!]! || a - b);
    start = end;
  }
  return order;
}

/** Each file id's rank in the order of the paths (code-unit order, as the files are listed). */
function pathRanks(segment: Segment): Uint32Array {
  const { dictionary } = segment.column('file');
  const ids = Array.from({ length: dictionary.size + 1 }, (_, id) => id);
  ids.sort((a, b) => compareText(dictionary.get(a) ?? '', dictionary.get(b) ?? ''));
  const rank = new Uint32Array(ids.length);
  ids.forEach((id, i) => (rank[id] = i));
  return rank;
}

/** The first index whose time is at or after `time` (`after`: strictly after). */
function bound(times: Float64Array, time: number, after: boolean): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < time || (after && times[mid] === time)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether cursor a's next event comes before b's: by time, then by the path of its file. */
function before(a: Cursor, b: Cursor): boolean {
  const ta = a.segment.times[a.order[a.at]!]!;
  const tb = b.segment.times[b.order[b.at]!]!;
  if (ta !== tb) return ta < tb;
  const fa = a.segment.column('file').dictionary.get(a.files[a.order[a.at]!]!) ?? '';
  const fb = b.segment.column('file').dictionary.get(b.files[b.order[b.at]!]!) ?? '';
  return fa < fb;
}

function push(heap: Cursor[], cursor: Cursor): void {
  heap.push(cursor);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function siftDown(heap: Cursor[], i: number): void {
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let least = i;
    if (left < heap.length && before(heap[left]!, heap[least]!)) least = left;
    if (right < heap.length && before(heap[right]!, heap[least]!)) least = right;
    if (least === i) return;
    [heap[i], heap[least]] = [heap[least]!, heap[i]!];
    i = least;
  }
}
