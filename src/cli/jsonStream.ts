/**
 * `JSON.stringify(value, null, 2)`, written out in pieces. The JSON and SARIF reports of a large file run
 * to hundreds of megabytes (a 27 MB policy gives 160 MB of JSON): as one string, and the objects of every
 * finding made at once before it, they doubled the CLI's peak memory, and a larger report would pass
 * V8's limit on the length of a string.
 *
 * The values are plain data (objects, arrays, strings, numbers, booleans, null), as the reports are. An
 * array may be given as a MappedArray, whose items are made one at a time as they are written.
 */

/** The items of `source`, each turned into its JSON value by `map` only when it is written. */
export class MappedArray<S> {
  constructor(
    readonly source: readonly S[],
    readonly map: (item: S) => unknown,
  ) {}
}

/** Containers down to this depth are written piece by piece; deeper values (one finding) in one JSON.stringify. */
const STREAMED_DEPTH = 3;

/** Pieces are gathered up to this many characters before each `write`: small enough for V8 to allocate each chunk in its young generation, where it is freed at once (a megabyte each went to the large-object space and stayed there until a full collection). */
const CHUNK = 1 << 16;

/** Writes `JSON.stringify(value, null, 2)` through `write`, in chunks of 64 KB. */
export function writeJson(value: unknown, write: (chunk: string) => void): void {
  const pending: string[] = [];
  let size = 0;
  const out = (piece: string): void => {
    pending.push(piece);
    size += piece.length;
    if (size >= CHUNK) flush();
  };
  const flush = (): void => {
    if (pending.length === 0) return;
    write(pending.join(''));
    pending.length = 0;
    size = 0;
  };
  emit(value, '', 0, out);
  flush();
}

function emit(value: unknown, indent: string, depth: number, out: (piece: string) => void): void {
  const items =
    value instanceof MappedArray
      ? { length: value.source.length, at: (i: number) => value.map(value.source[i]) }
      : Array.isArray(value)
        ? { length: value.length, at: (i: number) => value[i] as unknown }
        : undefined;
  if (items) {
    if (items.length === 0) return out('[]');
    const inner = `${indent}  `;
    out('[');
    for (let i = 0; i < items.length; i++) {
      out(i === 0 ? `\n${inner}` : `,\n${inner}`);
      const item = items.at(i);
      // In an array, what JSON has no text for is written as null.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') out('null');
      else emit(item, inner, depth + 1, out);
    }
    out(`\n${indent}]`);
    return;
  }
  if (value !== null && typeof value === 'object' && depth < STREAMED_DEPTH) {
    const inner = `${indent}  `;
    let first = true;
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      out(`${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `);
      first = false;
      emit(item, inner, depth + 1, out);
    }
    out(first ? '{}' : `\n${indent}}`);
    return;
  }
  // A string holds no raw line break (JSON escapes it): every line break is indentation to extend.
  const text = JSON.stringify(value, null, 2);
  out(indent === '' ? text : text.replaceAll('\n', `\n${indent}`));
}
