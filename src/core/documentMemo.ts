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
    this.entry =
      key === undefined ? { base, outcomes: new Map() } : memo.get(key, () => ({ base, outcomes: new Map() }));
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
 * The memo's key: what the rules see, as one string; a long one is replaced by its SHA-256 digest, so
 * that the memo holds a few kilobytes per document whatever its size (a 27 MB policy made a key longer
 * than its text, kept in the memo). Undefined when the document is not to be remembered.
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
  const around = text.slice(base, end);
  // The path is left out: no rule's check reads it, and in code it names a line (`role.addToPolicy (line 40)`),
  // which a line typed above would change for every document below.
  const model = JSON.stringify(document, (key, value: unknown) =>
    key === 'path' ? undefined : (key === 'start' || key === 'end') && typeof value === 'number' ? value - base : value,
  );
  const key = `${traits}\u0000${around}\u0000${model}`;
  // A digest starts with `#`, which no format name (the key's first part) does.
  return { key: key.length > LONGEST_KEY ? `#${createHash('sha256').update(key).digest('base64')}` : key, base };
}

/** Keys longer than this are kept as their digest. */
const LONGEST_KEY = 4_096;

/**
 * Documents larger than this are not remembered: an edit anywhere in them changes their key anyway, and
 * making the key of a 27 MB policy took seconds of a lint that cannot reuse anything.
 */
const LARGEST_REMEMBERED = 1_000_000;

/** How much text a document's first and last lines may hold beyond the document before it is not remembered. */
const SHARED_LINES = 4_096;

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
  const moved: { -readonly [K in keyof Report]: Report[K] } = { ...report, span: shiftSpan(report.span, delta) };
  if (report.fixes)
    moved.fixes = report.fixes.map((fix): Fix => ({
      ...fix,
      edits: fix.edits.map((e) => ({ ...e, span: shiftSpan(e.span, delta) })),
    }));
  return moved;
}

function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}
