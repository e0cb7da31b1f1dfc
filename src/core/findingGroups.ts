/**
 * Findings on the same element, shown as one: a `"*"` can be six rules' concern at once (wildcard-action,
 * privilege-escalation, data-exfiltration...), and six squiggles on one character bury the message that
 * matters. The editor and the text output show one entry per element, headed by the most severe finding;
 * each finding stays itself in JSON and SARIF and is suppressed on its own.
 */
import type { Span } from './policy/model';
import { ruleById } from './rules/registry';
import { SEVERITIES, type Finding } from './rules/types';

export interface FindingGroup {
  /** The element all the findings are on. */
  readonly span: Span;
  /** The most severe finding (its severity is the group's; its message is the headline). */
  readonly head: Finding;
  /** The other findings on the element, most severe first. */
  readonly others: readonly Finding[];
  /** Every finding of the group, `head` first: for the quick fixes and suppressions of each. */
  readonly all: readonly Finding[];
}

/**
 * Among findings of one severity, the one whose message tells the most: what the element leads to (full
 * administrator, escalation to it, permission changes) before how it is written (a wildcard, a `"*"`).
 */
const HEADLINE_ORDER: readonly string[] = [
  'admin-access',
  'privilege-escalation',
  'permissions-management',
  'public-principal',
  'credentials-exposure',
  'data-exfiltration',
  'passrole-star-resource',
  'unconstrained-write',
  'wildcard-action',
  'resource-star',
];

/** Least-privilege and trust findings say what is at risk; validity and hygiene how it is written. */
const FAMILY_ORDER = ['least-privilege', 'trust-and-resource', 'validity', 'hygiene'];

function rank(finding: Finding): readonly number[] {
  const headline = HEADLINE_ORDER.indexOf(finding.ruleId);
  const family = ruleById(finding.ruleId)?.meta.family;
  return [
    SEVERITIES.indexOf(finding.severity),
    headline < 0 ? HEADLINE_ORDER.length : headline,
    family ? FAMILY_ORDER.indexOf(family) : FAMILY_ORDER.length,
  ];
}

function compare(a: Finding, b: Finding): number {
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
  return 0;
}

/**
 * The findings grouped by the exact span they are on, in the order of the input (sorted by position, as
 * lintSource returns them). Findings on different spans are never grouped, even when they overlap: a
 * statement-wide finding and one on an action inside it are about different things.
 */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const bySpan = new Map<string, Finding[]>();
  for (const finding of findings) {
    const key = `${finding.span.start}:${finding.span.end}`;
    const group = bySpan.get(key);
    if (group) group.push(finding);
    else bySpan.set(key, [finding]);
  }
  return [...bySpan.values()].map((group) => {
    // A stable sort keeps the rules' own order (registry order) among equals.
    const all = [...group].sort(compare);
    return { span: all[0]!.span, head: all[0]!, others: all.slice(1), all };
  });
}

/** One of the other findings of a group, as a line beneath the head: rule, severity, message. */
export function describeOther(f: Finding): string {
  return `${f.ruleId} (${f.severity}): ${f.message}`;
}
