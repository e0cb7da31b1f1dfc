import { LineIndex, ruleMetas } from '../core';
import { MappedArray, writeJson } from './jsonStream';
import type { FileReport } from './report';

const RULE_METAS = new Map(ruleMetas().map((m) => [m.id, m]));

function equivalentsOf(ruleId: string): Record<string, string[]> {
  const meta = RULE_METAS.get(ruleId);
  const out: Record<string, string[]> = {};
  if (!meta) return out;
  for (const [tool, ids] of Object.entries(meta.equivalents)) if (ids && ids.length) out[tool] = [...ids];
  return out;
}

/** The `--format json` report as text (what `lint` writes in pieces). */
export function formatJson(files: readonly FileReport[]): string {
  let out = '';
  writeJson(jsonReport(files), (chunk) => (out += chunk));
  return `${out}\n`;
}

/**
 * `{ files: [...], notAnalysed: [...], internalErrors: [...] }`: every finding its own entry (grouping is
 * for people reading; tools get each rule's finding), 0-based ranges as in LSP. Each file's findings are
 * made into report objects only as they are written (MappedArray).
 */
export function jsonReport(files: readonly FileReport[]): unknown {
  const notAnalysed: object[] = [];
  const internalErrors: object[] = [];
  const out = files.map((file) => {
    const index = new LineIndex(file.text);
    const range = (span: { start: number; end: number }) => ({
      start: index.positionAt(span.start),
      end: index.positionAt(span.end),
    });
    for (const n of file.notAnalysed)
      notAnalysed.push({ path: file.path, reason: n.reason, ...(n.span && { range: range(n.span) }) });
    for (const e of file.internalErrors)
      internalErrors.push({ path: file.path, rule: e.ruleId, where: e.where, message: e.message });
    return {
      path: file.path,
      findings: new MappedArray(file.findings, (f) => ({
        rule: f.ruleId,
        severity: f.severity,
        message: f.message,
        range: range(f.span),
        equivalents: equivalentsOf(f.ruleId),
      })),
      suppressed: new MappedArray(file.suppressed, (s) => ({
        rule: s.finding.ruleId,
        severity: s.finding.severity,
        message: s.finding.message,
        range: range(s.finding.span),
        reason: s.reason ?? null,
        // Where the suppression is: a comment or Metadata entry (with its line, 1-based), or the project file.
        suppressedBy: s.span
          ? { kind: s.kind, line: index.positionAt(s.span.start).line + 1 }
          : { kind: s.kind, origin: s.origin },
      })),
    };
  });
  return { files: out, notAnalysed, internalErrors };
}
