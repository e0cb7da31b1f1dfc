/**
 * Where each character of a string's value is written in the file. A policy held in a string (a YAML
 * block scalar, a quoted scalar folded over lines, a JSON string with `\"` escapes) has a value that
 * differs from its text only by indentation, line folding, quotes and escapes. Aligning the two lets
 * a finding inside the policy point at its element rather than at the whole string.
 */
import type { Span } from '../policy/model';

/**
 * For each offset in `value` (and one past its end), the file offset of that character; undefined when
 * the value cannot be aligned with `span`'s text: an escape that encodes a character differently
 * (`\u0041`), a URL-encoded string. The alignment is strict for everything but whitespace: every other
 * character of the value must be the same character in the text, in order, with only indentation,
 * line breaks, quotes and backslashes between them.
 */
export function valueOffsets(text: string, span: Span, value: string): Int32Array | undefined {
  let at = span.start;
  // A block scalar's header (`|`, `>-`, `|2`...) is not part of its value.
  if (text[at] === '|' || text[at] === '>') {
    const lineEnd = text.indexOf('\n', at);
    if (lineEnd < 0 || lineEnd >= span.end) return undefined;
    at = lineEnd + 1;
  }
  const offsets = new Int32Array(value.length + 1);
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    for (;;) {
      const s = at < span.end ? text[at] : undefined;
      if (s === c) {
        offsets[i] = at++;
        break;
      }
      const escaped = s === '\\' ? ESCAPES.get(text[at + 1]) : undefined;
      if (escaped === c) {
        offsets[i] = at;
        at += 2;
        break;
      }
      // A space or line break of the value that the text writes otherwise (folded lines): it has no
      // character of its own, so it sits where the text is.
      if (WHITESPACE.has(c) && (s === undefined || (!WHITESPACE.has(s) && escaped === undefined))) {
        offsets[i] = at;
        break;
      }
      if (s !== undefined && SKIPPED.has(s)) {
        at += escaped === undefined ? 1 : 2;
        continue;
      }
      return undefined;
    }
  }
  offsets[value.length] = at;
  return offsets;
}

/** Characters of the text that may stand for nothing in the value. */
const SKIPPED = new Set([' ', '\t', '\r', '\n', '"', "'", '\\']);
const WHITESPACE = new Set([' ', '\t', '\r', '\n']);
/** The escapes that write whitespace: `\\n` in the text is a line break in the value. */
const ESCAPES = new Map([
  ['n', '\n'],
  ['t', '\t'],
  ['r', '\r'],
]);
