/**
 * JSON (and JSONC) text → the neutral tree, in one pass over jsonc-parser's visitor events: no
 * intermediate jsonc tree, no re-slicing of the text.
 */
import { printParseErrorCode, visit } from 'jsonc-parser';
import type { Key, ParseProblem, Span } from '../policy/model';
import { MAX_NESTING, MAX_SYNTAX_PROBLEMS, type Entry, type Node, type ParsedText } from './tree';

export interface JsonTreeOptions {
  /** Added to every offset: the text is a piece of a larger file that starts there. */
  readonly base?: number;
  /**
   * Every span is this one: the text was decoded from a string (URL-encoded, escaped), so offsets inside
   * it cannot be mapped back to the file.
   */
  readonly fixedSpan?: Span;
  /**
   * The file offset of each character of the text (see valueOffsets): the text is the value of a string
   * written with indentation, quotes or escapes in the file.
   */
  readonly offsets?: Int32Array;
}

/** Readable messages for jsonc-parser's error codes (by name: its enum is `const`). */
const MESSAGES: Readonly<Record<string, string>> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number format',
  PropertyNameExpected: 'Expected a property name in double quotes',
  ValueExpected: 'Expected a value',
  ColonExpected: 'Expected a colon',
  CommaExpected: 'Expected a comma',
  CloseBraceExpected: 'Expected a closing brace "}"',
  CloseBracketExpected: 'Expected a closing bracket "]"',
  EndOfFileExpected: 'Expected the end of the file after the value',
  InvalidCommentToken: 'Invalid comment',
  UnexpectedEndOfComment: 'Unexpected end of comment',
  UnexpectedEndOfString: 'Unexpected end of string: a closing quote is missing',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid Unicode escape sequence',
  InvalidEscapeCharacter: 'Invalid escape character in a string',
  InvalidCharacter: 'Invalid character in a string',
};

const QUOTE = 34;
const BACKSLASH = 92;

interface Frame {
  readonly start: number;
  /** For an object: its entries; for an array: undefined. */
  readonly entries: Entry[] | undefined;
  /** For an array: its items; for an object: undefined. */
  readonly items: Node[] | undefined;
  pendingKey: Key | undefined;
  /** Where a missing value would have been: just after the pending key. */
  pendingKeyEnd: number;
}

/** Parses JSON text into the neutral tree; syntax errors become problems, never exceptions. */
export function parseJson(text: string, options: JsonTreeOptions = {}): ParsedText {
  const base = options.base ?? 0;
  const fixed = options.fixedSpan;
  const offsets = options.offsets;
  const span = fixed
    ? (): Span => fixed
    : offsets
      ? (start: number, end: number): Span => ({
          start: offsets[start],
          // The end of the last character, not the start of what follows it (quotes, indentation).
          end: end > start ? offsets[end - 1] + 1 : offsets[start],
        })
      : (start: number, end: number): Span => ({ start: base + start, end: base + end });
  const problems: ParseProblem[] = [];
  const stack: Frame[] = [];
  let root: Node | undefined;
  let lastComma = -1;
  let lastError: Span | undefined;

  const problem = (message: string, offset: number, length: number): void => {
    const at = span(offset, offset + length);
    if (lastError && lastError.start === at.start && lastError.end === at.end) return;
    lastError = at;
    if (problems.length < MAX_SYNTAX_PROBLEMS) problems.push({ message, span: at });
  };

  const attach = (node: Node): void => {
    const top = stack[stack.length - 1];
    if (!top) {
      root ??= node;
    } else if (top.items) {
      top.items.push(node);
    } else if (top.pendingKey) {
      top.entries?.push({ key: top.pendingKey, value: node });
      top.pendingKey = undefined;
    }
  };

  const flushMissingValue = (frame: Frame): void => {
    if (!frame.pendingKey) return;
    const at = span(frame.pendingKeyEnd, frame.pendingKeyEnd);
    frame.entries?.push({ key: frame.pendingKey, value: { kind: 'unknown', span: at, text: '' } });
    frame.pendingKey = undefined;
  };

  const open = (isObject: boolean, offset: number): void => {
    // jsonc-parser recurses per level: stop well before the stack ends (see MAX_NESTING).
    if (stack.length >= MAX_NESTING) throw new TooDeep(offset);
    lastComma = -1;
    stack.push({
      start: offset,
      entries: isObject ? [] : undefined,
      items: isObject ? undefined : [],
      pendingKey: undefined,
      pendingKeyEnd: 0,
    });
  };

  const close = (offset: number, length: number): void => {
    if (lastComma >= 0) problem('Trailing comma', lastComma, 1);
    lastComma = -1;
    const frame = stack.pop();
    if (!frame) return;
    flushMissingValue(frame);
    const at = span(frame.start, offset + length);
    attach(
      frame.entries
        ? { kind: 'object', span: at, entries: frame.entries }
        : { kind: 'array', span: at, items: frame.items ?? [] },
    );
  };

  try {
    visit(
      text,
      {
        onObjectBegin: (offset) => open(true, offset),
        onArrayBegin: (offset) => open(false, offset),
        onObjectEnd: close,
        onArrayEnd: close,
        onObjectProperty: (name, offset, length) => {
          lastComma = -1;
          const top = stack[stack.length - 1];
          if (!top?.entries) return;
          flushMissingValue(top);
          top.pendingKey = { text: name, span: stringSpan(text, offset, length, span) };
          top.pendingKeyEnd = offset + length;
        },
        onLiteralValue: (value: unknown, offset, length) => {
          lastComma = -1;
          if (typeof value === 'string') {
            attach({ kind: 'scalar', span: stringSpan(text, offset, length, span), value, text: value });
          } else {
            const scalar = typeof value === 'number' || typeof value === 'boolean' ? value : null;
            attach({
              kind: 'scalar',
              span: span(offset, offset + length),
              value: scalar,
              text: text.slice(offset, offset + length),
            });
          }
        },
        onSeparator: (character, offset) => {
          lastComma = character === ',' ? offset : -1;
        },
        onError: (code, offset, length) => {
          const message = MESSAGES[printParseErrorCode(code)] ?? 'Syntax error';
          problem(offset >= text.length ? `Unexpected end of file: ${lowerFirst(message)}` : message, offset, length);
        },
      },
      { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true },
    );
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    problems.push({
      message: `The text nests more than ${MAX_NESTING} levels deep: what is deeper is not read`,
      span: span(error.offset, error.offset + 1),
    });
    lastComma = -1;
  }
  // The visitor closes every open object and array at the end of the text; after TooDeep, this does.
  while (stack.length > 0) close(text.length, 0);
  return { roots: root ? [root] : [], problems };
}

/**
 * The span of a string token without its quotes. In half-typed text the closing quote may be missing,
 * or the token may end in half an escape (`"Effect\\`): neither is part of the value.
 */
function stringSpan(text: string, offset: number, length: number, span: (start: number, end: number) => Span): Span {
  const start = text.charCodeAt(offset) === QUOTE ? offset + 1 : offset;
  let end = offset + length;
  const quoted = end > start && text.charCodeAt(end - 1) === QUOTE;
  const before = quoted ? end - 1 : end;
  let backslashes = 0;
  while (before - backslashes > start && text.charCodeAt(before - backslashes - 1) === BACKSLASH) backslashes++;
  // After an even run of backslashes a quote closes the string; after an odd one it is escaped.
  if (quoted && backslashes % 2 === 0) end -= 1;
  else if (!quoted && backslashes % 2 === 1) end -= 1;
  return span(start, Math.max(start, end));
}

function lowerFirst(message: string): string {
  return message.charAt(0).toLowerCase() + message.slice(1);
}

class TooDeep extends Error {
  constructor(readonly offset: number) {
    super('too deep');
  }
}
