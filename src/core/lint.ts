import type { Catalog } from './catalog/catalog';
import type { NotAnalysed, PolicyDocument, PolicySource, SourceFormat, Span } from './policy/model';
import { RULES } from './rules/registry';
import { atMost, type Finding, type Fix, type Report } from './rules/types';
import { readPolicySource, type ReadOptions } from './sources';
import { applySuppressions } from './config/suppress';
import { SYNTAX_ERROR } from './config/ids';
import { DocumentOutcomes, fileTraits } from './documentMemo';
import type { LintConfig, SuppressedFinding } from './config/types';
import { startingBy } from './text/search';

export type { LintConfig };

export interface LintResult {
  readonly source: PolicySource;
  /** Rule findings and syntax errors (rule id `syntax-error`), sorted by position. */
  readonly findings: readonly Finding[];
  /** Findings silenced by a comment, a CloudFormation Metadata entry or the project file: counted, never dropped. */
  readonly suppressed: readonly SuppressedFinding[];
  /** What could not be analysed (the reading's, and the file's problems when it holds no policy to report them on). */
  readonly notAnalysed: readonly NotAnalysed[];
  /** Rules that threw: reported to the user (editor, CLI exit code 2), never fatal and never swallowed. */
  readonly internalErrors: readonly InternalError[];
}

/** A rule that threw on this file: a bug of ours, reported with the rule's id so a user can turn it off. */
export interface InternalError {
  readonly ruleId: string;
  /** The document's path in the file (`Resources.Role.Properties.Policies[0]`), or `the file`. */
  readonly where: string;
  readonly message: string;
}

const NO_FIXES: readonly Fix[] = [];

/**
 * The fixes of a finding that are right where its document is written. In a document decoded from a
 * string every span is the whole string: no edit would be right. In a CDK construct or a Terraform block
 * the keys are the construct's own: a fix that inserts text adds an element by its IAM name, which the
 * construct would not understand; replacing a string or list items is right in any syntax. One place of
 * a CDK construct is IAM-shaped: inside a `conditions` object (operators holding keys and values), an
 * entry can be added as in JSON. And an edit written in the construct's own syntax (`native`: a Terraform
 * `condition {}` block, a CDK `conditions:` prop) is right there by construction.
 */
function fixesIn(
  document: PolicyDocument | undefined,
  given: readonly Fix[] | undefined,
  format: SourceFormat,
): readonly Fix[] {
  if (!given || document?.coarseSpans || document?.inString) return NO_FIXES;
  // A value shown at a reference (a Terraform variable's default at `var.actions`) is written elsewhere:
  // an edit there or next to it would rewrite the reference.
  const borrowed = document?.borrowed;
  const fixes = borrowed
    ? given.filter((fix) =>
        fix.edits.every(
          (edit) => !borrowed.some((b) => edit.span.start <= b.span.end && b.span.start <= edit.span.end),
        ),
      )
    : given;
  // A template rule's fix on a resource read from code (a Terraform aws_lambda_permission) would write
  // CloudFormation: only its replacements, and what is written in the code's own syntax, are kept.
  if (!document && (format === 'typescript' || format === 'terraform'))
    return fixes.filter((fix) => fix.edits.every((edit) => edit.span.end > edit.span.start || edit.native));
  if (!document?.construct) return fixes;
  const inside = insideCdkConditions(document);
  return fixes.filter((fix) =>
    fix.edits.every((edit) => edit.span.end > edit.span.start || edit.native || inside(edit.span.start)),
  );
}

/** The memo of a document's rule outcomes; a document the memo cannot key is checked afresh each time (the rules then report what fails). */
function outcomesOf(
  catalog: Catalog,
  document: PolicyDocument,
  text: string,
  traits: string,
): Pick<DocumentOutcomes, 'outcome'> {
  try {
    return new DocumentOutcomes(catalog, document, text, traits);
  } catch {
    return { outcome: (_ruleId, run) => run() };
  }
}

/**
 * The message, saying where the value came from when the finding is on a value read from elsewhere (a
 * Terraform variable's default in variables.tf): the text at the finding is only the reference
 * (`var.actions`), so without it the finding would point at something that does not say what is wrong.
 */
function withOrigin(document: PolicyDocument | undefined, report: Report): string {
  const from = document?.borrowed?.find(
    (b) => b.span.start <= report.span.start && report.span.end <= b.span.end,
  )?.from;
  return from ? `${report.message} (The value is ${from}.)` : report.message;
}

/**
 * The findings without repeats: one text can stand for several statements (a Terraform dynamic block's
 * content, a local used twice), and the same rule saying the same thing there is one finding.
 */
function distinct(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}\0${f.span.start}\0${f.span.end}\0${f.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

const conditionsByDocument = new WeakMap<PolicyDocument, (at: number) => boolean>();

/**
 * Whether an offset is inside one of the document's CDK `conditions` objects: found once per document
 * and looked up by binary search (asked for every fix of every finding; a scan of all statements each
 * time grew with findings × statements).
 */
function insideCdkConditions(document: PolicyDocument): (at: number) => boolean {
  let inside = conditionsByDocument.get(document);
  if (!inside) {
    const spans =
      document.construct === 'cdk'
        ? document.statements.flatMap((s) => (s.condition && !s.condition.unknown ? [s.condition.span] : []))
        : [];
    spans.sort((a, b) => a.start - b.start);
    // The furthest end among the spans that start at or before each one: spans may nest or repeat.
    const reach: number[] = [];
    for (const span of spans) reach.push(Math.max(span.end, reach.at(-1) ?? -Infinity));
    inside = (at) => {
      const before = startingBy(spans.length, (i) => spans[i]!.start, at, true);
      return before > 0 && reach[before - 1]! > at;
    };
    conditionsByDocument.set(document, inside);
  }
  return inside;
}

/** A rule that failed, in one line for a log or a status: its id, where, and what it threw. */
export function describeInternalError(e: InternalError): string {
  return `Rule ${e.ruleId} failed on ${e.where}: ${e.message}`;
}

/** What is said of a file whose lint failed outside the rules (the lint worker stopped, say). */
export function lintFailedReason(reason: string): string {
  return `CloudWarden could not lint this file (${reason}): not analysed. The output has details.`;
}

/** What the editor says of a file linted only when opened and saved (over cloudwarden.lint.maxFileSize). */
export function onSaveOnlyNotice(characters: number, limit: number): string {
  return `This file has ${characters.toLocaleString('en')} characters, over cloudwarden.lint.maxFileSize (${limit.toLocaleString('en')}): CloudWarden lints it when it is opened and saved, not as you type.`;
}

/** Finds the policies in a file's text and runs every enabled rule over them. Never throws. */
export function lintText(
  text: string,
  format: SourceFormat,
  catalog: Catalog,
  config: LintConfig = {},
  read: ReadOptions = {},
): LintResult {
  return lintSource(readPolicySource(text, format, read), text, catalog, config);
}

/** Like lintText, on policies already read from `text` (the server keeps one reading per document version). */
export function lintSource(source: PolicySource, text: string, catalog: Catalog, config: LintConfig = {}): LintResult {
  const findings: Finding[] = [];
  const internalErrors: InternalError[] = [];
  const notAnalysed: NotAnalysed[] = [...(source.notAnalysed ?? [])];
  // Syntax errors matter only in files that hold policies; VS Code reports them in every other JSON/YAML file.
  // A file read as no shape at all has problems only when reading it failed (too deep, an internal error):
  // that is a file not analysed, said as such rather than dropped.
  if (source.shape !== 'none') {
    for (const p of source.problems)
      findings.push({ ruleId: SYNTAX_ERROR, severity: 'error', message: p.message, span: p.span, fixes: [] });
  } else {
    for (const p of source.problems)
      notAnalysed.push({ reason: p.message, ...(p.span.end > p.span.start && { span: p.span }) });
  }
  const traits = fileTraits(source, text);
  // Per-document outcomes by what the rules see of each document: unchanged documents cost a lookup.
  const outcomes = source.documents.map((document) =>
    document.derivedFrom ? undefined : outcomesOf(catalog, document, text, traits),
  );
  for (const rule of RULES) {
    const setting = config.rules?.[rule.meta.id];
    if (setting === 'off') continue;
    const severity = setting ?? rule.meta.defaultSeverity;
    const push = (f: Report, document: PolicyDocument | undefined) =>
      findings.push({
        ruleId: rule.meta.id,
        severity: atMost(severity, f.severity),
        message: withOrigin(document, f),
        span: f.span,
        fixes: fixesIn(document, f.fixes, source.format),
      });
    const fail = (where: string, error: unknown) =>
      internalErrors.push({
        ruleId: rule.meta.id,
        where,
        message: error instanceof Error ? error.message : String(error),
      });
    if (rule.check) {
      const check = rule.check.bind(rule);
      source.documents.forEach((document, i) => {
        // A derived document (a CDK grant) has nothing to edit: only rules over whole principals read it.
        const memo = outcomes[i];
        if (!memo) return;
        const outcome = memo.outcome(rule.meta.id, () => {
          const reports: Report[] = [];
          try {
            check(document, { catalog, text, source, report: (f) => reports.push(f) });
            return { reports };
          } catch (error) {
            return { error: error instanceof Error ? error.message : String(error) };
          }
        });
        if ('error' in outcome) fail(document.path || 'the policy', outcome.error);
        else for (const report of outcome.reports) push(report, document);
      });
    }
    if (rule.checkSource) {
      try {
        rule.checkSource(source, { catalog, text, report: push });
      } catch (error) {
        fail('the file', error);
      }
    }
  }
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  const applied = applySuppressions(distinct(findings), {
    text,
    format: source.format,
    external: config.suppressions ?? [],
    rules: config.rules ?? {},
    strings: stringsOf(source),
  });
  return { source, findings: applied.findings, suppressed: applied.suppressed, notAnalysed, internalErrors };
}

/** The spans of the strings that hold the policy documents of `source` (a YAML block scalar, an escaped JSON string). */
export function stringsOf(source: PolicySource): Span[] {
  const strings: Span[] = [];
  for (const document of source.documents) if (document.inString) strings.push(document.inString);
  return strings;
}
