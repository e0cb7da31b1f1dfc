/**
 * YAML that CloudFormation deploys but YAML 1.2 rejects, read as CloudFormation reads it. CloudFormation
 * (and PyYAML, which cfn-lint uses) accept a quoted scalar or a flow collection whose continuation lines
 * are not indented past its key:
 *
 *     PolicyDocument: !Sub '{          Resource: [
 *         "Version": "2012-10-17",       !Sub "arn:...:db:${Db}"
 *         ...                          ]
 *     }'
 *
 * Both are common in real templates. The `yaml` parser stops the scalar or collection at the unindented
 * line, then reports a cascade of errors and loses the rest of the file. Inside a quoted scalar or a flow
 * collection a line break is only whitespace, so a copy of the text with those line breaks as spaces has
 * the same meaning, and the same length: every span found in it is right in the original.
 *
 * The copy is made in one pass over the text (every value that opens a quote or a bracket and closes it
 * on a later line), then parsed once: the cost is one more parse, whatever the number of such values.
 */
import type { Document } from 'yaml';
import type { Span } from '../policy/model';

type Docs = Document.Parsed[];

/** Parses `text`; when the parser cut a quoted scalar or a flow collection short, parses the mended copy too and keeps the better reading. */
export function parseLeniently(text: string, parse: (text: string) => Docs): Docs {
  const docs = parse(text);
  if (!docs.some((doc) => doc.errors.some(cutShortError))) return docs;
  const mended = mendMultiLineValues(text);
  if (mended === text) return docs;
  const again = parse(mended);
  return errorCount(again) < errorCount(docs) ? again : docs;
}

function errorCount(docs: Docs): number {
  return docs.reduce((n, doc) => n + doc.errors.length, 0);
}

/** The errors the `yaml` parser reports for a quoted scalar or flow collection cut short at an unindented line. */
function cutShortError(error: Document.Parsed['errors'][number]): boolean {
  return (
    (error.code === 'MISSING_CHAR' && /quote/.test(error.message)) ||
    (error.code === 'BAD_INDENT' && /^Flow (map|sequence) in block collection/.test(error.message))
  );
}

/**
 * Where a block value or sequence item starts with a quote or a bracket: `key: '`, `key: !Sub "`, `- [`,
 * `key: {`. The opening character is the last one matched.
 */
const VALUE_START = /^[ \t]*(?:-[ \t]+)?(?:[^\s#'"[{][^\n#]*?:[ \t]+)?(?:![^\s'"[{]*[ \t]+)?(['"[{])/gm;

/** The text with the line breaks inside every multi-line quoted scalar and flow collection made spaces. */
function mendMultiLineValues(text: string): string {
  const spans: Span[] = [];
  VALUE_START.lastIndex = 0;
  for (let m = VALUE_START.exec(text); m; m = VALUE_START.exec(text)) {
    const start = m.index + m[0].length - 1;
    const end = text[start] === '[' || text[start] === '{' ? closingBracket(text, start) : closingQuote(text, start);
    if (end < 0) continue;
    const lineEnd = text.indexOf('\n', start);
    if (lineEnd >= 0 && end > lineEnd) spans.push({ start, end });
    // Go on after the value: a quote or bracket inside it starts nothing.
    VALUE_START.lastIndex = Math.max(VALUE_START.lastIndex, end + 1);
  }
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + text.slice(span.start, span.end).replace(/[\r\n]/g, ' ');
    at = span.end;
  }
  return out + text.slice(at);
}

/** The offset of the quote that closes the scalar opened at `start` (`''` and `\"` are escapes), or -1. */
function closingQuote(text: string, start: number): number {
  const quote = text[start]!;
  let end = text.indexOf(quote, start + 1);
  if (quote === "'") {
    while (end !== -1 && text[end + 1] === "'") end = text.indexOf("'", end + 2);
    return end;
  }
  while (end !== -1) {
    let backslashes = 0;
    while (text[end - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return end;
}

/**
 * The offset of the bracket that closes the flow collection opened at `start`, quoted text skipped; -1
 * when the brackets do not match, or when a comment is inside (a line break ends a comment: it must stay).
 */
function closingBracket(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      const end = closingQuote(text, i);
      if (end < 0) return -1;
      i = end;
    } else if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) {
      return -1;
    } else if (c === '[' || c === '{') {
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
