/**
 * A finding's identity that survives edits elsewhere in the file: the rule, the document's path in the
 * file, the statement (its Sid, else its position in the document) and the element's text; never a line
 * number. Code-scanning services (SARIF `partialFingerprints`) match results across commits with it, so a
 * finding does not come back as new when lines are inserted above it.
 */
import { createHash } from 'node:crypto';
import type { PolicySource, Span } from './policy/model';
import type { Finding } from './rules/types';
import { literal } from './policy/values';
import { startingBy } from './text/search';

/** Version of the scheme: a change in what goes into the hash is a new key, so old results are not mis-matched. */
export const FINGERPRINT_KEY = 'cloudwarden/v1';

const contains = (outer: Span, inner: Span) => outer.start <= inner.start && inner.end <= outer.end;

type Documents = PolicySource['documents'];

/** The last index in `items` (sorted by span start) whose span starts at or before `at`, or -1. */
function lastStartingBy<T extends { readonly span: Span }>(items: readonly T[], at: number): number {
  return startingBy(items.length, (i) => items[i]!.span.start, at) - 1;
}

/**
 * Where in the file's policies the span is: `<document path>#<Sid or statement index>`, or '' outside
 * them. Looked up by binary search (a file may hold thousands of documents and statements, each with findings).
 */
function placer(source: PolicySource): (span: Span) => string {
  const documents: Documents[number][] = source.documents
    .filter((d) => !d.derivedFrom)
    .sort((a, b) => a.span.start - b.span.start);
  // Statements in the order of their spans (code can place them out of order: a CDK statement built
  // from a const above its use).
  const sortedStatements = new Map<Documents[number], Documents[number]['statements']>();
  const statementsOf = (d: Documents[number]) => {
    let sorted = sortedStatements.get(d);
    if (!sorted) sortedStatements.set(d, (sorted = [...d.statements].sort((a, b) => a.span.start - b.span.start)));
    return sorted;
  };
  return (span) => {
    // The innermost document that holds the span: the one starting last among those that contain it.
    let document: Documents[number] | undefined;
    for (let i = lastStartingBy(documents, span.start); i >= 0 && !document; i--)
      if (contains(documents[i]!.span, span)) document = documents[i];
    if (!document) return '';
    const statements = statementsOf(document);
    const at = lastStartingBy(statements, span.start);
    const statement = at >= 0 && contains(statements[at]!.span, span) ? statements[at] : undefined;
    if (!statement) return document.path;
    const sid = statement.sid ? literal(statement.sid.value) : undefined;
    return `${document.path}#${sid !== undefined && sid !== '' ? `sid:${sid}` : `index:${statement.index}`}`;
  };
}

/**
 * The fingerprints of a file's findings, in the same order: a hash of the file's path, the rule, the place
 * and the element's text (whitespace collapsed), with an ordinal for findings that would otherwise collide.
 */
export function fingerprints(file: string, findings: readonly Finding[], source: PolicySource, text: string): string[] {
  const seen = new Map<string, number>();
  const placeOf = placer(source);
  return findings.map((finding) => {
    const element = text.slice(finding.span.start, finding.span.end).replace(/\s+/g, ' ').trim();
    const key = [file, finding.ruleId, placeOf(finding.span), element].join('\u0000');
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32);
  });
}
