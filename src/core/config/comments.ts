/**
 * Suppression comments, one syntax in every format, with the comment marker of the file:
 *
 *   Action: s3:*   # cloudwarden-ignore wildcard-action: the bucket is a public mirror
 *   # cloudwarden-ignore wildcard-action, resource-star: read-only role for the audit account
 *   "Action": "s3:*" // cloudwarden-ignore wildcard-action: ...      (JSONC, and JSON with comments)
 *   /* cloudwarden-ignore wildcard-action: ... *\/
 *   actions: ['s3:*'], // cloudwarden-ignore wildcard-action: ...      (CDK TypeScript; Terraform takes # and //)
 *
 * A comment after code applies to its own line; a comment alone on its line applies to the next line
 * that holds code. It silences findings of the named rules that start on that line. The reason follows
 * the colon.
 */
import type { SourceFormat, Span } from '../policy/model';
import { DIRECTIVE, realReason } from './ids';

export interface CommentSuppression {
  /** The named rules, each with its span (for "unused" and "unknown rule" findings on the name itself). */
  readonly rules: readonly { readonly id: string; readonly span: Span }[];
  readonly reason: string | undefined;
  /** The whole comment. */
  readonly span: Span;
  /** The 0-based line whose findings it silences. */
  readonly line: number;
}

const YAML_COMMENT = /(^|\s)#\s*cloudwarden-ignore(?![\w-])/;
const C_COMMENT = /(\/\/|\/\*)\s*cloudwarden-ignore(?![\w-])/;
/** HCL takes `#`, `//` and `/* *\/`. */
const HCL_COMMENT = /(^|\s)(?:#|\/\/|\/\*)\s*cloudwarden-ignore(?![\w-])/;

/** Where the marker starts in a match: after the blank that must precede `#` in YAML and HCL. */
function markerPattern(format: SourceFormat): RegExp {
  return format === 'yaml' ? YAML_COMMENT : format === 'terraform' ? HCL_COMMENT : C_COMMENT;
}

export function findCommentSuppressions(text: string, format: SourceFormat): CommentSuppression[] {
  if (!text.includes(DIRECTIVE)) return [];
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const out: CommentSuppression[] = [];
  lines.forEach((line, i) => {
    if (!line.includes(DIRECTIVE)) return;
    const pattern = markerPattern(format);
    const match = pattern.exec(line);
    if (!match) return;
    const blank = pattern === C_COMMENT ? 0 : match[1]!.length;
    const markerAt = match.index + blank;
    // A `//` or `#` inside a string is not a comment: an odd number of quotes before it means it is in one.
    if (quotesBefore(line, markerAt, format === 'typescript' ? `"'\`` : '"') % 2 === 1) return;
    const bodyStart = markerAt + match[0].length - blank;
    let body = line.slice(bodyStart).replace(/\r$/, '');
    if (body.includes('*/')) body = body.slice(0, body.indexOf('*/'));
    const colon = body.indexOf(':');
    const list = colon < 0 ? body : body.slice(0, colon);
    const reason = colon < 0 ? undefined : realReason(body.slice(colon + 1));
    const rules: { id: string; span: Span }[] = [];
    for (const m of list.matchAll(/[^\s,]+/g)) {
      const start = starts[i]! + bodyStart + m.index;
      rules.push({ id: m[0], span: { start, end: start + m[0].length } });
    }
    const alone = line.slice(0, markerAt).trim() === '';
    const target = alone ? nextCodeLine(lines, i, format) : i;
    const end = starts[i]! + line.replace(/\r$/, '').length;
    out.push({ rules, reason, span: { start: starts[i]! + markerAt, end }, line: target });
  });
  return out;
}

/** How many strings open or close before `end`, counting the quote characters given (a rough count: a quote inside another kind of string counts too). */
function quotesBefore(line: string, end: number, quotes: string): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    if (line[i] === '\\') i++;
    else if (quotes.includes(line[i]!)) n++;
  }
  return n;
}

/** The next line after `from` that is neither blank nor only a comment (other suppressions stack). */
function nextCodeLine(lines: readonly string[], from: number, format: SourceFormat): number {
  for (let j = from + 1; j < lines.length; j++) {
    const t = lines[j]!.trim();
    if (t === '') continue;
    const hash = t.startsWith('#');
    const slashes = t.startsWith('//') || (t.startsWith('/*') && t.endsWith('*/'));
    if (format === 'yaml' ? hash : format === 'terraform' ? hash || slashes : slashes) continue;
    return j;
  }
  return lines.length;
}
