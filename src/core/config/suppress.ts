/**
 * Applies the suppressions of one file (comments, CloudFormation Metadata, the project file's entries for
 * its path) to its findings. Nothing is hidden silently: each silenced finding is returned with the reason
 * and where the suppression is, and a suppression that silences nothing, names an unknown rule or gives no
 * reason is itself reported (info by default, configurable as the ids in ids.ts).
 */
import type { SourceFormat, Span } from '../policy/model';
import type { Finding, Severity } from '../rules/types';
import { LineIndex } from '../text/lines';
import { findCommentSuppressions } from './comments';
import { knownRuleIds, SUPPRESSION_FINDINGS, SUPPRESSION_WITHOUT_REASON, UNUSED_SUPPRESSION } from './ids';
import { findMetadataSuppressions, type MetadataSuppression } from './metadata';
import { didYouMean } from './suggest';
import type { ExternalSuppression, SuppressedFinding } from './types';
import { startingBy } from '../text/search';

export interface SuppressionContext {
  readonly text: string;
  readonly format: SourceFormat;
  readonly external: readonly ExternalSuppression[];
  readonly rules: Readonly<Record<string, Severity | 'off'>>;
  /** The strings that hold policy documents (PolicyDocument.inString): see suppressionLine. */
  readonly strings?: readonly Span[];
}

/**
 * Where the line is that a suppression comment for a finding at `at` sits above: the finding's own line,
 * or, inside a string that holds a policy (a YAML block scalar), the line where the string starts. A
 * comment line inside the string would be part of the policy's JSON.
 */
export function suppressionAnchor(at: number, strings: readonly Span[] | undefined): number {
  const holder = strings?.find((s) => s.start <= at && at < s.end);
  return holder ? holder.start : at;
}

/** Rule findings that a suppression cannot silence: a syntax error is not a judgement to accept. */
const UNSUPPRESSIBLE = new Set(['syntax-error', ...SUPPRESSION_FINDINGS]);

export function applySuppressions(
  findings: readonly Finding[],
  ctx: SuppressionContext,
): { findings: Finding[]; suppressed: SuppressedFinding[] } {
  const comments = findCommentSuppressions(ctx.text, ctx.format);
  // CloudFormation Metadata exists only in templates, written in JSON or YAML.
  const metadata = ctx.format === 'json' || ctx.format === 'yaml' ? findMetadataSuppressions(ctx.text, ctx.format) : [];
  if (comments.length === 0 && metadata.length === 0 && ctx.external.length === 0)
    return { findings: [...findings], suppressed: [] };
  const index = new LineIndex(ctx.text);
  // Looked up per finding by its line, and by the resource it starts in: not a scan of every suppression.
  const commentsByLine = new Map<number, number[]>();
  comments.forEach((c, i) => {
    const onLine = commentsByLine.get(c.line);
    if (onLine) onLine.push(i);
    else commentsByLine.set(c.line, [i]);
  });
  const metadataAt = metadataIndex(metadata);
  const used = new Set<string>();
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    if (UNSUPPRESSIBLE.has(f.ruleId)) {
      kept.push(f);
      continue;
    }
    const line = index.positionAt(suppressionAnchor(f.span.start, ctx.strings)).line;
    const ci = commentsByLine.get(line)?.find((i) => comments[i]!.rules.some((r) => r.id === f.ruleId)) ?? -1;
    if (ci >= 0) {
      used.add(`c${ci}:${f.ruleId}`);
      suppressed.push({ finding: f, reason: comments[ci]!.reason, kind: 'comment', span: comments[ci]!.span });
      continue;
    }
    const mi = metadataAt(f.span.start).find((i) => metadata[i]!.rules.some((r) => r.id === f.ruleId)) ?? -1;
    if (mi >= 0) {
      used.add(`m${mi}:${f.ruleId}`);
      suppressed.push({ finding: f, reason: metadata[mi]!.reason, kind: 'metadata', span: metadata[mi]!.span });
      continue;
    }
    const external = ctx.external.find(
      (e) => e.rules.includes(f.ruleId) && (e.match === undefined || elementText(ctx.text, f.span) === e.match),
    );
    if (external) {
      suppressed.push({ finding: f, reason: external.reason, kind: 'project', origin: external.origin });
      continue;
    }
    kept.push(f);
  }

  const ids = knownRuleIds();
  const report = (ruleId: string, span: Span, message: string) => {
    const setting = ctx.rules[ruleId];
    if (setting !== 'off') kept.push({ ruleId, severity: setting ?? 'info', message, span, fixes: [] });
  };
  const unused = (rule: { id: string; span: Span }, key: string, where: string) => {
    if (used.has(key) || ctx.rules[rule.id] === 'off') return;
    if (!ids.includes(rule.id))
      report(
        UNUSED_SUPPRESSION,
        rule.span,
        `Unknown rule id '${rule.id}' in a suppression.${didYouMean(rule.id, ids)}`,
      );
    else report(UNUSED_SUPPRESSION, rule.span, `Unused suppression: no '${rule.id}' finding ${where}.`);
  };
  comments.forEach((c, i) => {
    if (c.rules.length === 0)
      report(
        UNUSED_SUPPRESSION,
        c.span,
        'This suppression comment names no rule: write `cloudwarden-ignore <rule-id>: <reason>`.',
      );
    for (const r of c.rules) unused(r, `c${i}:${r.id}`, `on line ${c.line + 1}`);
    if (c.rules.length > 0 && !c.reason)
      report(
        SUPPRESSION_WITHOUT_REASON,
        c.span,
        'This suppression gives no reason: add one after a colon, `cloudwarden-ignore <rule-id>: <why it is acceptable>`.',
      );
  });
  metadata.forEach((m, i) => {
    if (m.rules.length === 0)
      report(
        UNUSED_SUPPRESSION,
        m.span,
        'This Metadata suppression names no rule: give `rule: <rule-id>` and `reason: <text>`.',
      );
    for (const r of m.rules) unused(r, `m${i}:${r.id}`, `in resource ${m.resource}`);
    if (m.rules.length > 0 && !m.reason)
      report(
        SUPPRESSION_WITHOUT_REASON,
        m.span,
        'This suppression gives no reason: add `reason: <why it is acceptable>`.',
      );
  });
  kept.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { findings: kept, suppressed };
}

/**
 * The Metadata suppressions whose resource holds an offset, in their order. Each resource's entries
 * share its span, and resources do not overlap: a binary search over the resources finds the one.
 */
function metadataIndex(metadata: readonly MetadataSuppression[]): (offset: number) => readonly number[] {
  const groups: { scope: Span; entries: number[] }[] = [];
  metadata.forEach((m, i) => {
    const last = groups.at(-1);
    if (last && last.scope.start === m.scope.start && last.scope.end === m.scope.end) last.entries.push(i);
    else groups.push({ scope: m.scope, entries: [i] });
  });
  groups.sort((a, b) => a.scope.start - b.scope.start);
  return (offset) => {
    const group = groups[startingBy(groups.length, (i) => groups[i]!.scope.start, offset) - 1];
    return group && offset < group.scope.end ? group.entries : [];
  };
}

/** The text a finding points at, without quotes: what a project-file suppression's `match` compares with. */
export function elementText(text: string, span: Span): string {
  return text.slice(span.start, span.end).replace(/^(["'])(.*)\1$/s, '$2');
}
