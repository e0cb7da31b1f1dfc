/**
 * Full ARNs anywhere in a text, whatever the file is (plain text, Markdown, code, templates): found by
 * one regular expression over the text, then read by arnResource (partition, region, account and the
 * resource's part checked; patterns and interpolations dropped). An ARN is self-describing, so no
 * syntax tree is needed to know it is one; the readers of templates and code add what only a tree can
 * tell (names, `!Ref`), and find.ts keeps their reading where both found the same span.
 */
import { arnResource, type ArnResource } from './arnResource';
import { byArn } from './reference';
import type { ResourceReference } from './types';

/**
 * `arn:` at a word's start, the four fields before the resource (the account may be empty or `aws`;
 * arnResource checks their values), and the resource up to a blank, a quote, a backslash (an escape in a
 * string), a comma, a semicolon or a bracket. Braces, `$`, `%`, `<`, `>`, `*` and `?` are kept in the
 * match so that an ARN holding an interpolation or a placeholder is seen whole and dropped, never cut
 * into a shorter literal that looks complete.
 */
const ARN = /\barn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:(?:\d{12}|aws)?:[^\s"'`\\,;|()[\]]+/g;

/** Characters that end a sentence or a line of prose rather than an ARN. */
const TRAILING = /[.:]+$/;

export function findArns(text: string): ResourceReference[] {
  const out: ResourceReference[] = [];
  if (!text.includes('arn:')) return out;
  // A file names the same resources again and again (a bucket in every statement): each ARN is read once.
  const read = new Map<string, ArnResource | undefined>();
  for (const match of text.matchAll(ARN)) {
    const start = match.index;
    const raw = match[0];
    // Cut short by a bracket or parenthesis that belongs to it (`role/[name]`, `f(x)`): not an ARN as written.
    const next = text.charCodeAt(start + raw.length);
    if (next === 40 /* ( */ || next === 91 /* [ */) continue;
    const written = trimmed(raw);
    let resource = read.get(written);
    if (resource === undefined && !read.has(written)) {
      resource = arnResource(written);
      read.set(written, resource);
    }
    const reference = resource && byArn(written, { start, end: start + written.length }, 'arn', resource);
    if (reference) out.push(reference);
  }
  return out;
}

/** The ARN without what ends the prose around it: a final `.` or `:`, a closing `}` or `>` it does not open. */
function trimmed(raw: string): string {
  const last = raw.charCodeAt(raw.length - 1);
  // Most ARNs end in a letter or a digit: nothing to trim.
  if (last !== 46 /* . */ && last !== 58 /* : */ && last !== 125 /* } */ && last !== 62 /* > */) return raw;
  return withoutClosers(raw.replace(TRAILING, ''));
}

/** The ARN without a closing `}` or `>` it does not open (`{arn:...}`, Markdown's `<arn:...>`), nor what they leave at its end. */
function withoutClosers(written: string): string {
  let out = written;
  for (const [open, close] of [
    ['{', '}'],
    ['<', '>'],
  ] as const) {
    while (out.endsWith(close) && count(out, close) > count(out, open)) out = out.slice(0, -1).replace(TRAILING, '');
  }
  return out;
}

function count(text: string, character: string): number {
  let n = 0;
  for (let i = text.indexOf(character); i >= 0; i = text.indexOf(character, i + 1)) n++;
  return n;
}
