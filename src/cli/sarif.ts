// The SARIF 2.1.0 object model as TypeScript types (DefinitelyTyped, generated from the OASIS schema):
// the type-check holds this output to the schema's shapes, and a unit test validates it against the schema.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArtifactLocation, Location, Log, Notification, ReportingDescriptor, Result } from 'sarif';
import {
  classificationOf,
  type Finding,
  FINGERPRINT_KEY,
  fingerprints,
  LineIndex,
  renderRuleDoc,
  type RuleMeta,
  securitySeverityOf,
  type Severity,
  type Span,
} from '../core';
import { MappedArray } from './jsonStream';
import type { FileReport, Unreadable } from './report';

export interface SarifOptions {
  readonly version: string;
  /** Paths are written relative to this folder (`%SRCROOT%`), so that code scanning resolves them in the repository. */
  readonly root: string;
  /** Where each rule's page is: `<base><rule-id>.md`. */
  readonly helpUriBase: string;
  /**
   * Make each result only when it is written (jsonStream's MappedArray, in place of the array): a large
   * file has hundreds of thousands. Only for writeJson; the log's `results` is then not an array.
   */
  readonly lazyResults?: boolean;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub's `problem.severity` for results that are not security ones. */
const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation' };
export const SRCROOT = '%SRCROOT%';

/** The notifications this tool can raise about its own run, as SARIF reporting descriptors. */
const NOTIFICATIONS: ReportingDescriptor[] = [
  { id: 'not-analysed', shortDescription: { text: 'A file or part of a file that CloudWarden could not analyse' } },
  { id: 'rule-failed', shortDescription: { text: 'A rule that failed with an internal error (a bug in CloudWarden)' } },
  { id: 'unreadable', shortDescription: { text: 'A path given to lint that does not exist or cannot be read' } },
];

export function pascalName(name: string): string {
  return name.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''));
}

function ruleDescriptor(meta: RuleMeta, options: SarifOptions): ReportingDescriptor {
  const c = classificationOf(meta.id);
  const tags =
    c.kind === 'security'
      ? ['security', ...c.cwe.map((n) => `external/cwe/cwe-${n}`)]
      : ['correctness', ...c.cwe.map((n) => `external/cwe/cwe-${n}`)];
  return {
    id: meta.id,
    name: pascalName(meta.name),
    shortDescription: { text: meta.name },
    fullDescription: { text: meta.docs.what },
    help: { text: `${meta.docs.why}\n\n${meta.docs.fix}`, markdown: renderRuleDoc(meta) },
    helpUri: `${options.helpUriBase}${meta.id}.md`,
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
    properties: {
      family: meta.family,
      tags,
      precision: 'high',
      ...(c.kind === 'security'
        ? { 'security-severity': securitySeverityOf(meta.id, meta.defaultSeverity).toFixed(1) }
        : { 'problem.severity': PROBLEM_SEVERITY[meta.defaultSeverity] }),
    },
  };
}

/** A path as SARIF wants it: relative to %SRCROOT% with forward slashes, or an absolute file URI outside it. */
export function artifactOf(file: string, root: string): ArtifactLocation {
  const relative = path.relative(root, path.resolve(file));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative))
    return { uri: pathToFileURL(path.resolve(file)).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** A SARIF 2.1.0 log (what GitHub code scanning reads): one run, with its invocation and notifications. */
export function toSarif(
  files: readonly FileReport[],
  unreadable: readonly Unreadable[],
  rules: readonly RuleMeta[],
  options: SarifOptions,
): Log {
  const used = new Set(
    files.flatMap((f) =>
      [
        ...f.findings,
        ...f.suppressed.map((s) => s.finding),
        ...f.internalErrors.map((e) => ({ ruleId: e.ruleId })),
      ].map((x) => x.ruleId),
    ),
  );
  const descriptors = [
    ...rules.filter((r) => used.has(r.id)).map((r) => ruleDescriptor(r, options)),
    // The linter's own findings (syntax errors, suppression problems) have no rule object.
    ...[...used]
      .filter((id) => !rules.some((r) => r.id === id))
      .map((id): ReportingDescriptor => ({
        id,
        shortDescription: { text: id },
        properties: { tags: ['correctness'] },
      })),
  ];
  const ruleIndex = new Map(descriptors.map((r, i) => [r.id, i]));
  const entries: {
    f: Finding;
    s?: FileReport['suppressed'][number];
    print?: string;
    location: (span?: Span) => Location;
  }[] = [];
  const notifications: Notification[] = [];
  for (const file of files) {
    const index = new LineIndex(file.text);
    const artifactLocation = artifactOf(file.path, options.root);
    // SARIF lines and columns are 1-based; columns count UTF-16 code units (run.columnKind), as JavaScript strings do.
    const location = (span?: Span): Location => {
      if (!span) return { physicalLocation: { artifactLocation } };
      const start = index.positionAt(span.start);
      const end = index.positionAt(span.end);
      return {
        physicalLocation: {
          artifactLocation,
          region: {
            startLine: start.line + 1,
            startColumn: start.character + 1,
            endLine: end.line + 1,
            endColumn: end.character + 1,
          },
        },
      };
    };
    const all: { f: Finding; s?: FileReport['suppressed'][number] }[] = [
      ...file.findings.map((f) => ({ f })),
      ...file.suppressed.map((s) => ({ f: s.finding, s })),
    ];
    const prints = file.source
      ? fingerprints(
          artifactLocation.uri ?? file.path,
          all.map((x) => x.f),
          file.source,
          file.text,
        )
      : [];
    all.forEach(({ f, s }, i) => entries.push({ f, s, print: prints[i], location }));
    for (const n of file.notAnalysed) {
      notifications.push({
        level: 'note',
        descriptor: { id: 'not-analysed', index: 0 },
        message: { text: n.reason },
        locations: [location(n.span)],
      });
    }
    for (const e of file.internalErrors) {
      notifications.push({
        level: 'error',
        descriptor: { id: 'rule-failed', index: 1 },
        associatedRule: { id: e.ruleId, ...(ruleIndex.has(e.ruleId) && { index: ruleIndex.get(e.ruleId) }) },
        message: { text: `Rule ${e.ruleId} failed on ${e.where}: ${e.message}` },
        locations: [location()],
      });
    }
  }
  for (const u of unreadable) {
    notifications.push({
      level: 'error',
      descriptor: { id: 'unreadable', index: 2 },
      message: { text: `${u.path}: ${u.reason}` },
      locations: [{ physicalLocation: { artifactLocation: artifactOf(u.path, options.root) } }],
    });
  }
  const toResult = ({ f, s, print, location }: (typeof entries)[number]): Result => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(f.span)],
    ...(print && { partialFingerprints: { [FINGERPRINT_KEY]: print } }),
    // Suppressed findings are results too, with SARIF's suppressions: code scanning lists them as dismissed.
    ...(s && {
      suppressions: [
        { kind: s.kind === 'project' ? 'external' : 'inSource', ...(s.reason ? { justification: s.reason } : {}) },
      ],
    }),
  });
  const results = options.lazyResults
    ? (new MappedArray(entries, toResult) as unknown as Result[])
    : entries.map(toResult);
  const failed = files.some((f) => f.internalErrors.length > 0) || unreadable.length > 0;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'CloudWarden', version: options.version, rules: descriptors, notifications: NOTIFICATIONS },
        },
        invocations: [{ executionSuccessful: !failed, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(options.root).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
