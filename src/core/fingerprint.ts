/**
 * A finding's identity that survives edits elsewhere in the file: the rule, the document's path in the
 * file, the statement (its Sid, else its position in the document) and the element's text; never a line
 * number. Code-scanning services (SARIF `partialFingerprints`) match results across commits with it, so a
 * finding does not come back as new when lines are inserted above it.
 */
import { createHash } from 'node:crypto';
import type { PolicySource, Span } from './policy/model';
import type { Finding } from './rules/types';
import { literal } from './rules/values';

/** Version of the scheme: a change in what goes into the hash is a new key, so old results are not mis-matched. */
export const FINGERPRINT_KEY = 'cloudwarden/v1';

const contains = (outer: Span, inner: Span) => outer.start <= inner.start && inner.end <= outer.end;

/** Where in the file's policies the span is: `<document path>#<Sid or statement index>`, or '' outside them. */
function placeOf(source: PolicySource, span: Span): string {
  // The innermost document that holds the span (a policy inside a template resource is inside the template's span).
  let best: PolicySource['documents'][number] | undefined;
  for (const document of source.documents) {
    if (document.derivedFrom || !contains(document.span, span)) continue;
    if (!best || contains(best.span, document.span)) best = document;
  }
  if (!best) return '';
  const statement = best.statements.find((s) => contains(s.span, span));
  if (!statement) return best.path;
  const sid = statement.sid ? literal(statement.sid.value) : undefined;
  return `${best.path}#${sid !== undefined && sid !== '' ? `sid:${sid}` : `index:${statement.index}`}`;
}

/**
 * The fingerprints of a file's findings, in the same order: a hash of the file's path, the rule, the place
 * and the element's text (whitespace collapsed), with an ordinal for findings that would otherwise collide.
 */
export function fingerprints(file: string, findings: readonly Finding[], source: PolicySource, text: string): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const element = text.slice(finding.span.start, finding.span.end).replace(/\s+/g, ' ').trim();
    const key = [file, finding.ruleId, placeOf(source, finding.span), element].join('\u0000');
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32);
  });
}
