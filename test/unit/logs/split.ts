import { RecordSplitter, type RecordKind } from '../../../src/core';

export interface Split {
  readonly records: string[];
  readonly kinds: RecordKind[];
  readonly splitter: RecordSplitter;
}

/** The records the splitter cuts out of `input` fed in chunks of `chunk` bytes, as text. */
export function split(input: string | Uint8Array, chunk = 1 << 18, limit?: number): Split {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  const records: string[] = [];
  const kinds: RecordKind[] = [];
  const decoder = new TextDecoder();
  const splitter = new RecordSplitter((b, start, end, _offset, kind) => {
    records.push(decoder.decode(b.subarray(start, end)));
    kinds.push(kind);
  }, limit);
  for (let at = 0; at < bytes.length; at += chunk) splitter.push(bytes.subarray(at, at + chunk));
  splitter.end();
  return { records, kinds, splitter };
}
