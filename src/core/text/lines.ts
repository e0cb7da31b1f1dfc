/** 0-based line and character of offsets in a text (characters are UTF-16 code units, as in LSP). */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** Maps offsets to positions with one pass over the text and a binary search per look-up. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  positionAt(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo]! };
  }

  /** Where 0-based `line` starts, or undefined past the last line. */
  lineStart(line: number): number | undefined {
    return this.starts[line];
  }
}

/** How far lineStartOf looks back by itself before it asks a line index. */
const LOOK_BACK = 256;

/**
 * The offset where the line holding `offset` starts. Rules ask this for every finding they fix: a look
 * back answers on short lines, and a long line (minified JSON, where `lastIndexOf` would scan back to
 * the start of the file for each finding) is looked up in a line index, built once for the last text.
 */
export function lineStartOf(text: string, offset: number): number {
  const stop = Math.max(0, offset - LOOK_BACK);
  // From offset - 1, or 0 at the start, as `text.lastIndexOf('\n', offset - 1) + 1` does.
  for (let i = Math.max(0, offset - 1); i >= stop; i--) if (text.charCodeAt(i) === 10) return i + 1;
  if (stop === 0) return 0;
  return offset - lineIndexOf(text).positionAt(offset).character;
}

/** The offset of the line break ending the line that holds `offset`, or the text's length; like lineStartOf, cheap on long lines. */
export function lineEndOf(text: string, offset: number): number {
  const stop = Math.min(text.length, offset + LOOK_AHEAD);
  for (let i = Math.max(0, offset); i < stop; i++) if (text.charCodeAt(i) === 10) return i;
  if (stop === text.length) return text.length;
  const { line } = lineIndexOf(text).positionAt(offset);
  const next = lineIndexOf(text).lineStart(line + 1);
  return next === undefined ? text.length : next - 1;
}

const LOOK_AHEAD = 256;

/**
 * `compute` remembered for the last text it was asked about: facts of a whole file (its line ending, its
 * indentation unit) that fixes ask once per finding, which would cost the length of the file each time.
 */
export function lastTextMemo<T>(compute: (text: string) => T): (text: string) => T {
  let last: { text: string; value: T } | undefined;
  return (text) => {
    if (last?.text === text) {
      // The same text in another string object: keep this one, so the next comparison is by reference.
      last.text = text;
      return last.value;
    }
    last = { text, value: compute(text) };
    return last.value;
  };
}

const lineIndexOf = lastTextMemo((text) => new LineIndex(text));
