import { RecordSplitter, type RecordKind } from '../../../src/core';

export interface Split {
  readonly records: string[];
  readonly kinds: RecordKind[];
  readonly splitter: RecordSplitter;
}

/**
 * The records the splitter cuts out of `input` fed in chunks of `chunk` bytes, as text. With `runs`, the
 * splitter may offer runs of records (OnRun); each run that parses is taken as its values, written back.
 */
export function split(
  input: string | Uint8Array,
  chunk = 1 << 18,
  limit?: number,
  runs = false,
): Split & { runs: number; refused: number } {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const records: string[] = [];
  const kinds: RecordKind[] = [];
  const decoder = new TextDecoder();
  let taken = 0;
  let refused = 0;
  const onRun = (b: Uint8Array, start: number, end: number, kind: RecordKind): boolean => {
    let values: unknown;
    try {
      values = JSON.parse(`[${decoder.decode(b.subarray(start, end))}]`);
    } catch {
      refused++;
      return false;
    }
    if (!Array.isArray(values)) return false;
    taken++;
    for (const value of values) {
      records.push(JSON.stringify(value));
      kinds.push(kind);
    }
    return true;
  };
  const splitter = new RecordSplitter(
    (b, start, end, _offset, kind) => {
      records.push(decoder.decode(b.subarray(start, end)));
      kinds.push(kind);
    },
    limit,
    runs ? onRun : undefined,
  );
  for (let at = 0; at < bytes.length; at += chunk) splitter.push(bytes.subarray(at, at + chunk));
  splitter.end();
  return { records, kinds, splitter, runs: taken, refused };
}
