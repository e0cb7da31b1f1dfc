// The SARIF 2.1.0 object model as TypeScript types (DefinitelyTyped, generated from the OASIS schema):
// the type-check holds this output to the schema's shapes, property names and enums.
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { SuppressedFinding } from '../core/config/types';
import type { Finding, RuleMeta, Severity } from '../core/rules/types';
import { LineIndex } from '../core/text/lines';

export interface SarifFile {
  readonly path: string;
  readonly text: string;
  readonly findings: readonly Finding[];
  readonly suppressed?: readonly SuppressedFinding[];
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** A SARIF 2.1.0 log (what GitHub code scanning reads): one run, the rules as its driver's rules. */
export function toSarif(files: readonly SarifFile[], rules: readonly RuleMeta[], version: string): Log {
  const used = new Set(files.flatMap((f) => [...f.findings, ...(f.suppressed ?? []).map((s) => s.finding)].map((x) => x.ruleId)));
  const ruleList = [...rules.filter((r) => used.has(r.id)), ...[...used].filter((id) => !rules.some((r) => r.id === id)).map((id) => ({ id }))];
  const ruleIndex = new Map(ruleList.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'CloudWarden',
            version,
            rules: ruleList.map((r): ReportingDescriptor =>
              'name' in r
                ? {
                    id: r.id,
                    name: r.name.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')),
                    shortDescription: { text: r.name },
                    fullDescription: { text: r.docs.what },
                    help: { text: `${r.docs.why}\n\n${r.docs.fix}` },
                    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
                    properties: { family: r.family },
                  }
                : { id: r.id, shortDescription: { text: r.id } },
            ),
          },
        },
        results: files.flatMap((file) => {
          const index = new LineIndex(file.text);
          // Suppressed findings are results too, with SARIF's suppressions: code scanning lists them as dismissed.
          const all: { f: Finding; s?: SuppressedFinding }[] = [...file.findings.map((f) => ({ f })), ...(file.suppressed ?? []).map((s) => ({ f: s.finding, s }))];
          return all.map(({ f, s }): Result => {
            const start = index.positionAt(f.span.start);
            const end = index.positionAt(f.span.end);
            return {
              ruleId: f.ruleId,
              ruleIndex: ruleIndex.get(f.ruleId),
              level: LEVEL[f.severity],
              message: { text: f.message },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: file.path.split('\\').join('/') },
                    // SARIF lines and columns are 1-based.
                    region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
                  },
                },
              ],
              ...(s
                ? {
                    suppressions: [
                      {
                        // In the file (a comment, CloudFormation Metadata) or beside it (the project file).
                        kind: s.kind === 'project' ? 'external' : 'inSource',
                        ...(s.reason ? { justification: s.reason } : {}),
                      },
                    ],
                  }
                : {}),
            };
          });
        }),
      },
    ],
  };
}
