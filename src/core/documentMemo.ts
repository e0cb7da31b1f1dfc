/**
 * What each rule reported on a document, remembered by what the rule can see of it, so that a keystroke
 * re-runs the per-document rules only on the document it changed. A 2,000-line Terraform module or CDK
 * stack holds a hundred policies; without this every keystroke checks them all again (~25 ms).
 *
 * A rule's `check` sees the document model, the text around it (quotes, indentation of its lines, for
 * fixes), the file's format and shape, and the whole-file traits fixes use (line endings, indentation
 * unit, TypeScript's quote). The key is all of these (but the document's path, which no check reads) with spans made relative to the start of the document's first line,
 * so a document that only moved (text typed above it) is found again, and its reports are moved by the
 * same distance. Whatever changes what a rule could see changes the key.
 */
import { createHash } from 'node:crypto';
import type { Catalog } from './catalog/catalog';
import { BoundedMemo } from './catalog/memo';
import type { PolicyDocument, PolicySource, Span } from './policy/model';
import { indentUnit, quoteOf } from './rules/insertions';
import type { Fix, Report } from './rules/types';
import { lineEndOf, lineStartOf } from './text/lines';

/** One rule's outcome on one document: its reports, or the message of what it threw. */
export type RuleOutcome = { readonly reports: readonly Report[] } | { readonly error: string };

interface Entry {
  /** The offset the reports' spans are relative to. */
  readonly base: number;
  readonly outcomes: Map<string, RuleOutcome>;
}

const memos = new WeakMap<Catalog, BoundedMemo<Entry>>();

/** Forgets what was remembered for `catalog` (tests compare a remembered lint with a fresh one). */
export function forgetOutcomes(catalog: Catalog): void {
  memos.delete(catalog);
}

/** The file-wide traits fixes read, computed once per lint. */
export function fileTraits(source: PolicySource, text: string): string {
  return `${source.format}\u0000${source.shape}\u0000${text.includes('\r\n') ? 'crlf' : 'lf'}\u0000${indentUnit(text)}\u0000${quoteOf(text, source.format)}`;
}

/** A document's remembered outcomes, moved to where the document is now. */
export class DocumentOutcomes {
  private readonly entry: Entry;
  private readonly delta: number;

  constructor(catalog: Catalog, document: PolicyDocument, text: string, traits: string) {
    let memo = memos.get(catalog);
    if (!memo) memos.set(catalog, (memo = new BoundedMemo<Entry>(5_000)));
    const { key, base } = keyOf(document, text, traits);
    // A document that shares its lines with much other text (minified JSON holding many policies) is
    // not remembered: its key would hash those lines again for each of its neighbours.
    this.entry = key === undefined ? { base, outcomes: new Map() } : memo.get(key, () => ({ base, outcomes: new Map() }));
    this.delta = base - this.entry.base;
  }

  /** The outcome of `ruleId`, computed by `run` (with spans where the document is now) when not known. */
  outcome(ruleId: string, run: () => RuleOutcome): RuleOutcome {
    let known = this.entry.outcomes.get(ruleId);
    if (!known) {
      known = shifted(run(), -this.delta);
      this.entry.outcomes.set(ruleId, known);
    }
    return shifted(known, this.delta);
  }
}

/**
 * The memo's key: a SHA-256 digest of what the rules see, fed as it is serialised, so that a key costs
 * time in proportion to the document and a few bytes of memory whatever its size (a 27 MB policy made a
 * key longer than its text, kept in the memo). Undefined when the document is not to be remembered.
 */
function keyOf(document: PolicyDocument, text: string, traits: string): { key: string | undefined; base: number } {
  // Spans may lie outside the document's own (a CDK value resolved from a `const` above it).
  let min = document.span.start;
  let max = document.span.end;
  visitSpans(document, (span) => {
    if (span.start < min) min = span.start;
    if (span.end > max) max = span.end;
  });
  const base = lineStartOf(text, min);
  if (max - min > LARGEST_REMEMBERED) return { key: undefined, base };
  const end = lineEndOf(text, max);
  if (end - base > 2 * (max - min) + SHARED_LINES) return { key: undefined, base };
  const digest = new Digest();
  digest.add(traits);
  digest.add('\u0000');
  digest.add(text.slice(base, end));
  digest.add('\u0000');
  // The path is left out: no rule's check reads it, and in code it names a line (`role.addToPolicy (line 40)`),
  // which a line typed above would change for every document below.
  serialise(document, base, digest);
  return { key: digest.end(), base };
}

/**
 * Documents larger than this are not remembered: an edit anywhere in them changes their key anyway, and
 * hashing a 27 MB policy took seconds of a lint that cannot reuse anything.
 */
const LARGEST_REMEMBERED = 1_000_000;

/** How much text a document's first and last lines may hold beyond the document before it is not remembered. */
const SHARED_LINES = 4_096;

/** SHA-256 over text added in pieces, hashed in chunks (one update per piece would cost more than the pieces). */
class Digest {
  private readonly hash = createHash('sha256');
  private readonly pending: string[] = [];
  private size = 0;

  add(piece: string): void {
    this.pending.push(piece);
    this.size += piece.length;
    if (this.size >= 65_536) this.flush();
  }

  end(): string {
    this.flush();
    return this.hash.digest('base64');
  }

  private flush(): void {
    this.hash.update(this.pending.join(''));
    this.pending.length = 0;
    this.size = 0;
  }
}

/**
 * The model as JSON.stringify writes it (own enumerable properties, undefined ones left out), without
 * `path`, with `start` and `end` relative to `base`: into the digest, never as one string.
 */
function serialise(value: unknown, base: number, out: Digest): void {
  if (value === null || value === undefined || typeof value === 'function') {
    out.add('null');
  } else if (typeof value === 'string') {
    out.add(JSON.stringify(value));
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    out.add(JSON.stringify(value));
  } else if (Array.isArray(value)) {
    out.add('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.add(',');
      serialise(value[i], base, out);
    }
    out.add(']');
  } else if (typeof value === 'object') {
    out.add('{');
    let first = true;
    for (const [key, item] of Object.entries(value)) {
      if (key === 'path' || item === undefined || typeof item === 'function') continue;
      out.add(first ? `${JSON.stringify(key)}:` : `,${JSON.stringify(key)}:`);
      first = false;
      if ((key === 'start' || key === 'end') && typeof item === 'number') out.add(String(item - base));
      else serialise(item, base, out);
    }
    out.add('}');
  }
}

function visitSpans(value: unknown, visit: (span: Span) => void): void {
  if (typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) visitSpans(item, visit);
    return;
  }
  const object = value as Record<string, unknown>;
  if (typeof object.start === 'number' && typeof object.end === 'number') {
    visit(object as unknown as Span);
    return;
  }
  for (const key in object) visitSpans(object[key], visit);
}

function shifted(outcome: RuleOutcome, delta: number): RuleOutcome {
  if (delta === 0 || 'error' in outcome) return outcome;
  return { reports: outcome.reports.map((r) => shiftReport(r, delta)) };
}

function shiftReport(report: Report, delta: number): Report {
  const moved: { -readonly [K in keyof Report]: Report[K] } = { span: shiftSpan(report.span, delta), message: report.message };
  if (report.fixes) moved.fixes = report.fixes.map((fix): Fix => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, span: shiftSpan(e.span, delta) })) }));
  return moved;
}

function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}
