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
 */
import { CST, Parser, type Document } from 'yaml';
import type { Span } from '../policy/model';

/** Mends at most this many scalars or collections (each costs a parse): a file with more is left as it is. */
const MAX_MENDS = 50;
/** And re-parses at most this many characters in all, so that a large broken file costs a few parses, not fifty. */
const MAX_REPARSED = 20_000_000;

type Docs = Document.Parsed[];

/** Parses `text`, and parses a mended copy while that removes errors of the kinds above. */
export function parseLeniently(text: string, parse: (text: string) => Docs): Docs {
  let docs = parse(text);
  let current = text;
  const mends = Math.min(MAX_MENDS, Math.floor(MAX_REPARSED / Math.max(1, text.length)));
  for (let i = 0; i < mends; i++) {
    const span = cutShort(current, docs);
    if (!span) break;
    const mended =
      current.slice(0, span.start) +
      current.slice(span.start, span.end).replace(/[\r\n]/g, ' ') +
      current.slice(span.end);
    if (mended === current) break;
    const again = parse(mended);
    if (errorCount(again) >= errorCount(docs)) break;
    docs = again;
    current = mended;
  }
  return docs;
}

function errorCount(docs: Docs): number {
  return docs.reduce((n, doc) => n + doc.errors.length, 0);
}

/** The first quoted scalar or flow collection the parser cut short at an unindented line, whole. */
function cutShort(text: string, docs: Docs): Span | undefined {
  const first = docs.flatMap((doc) => doc.errors)[0];
  if (!first) return undefined;
  if (first.code === 'MISSING_CHAR' && /quote/.test(first.message)) return cutQuotedScalar(text);
  if (first.code === 'BAD_INDENT' && /^Flow (map|sequence) in block collection/.test(first.message))
    return cutFlowCollection(text, first.pos[0]);
  return undefined;
}

/** The first quoted scalar whose token ends before its closing quote, up to that quote. */
function cutQuotedScalar(text: string): Span | undefined {
  let found: Span | undefined;
  const check = (token: CST.Token | undefined) => {
    if (found || !token || (token.type !== 'single-quoted-scalar' && token.type !== 'double-quoted-scalar')) return;
    const end = closingQuote(text, token.offset);
    if (end > token.offset + token.source.length - 1) found = { start: token.offset, end };
  };
  for (const token of new Parser().parse(text)) {
    if (token.type !== 'document') continue;
    check(token.value);
    CST.visit(token, (item) => {
      check(item.key as CST.Token | undefined);
      check(item.value);
      return found ? CST.visit.BREAK : undefined;
    });
    if (found) break;
  }
  return found;
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

/** Where a block value or sequence item starts a flow collection: `key: [`, `key: !Tag {`, `- [`. */
const FLOW_START = /^[ \t]*(?:-[ \t]+)?(?:[^\s#][^\n#]*?:[ \t]+)?(?:![^\s[{]*[ \t]+)?([[{])/gm;

/**
 * The flow collection that holds `at` (the unindented line the parser stopped at): the last one opened
 * before it, up to its matching bracket, when that is past `at`. Undefined when a comment is inside it
 * (a line break ends a comment: it must stay) or the brackets do not match.
 */
function cutFlowCollection(text: string, at: number): Span | undefined {
  let start = -1;
  FLOW_START.lastIndex = 0;
  for (let m = FLOW_START.exec(text); m && m.index < at; m = FLOW_START.exec(text)) start = m.index + m[0].length - 1;
  if (start < 0) return undefined;
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      const end = closingQuote(text, i);
      if (end < 0) return undefined;
      i = end;
    } else if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) {
      return undefined;
    } else if (c === '[' || c === '{') {
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) return i >= at ? { start, end: i } : undefined;
    }
  }
  return undefined;
}
