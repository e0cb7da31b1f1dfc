/**
 * A policy document against its principal's usage: which of the actions it grants were used, which were
 * not, which no evidence can see; and the findings a developer reads at the granting element, with fixes
 * in the file's own language (remove an unused action, narrow a wildcard to what was used, remove a
 * statement nothing in it was used of).
 */
import type { Catalog } from '../catalog/catalog';
import type { Action } from '../catalog/types';
import { statementGrants } from '../analysis/grants';
import type { PolicyDocument, SourceFormat, Span, Statement, Value, ValueList } from '../policy/model';
import { hasWildcard, isAllow, literal } from '../policy/values';
import { removeListItem } from '../rules/edits';
import { writeActions } from '../rules/fixes/expandWildcard';
import type { Finding, Fix, Severity } from '../rules/types';
import type { DeniedAction } from './evidence';
import { count, day, duration } from './describe';
import type { ActionVerdict, Usage } from './merge';
import { removeStatement } from './removeStatement';

/** The findings of unused-permission analysis, by id (stable: settings and suppressions may name them). */
const UNUSED_IDS = {
  action: 'unused-action',
  wildcard: 'mostly-unused-wildcard',
  statement: 'unused-statement',
  principal: 'unused-principal',
  denied: 'denied-action',
} as const;

export interface UnusedFinding extends Finding {
  /** Shown faded (LSP's Unnecessary tag): the text grants what nobody used. */
  readonly unnecessary: boolean;
}

/** One granted action and what the evidence says of it, at the value that grants it. */
export interface JudgedAction {
  readonly verdict: ActionVerdict;
  readonly span: Span;
}

export interface DocumentJudgement {
  readonly actions: readonly JudgedAction[];
  readonly findings: readonly UnusedFinding[];
  /** Actions the principal was refused that this document does not grant. */
  readonly denied: readonly DeniedAction[];
}

export interface JudgeContext {
  readonly text: string;
  readonly format: SourceFormat;
  readonly catalog: Catalog;
  readonly usage: Usage;
  /** `in the last 90 days`: how a message names the horizon. */
  readonly horizonDays: number;
  /** Now, epoch ms. */
  readonly now: number;
}

/** A list this long or longer is not offered as a narrowing: it would not read as least privilege. */
const MAX_NARROWED = 100;

/** Judges an identity policy of the principal; other kinds (trust, resource policies) are not about its use. */
export function judgeDocument(document: PolicyDocument, context: JudgeContext): DocumentJudgement {
  if (document.kind !== 'identity' && document.kind !== 'unknown') return { actions: [], findings: [], denied: [] };
  const actions: JudgedAction[] = [];
  const findings: UnusedFinding[] = [];
  for (const statement of document.statements) {
    const judged = judgeStatement(document, statement, context);
    for (const a of judged.actions) actions.push(a);
    findings.push(...judged.findings);
  }
  const refused = deniedOf(context.usage);
  const granted = new Set(refused.length === 0 ? [] : actions.map((a) => a.verdict.action.toLowerCase()));
  const denied = refused.filter((d) => !granted.has(d.action.toLowerCase()));
  findings.push(...deniedFindings(document, denied, context), ...principalFindings(document, actions, context));
  return { actions, findings, denied };
}

function judgeStatement(
  document: PolicyDocument,
  statement: Statement,
  context: JudgeContext,
): { actions: JudgedAction[]; findings: UnusedFinding[] } {
  const list = statement.action?.list;
  if (!isAllow(statement) || statement.unknown || list === undefined || list.unknown)
    return { actions: [], findings: [] };
  const grants = statementGrants(statement, context.catalog);
  const byValue = new Map<Value, Action[]>();
  for (const [action, via] of grants.actions) {
    if (!('kind' in via)) continue;
    const named = byValue.get(via);
    if (named === undefined) byValue.set(via, [action]);
    else named.push(action);
  }
  const actions: JudgedAction[] = [];
  const perValue: UnusedFinding[] = [];
  list.values.forEach((value, index) => {
    const named = byValue.get(value) ?? [];
    const verdicts = named.map((a) => context.usage.verdict(a.fullName));
    for (const verdict of verdicts) actions.push({ verdict, span: value.span });
    const finding = valueFinding(document, list, value, index, verdicts, context);
    if (finding !== undefined) perValue.push(finding);
  });
  // Nothing the statement grants was used (and everything it grants could have been seen): one finding
  // for the statement says it, rather than one per action.
  const whole = actions.length > 0 && grants.certain && actions.every((a) => a.verdict.status === 'unused');
  if (!whole) return { actions, findings: perValue };
  const verdicts = actions.map((a) => a.verdict);
  const fix = removeStatement(context.text, context.format, document, statement);
  return {
    actions,
    findings: [
      {
        ruleId: UNUSED_IDS.statement,
        severity: 'warning',
        message: `None of the ${count(verdicts.length, 'action')} this statement grants was used ${window(verdicts, context)}.`,
        span: statement.span,
        fixes: fix ? [{ title: 'Remove the unused statement', edits: [fix] }] : [],
        unnecessary: true,
      },
    ],
  };
}

/** The finding of one Action value: unused as a whole, or a wildcard of which little was used. */
function valueFinding(
  document: PolicyDocument,
  list: ValueList,
  value: Value,
  index: number,
  verdicts: readonly ActionVerdict[],
  context: JudgeContext,
): UnusedFinding | undefined {
  const written = literal(value);
  if (written === undefined || verdicts.length === 0) return undefined;
  const used = verdicts.filter((v) => v.status === 'used');
  const unknown = verdicts.filter((v) => v.status === 'unknown');
  const unused = verdicts.filter((v) => v.status === 'unused');
  if (unused.length === 0) return undefined;
  const editable = !document.inString && !document.coarseSpans;
  if (used.length === 0 && unknown.length === 0) {
    const removal = editable
      ? removeListItem(
          context.text,
          list.values.map((v) => v.span),
          index,
        )
      : undefined;
    const what = hasWildcard(written)
      ? `${written} grants ${count(verdicts.length, 'action')}; none was used`
      : `${written} was not used`;
    return {
      ruleId: UNUSED_IDS.action,
      severity: 'warning',
      message: `${what} ${window(verdicts, context)}${lastUse(verdicts)}.`,
      span: value.span,
      fixes: removal ? [{ title: `Remove ${written}`, edits: [removal], preferred: true }] : [],
      unnecessary: true,
    };
  }
  if (!hasWildcard(written)) return undefined;
  const keep = [...used, ...unknown].map((v) => v.action).sort();
  const fixes: Fix[] =
    editable && keep.length < MAX_NARROWED
      ? [
          {
            title:
              unknown.length === 0
                ? `Narrow ${written} to the ${count(used.length, 'used action')}`
                : `Narrow ${written} to the ${count(used.length, 'used action')} and the ${unknown.length} the evidence cannot see`,
            edits: [writeActions(context.text, context.format, value, list, keep)],
            preferred: true,
          },
        ]
      : [];
  const usedText =
    used.length === 0
      ? 'none'
      : used
          .map((v) => v.action)
          .sort()
          .join(', ');
  const unknownText = unknown.length === 0 ? '' : ` ${unknown.length} cannot be judged (${unknown[0]!.reason}).`;
  return {
    ruleId: UNUSED_IDS.wildcard,
    severity: 'info' satisfies Severity,
    message: `${written} grants ${count(verdicts.length, 'action')}; used ${window(verdicts, context)}: ${usedText}.${unknownText}`,
    span: value.span,
    fixes,
    unnecessary: false,
  };
}

/** Said once per document: the principal itself went unused (Access Analyzer's UnusedIAMRole). */
function principalFindings(
  document: PolicyDocument,
  actions: readonly JudgedAction[],
  context: JudgeContext,
): UnusedFinding[] {
  const analyzer = context.usage.principal.evidence.find((e) => e.kind === 'accessAnalyzer');
  const unusedRole = analyzer?.kind === 'accessAnalyzer' && analyzer.findings.some((f) => f.type === 'UnusedIAMRole');
  if (!unusedRole || actions.some((a) => a.verdict.status === 'used')) return [];
  return [
    {
      ruleId: UNUSED_IDS.principal,
      severity: 'info',
      message: `${context.usage.principal.principal} has not been used in ${analyzer.unusedAccessAgeDays} days (${analyzer.label}): consider removing it and its policies.`,
      span: document.statementKey?.span ?? document.span,
      fixes: [],
      unnecessary: false,
    },
  ];
}

function deniedFindings(
  document: PolicyDocument,
  denied: readonly DeniedAction[],
  context: JudgeContext,
): UnusedFinding[] {
  if (denied.length === 0) return [];
  const source = context.usage.principal.evidence.find((e) => e.kind === 'cloudtrail')?.label ?? 'CloudTrail';
  const list = denied.map((d) => `${d.action} (${count(d.count, 'time')}, last ${day(d.last)})`).join(', ');
  return [
    {
      ruleId: UNUSED_IDS.denied,
      severity: 'info',
      message: `${context.usage.principal.principal} was refused actions this policy does not grant: ${list} (${source}). If it needs them, grant them here.`,
      span: document.statementKey?.span ?? document.span,
      fixes: denied.slice(0, MAX_GRANT_FIXES).flatMap((d) => grantFix(document, d.action, context) ?? []),
      unnecessary: false,
    },
  ];
}

/** More refused actions than this are a missing policy, not a few missing actions: no fix per action. */
const MAX_GRANT_FIXES = 10;

/**
 * Adds a refused action to an Allow statement's Action list: the first that already grants an action of
 * the same service (its resources are the likeliest to be the ones the call needed), else the first with
 * a list of literal actions. The statement's resources and conditions stay as written: the title names
 * the statement so that the developer sees where the grant lands.
 */
function grantFix(document: PolicyDocument, action: string, context: JudgeContext): Fix | undefined {
  if (document.inString || document.coarseSpans) return undefined;
  const candidates = document.statements.filter(
    (s) =>
      isAllow(s) &&
      !s.unknown &&
      s.action?.list !== undefined &&
      !s.action.list.unknown &&
      s.action.list.values.length > 0,
  );
  const service = `${action.slice(0, action.indexOf(':')).toLowerCase()}:`;
  const sameService = (s: Statement) =>
    s.action!.list.values.some((v) => literal(v)?.toLowerCase().startsWith(service) === true);
  const target = candidates.find(sameService) ?? candidates[0];
  if (target === undefined) return undefined;
  const list = target.action!.list;
  const last = list.values[list.values.length - 1]!;
  const written = literal(last);
  if (written === undefined) return undefined;
  const sidText = target.sid === undefined ? undefined : literal(target.sid.value);
  const sid = sidText === undefined ? '' : ` ${sidText}`;
  return {
    title: `Grant ${action} in the statement${sid} that allows ${written}`,
    edits: [writeActions(context.text, context.format, last, list, [written, action])],
  };
}

function deniedOf(usage: Usage): DeniedAction[] {
  return usage.principal.evidence.flatMap((e) => (e.kind === 'cloudtrail' ? e.denied : []));
}

/**
 * `in the last 90 days (CloudTrail log files, IAM last-accessed data)`, from the verdicts' sources; a
 * period that ended more than a day ago is named by its dates (`in the 2 days from 2023-07-09 to
 * 2023-07-11`): a copy of old logs says nothing of last week.
 */
function window(verdicts: readonly ActionVerdict[], context: JudgeContext): string {
  // One pass: a wildcard's verdicts are hundreds, and this runs for every finding.
  let longest: ActionVerdict | undefined;
  const named = new Set<string>();
  for (const v of verdicts) {
    for (const source of v.sources) named.add(source);
    if (v.status === 'unused' && (v.days ?? 0) > (longest?.days ?? -1)) longest = v;
  }
  const days = longest?.days ?? context.horizonDays;
  const sources = [...named];
  const until = longest?.until ?? context.now;
  const period =
    context.now - until > DAY_MS
      ? `in the ${duration(days)} from ${day(until - days * DAY_MS)} to ${day(until)}`
      : `in the last ${duration(days)}`;
  return `${period}${sources.length === 0 ? '' : ` (${sources.join(', ')})`}`;
}

const DAY_MS = 86_400_000;

/** `; last used on 2026-01-04` when a source knows an older use. */
function lastUse(verdicts: readonly ActionVerdict[]): string {
  let last = -Infinity;
  for (const v of verdicts) if (v.lastUsed !== undefined && v.lastUsed > last) last = v.lastUsed;
  return Number.isFinite(last) ? `; last used on ${day(last)}` : '';
}
