import type { Span } from '../policy/model';
import type { Fix, TextEdit } from './types';

export function replace(span: Span, newText: string): TextEdit {
  return { span, newText };
}

/** "Change to '...'" fixes for did-you-mean candidates, best first (the first is preferred). */
export function replacementFixes(span: Span, candidates: readonly string[]): Fix[] {
  return candidates.map((value, i) => ({
    title: `Change to '${value}'`,
    edits: [replace(span, value)],
    preferred: i === 0,
  }));
}

/**
 * Inserts `key: value` as the first property of the object at `objectSpan`, in the object's own style:
 * JSON (or YAML flow) objects get a quoted property on its own line with the indentation of the next
 * property, or inline when the object is on one line; YAML block mappings get a line at the first
 * key's column. `jsonValue` is the value as JSON text (also valid YAML).
 */
export function insertFirstProperty(text: string, objectSpan: Span, key: string, jsonValue: string): TextEdit {
  const start = objectSpan.start;
  if (text[start] === '{') {
    const after = start + 1;
    const match = /^([ \t]*)(\r?\n)([ \t]*)/.exec(text.slice(after, after + 200));
    if (match) {
      return { span: { start: after, end: after }, newText: `${match[2]}${match[3]}"${key}": ${jsonValue},` };
    }
    const closesEmpty = /^\s*}/.test(text.slice(after, after + 200));
    return {
      span: { start: after, end: after },
      newText: closesEmpty ? `"${key}": ${jsonValue}` : ` "${key}": ${jsonValue},`,
    };
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = ' '.repeat(start - lineStart);
  return { span: { start, end: start }, newText: `${key}: ${jsonValue}\n${indent}` };
}

/**
 * Removes one element of an array (JSON, YAML flow or YAML block sequence) with its separator, so the
 * rest stays valid and keeps its layout. `spans` are the elements' value spans (quotes excluded).
 * Undefined when the element cannot be removed cleanly (the only element, or an element that is not a
 * plain scalar).
 */
export function removeListItem(text: string, spans: readonly Span[], index: number): TextEdit | undefined {
  if (spans.length < 2) return undefined;
  const item = withQuotes(text, spans[index]!);
  const lineStart = blockEntryLineStart(text, item.start);
  if (lineStart >= 0) {
    // A block sequence entry: the whole line goes, if nothing else is on it.
    const lineEnd = text.indexOf('\n', item.end);
    const rest = text.slice(item.end, lineEnd < 0 ? text.length : lineEnd);
    if (!/^[ \t]*(#.*)?\r?$/.test(rest)) return undefined;
    return { span: { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1 }, newText: '' };
  }
  // Between neighbours only a separator may go: in code an item can stand elsewhere (a CDK `const`
  // declared above, a spread), and removing "up to the next item" would remove code.
  if (index + 1 < spans.length) {
    const next = withQuotes(text, spans[index + 1]!).start;
    return isSeparator(text.slice(item.end, next))
      ? { span: { start: item.start, end: next }, newText: '' }
      : undefined;
  }
  const previous = withQuotes(text, spans[index - 1]!).end;
  return isSeparator(text.slice(previous, item.start))
    ? { span: { start: previous, end: item.end }, newText: '' }
    : undefined;
}

/**
 * The start of the line when only a YAML block sequence's dash (`  - `) precedes `offset` on it, else -1:
 * read backwards from the item, so that an item of a long line (minified JSON) costs nothing. The same as
 * testing `/^[ \t]*-[ \t]+$/` on the text from the line's start, which a rule removing many items of one
 * line would pay for each.
 */
function blockEntryLineStart(text: string, offset: number): number {
  let i = offset - 1;
  while (i >= 0 && isBlank(text.charCodeAt(i))) i--;
  if (i === offset - 1 || i < 0 || text.charCodeAt(i) !== DASH) return -1;
  i--;
  while (i >= 0 && isBlank(text.charCodeAt(i))) i--;
  return i < 0 || text.charCodeAt(i) === NEWLINE ? i + 1 : -1;
}

const DASH = 45;
const NEWLINE = 10;

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/** A comma between blanks (line breaks included): what separates two items of one flow list. */
function isSeparator(between: string): boolean {
  return /^\s*,\s*$/.test(between);
}

/** The span of a scalar including its quotes, when it is quoted. */
export function withQuotes(text: string, span: Span): Span {
  const before = text[span.start - 1];
  // A backtick: a TypeScript template literal without substitutions (never a quote in JSON or YAML).
  if ((before === '"' || before === "'" || before === '`') && text[span.end] === before)
    return { start: span.start - 1, end: span.end + 1 };
  return span;
}
