/**
 * Suppression comments, one syntax in every format, with the comment marker of the file:
 *
 *   Action: s3:*   # cloudwarden-ignore wildcard-action: the bucket is a public mirror
 *   # cloudwarden-ignore wildcard-action, resource-star: read-only role for the audit account
 *   "Action": "s3:*" // cloudwarden-ignore wildcard-action: ...      (JSONC, and JSON with comments)
 *   /* cloudwarden-ignore wildcard-action: ... *\/
 *
 * A comment after code applies to its own line; a comment alone on its line applies to the next line
 * that holds code. It silences findings of the named rules that start on that line. The reason follows
 * the colon.
 */
import type { Span } from '../policy/model';
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

export function findCommentSuppressions(text: string, format: 'json' | 'yaml'): CommentSuppression[] {
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
    const match = (format === 'yaml' ? YAML_COMMENT : C_COMMENT).exec(line);
    if (!match) return;
    const markerAt = match.index + (format === 'yaml' ? match[1]!.length : 0);
    // A `//` or `#` inside a string is not a comment: an odd number of quotes before it means it is in one.
    if (quotesBefore(line, markerAt) % 2 === 1) return;
    const bodyStart = markerAt + match[0].length - (format === 'yaml' ? match[1]!.length : 0);
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

function quotesBefore(line: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '"') n++;
  }
  return n;
}

/** The next line after `from` that is neither blank nor only a comment (other suppressions stack). */
function nextCodeLine(lines: readonly string[], from: number, format: 'json' | 'yaml'): number {
  for (let j = from + 1; j < lines.length; j++) {
    const t = lines[j]!.trim();
    if (t === '') continue;
    if (format === 'yaml' ? t.startsWith('#') : t.startsWith('//') || (t.startsWith('/*') && t.endsWith('*/'))) continue;
    return j;
  }
  return lines.length;
}
