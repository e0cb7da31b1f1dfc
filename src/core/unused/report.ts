/**
 * The workspace's unused-permissions report: every principal the code's policies are mapped to, what its
 * policies grant against what it used, the riskiest unused grants first. Plain data for the webview, and
 * Markdown to share (a pull request, a ticket). Pure.
 */
import type { Catalog } from '../catalog/catalog';
import type { AccessLevel } from '../catalog/types';
import { ESCALATION_METHODS } from '../analysis/escalation';
import type { DeniedAction } from './evidence';
import type { JudgedAction } from './judge';

/** One judged policy of a file, as the editor judged it. */
export interface ReportInput {
  /** The file's URI, to open it. */
  readonly uri: string;
  /** The file, relative to the workspace folder, `/`-separated. */
  readonly file: string;
  /** 1-based line of the policy. */
  readonly line: number;
  readonly principal: string;
  readonly mappingEvidence: string;
  /** The evidence, described (`based on 90 days of CloudTrail log files ...`). */
  readonly evidence: string;
  readonly actions: readonly JudgedAction[];
  readonly denied: readonly DeniedAction[];
}

/** An unused grant, with why it matters. */
export interface ReportGrant {
  readonly action: string;
  readonly accessLevel?: AccessLevel;
  /** Completes a published privilege-escalation method with the principal's other grants. */
  readonly escalation: boolean;
  /** 3 escalation or permissions management, 2 write, 1 tagging, 0 read and list. */
  readonly risk: number;
  /** Why it matters, in words: `privilege escalation`, `Permissions management`, `Write`, ... */
  readonly label: string;
}

interface ReportPrincipal {
  readonly principal: string;
  readonly policies: readonly {
    readonly uri: string;
    readonly file: string;
    readonly line: number;
    readonly mappingEvidence: string;
  }[];
  readonly evidence: string;
  /** Distinct actions granted over all its policies, by verdict. */
  readonly counts: {
    readonly granted: number;
    readonly used: number;
    readonly unused: number;
    readonly unknown: number;
  };
  /** Unused grants, riskiest first (then by name). */
  readonly unused: readonly ReportGrant[];
  readonly denied: readonly DeniedAction[];
}

export interface UnusedReport {
  /** Epoch ms. */
  readonly generatedAt: number;
  /** Principals, those with the riskiest unused grants first. */
  readonly principals: readonly ReportPrincipal[];
  /** Files read that held no policy mapped to a principal. */
  readonly unmappedFiles: number;
}

const RISK_OF_LEVEL: Record<AccessLevel, number> = {
  'Permissions management': 3,
  Write: 2,
  Tagging: 1,
  Read: 0,
  List: 0,
};

/** Groups judged policies by principal; the same action granted by two policies counts once. */
export function buildReport(
  inputs: readonly ReportInput[],
  o: { readonly catalog: Catalog; readonly now: number; readonly unmappedFiles: number },
): UnusedReport {
  const byPrincipal = new Map<string, ReportInput[]>();
  for (const input of inputs) {
    const list = byPrincipal.get(input.principal);
    if (list === undefined) byPrincipal.set(input.principal, [input]);
    else list.push(input);
  }
  const principals = [...byPrincipal.values()].map((policies) => principalOf(policies, o.catalog));
  principals.sort(
    (a, b) =>
      riskTotal(b) - riskTotal(a) || b.counts.unused - a.counts.unused || a.principal.localeCompare(b.principal),
  );
  return { generatedAt: o.now, principals, unmappedFiles: o.unmappedFiles };
}

function principalOf(policies: readonly ReportInput[], catalog: Catalog): ReportPrincipal {
  const status = new Map<string, JudgedAction['verdict']['status']>();
  for (const p of policies) for (const a of p.actions) status.set(a.verdict.action, a.verdict.status);
  const counts = { granted: status.size, used: 0, unused: 0, unknown: 0 };
  const escalating = escalatingActions(new Set([...status.keys()].map((a) => a.toLowerCase())));
  const unused: ReportGrant[] = [];
  for (const [action, s] of status) {
    counts[s]++;
    if (s === 'unused') unused.push(grantOf(action, catalog, escalating));
  }
  unused.sort((a, b) => b.risk - a.risk || a.action.localeCompare(b.action));
  const denied = new Map<string, DeniedAction>();
  for (const p of policies) for (const d of p.denied) denied.set(d.action, d);
  return {
    principal: policies[0]!.principal,
    policies: policies.map((p) => ({ uri: p.uri, file: p.file, line: p.line, mappingEvidence: p.mappingEvidence })),
    // Without its full stop (a missing source's reason ends with one): the renderers end the sentence.
    evidence: policies[0]!.evidence.replace(/\.\s*$/, ''),
    counts,
    unused,
    denied: [...denied.values()].sort((a, b) => b.count - a.count || a.action.localeCompare(b.action)),
  };
}

/**
 * The granted actions (lower case) that complete a published privilege-escalation method with the
 * principal's other grants: one action of a method alone (ec2:StopInstances) escalates nothing.
 */
function escalatingActions(granted: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  for (const method of ESCALATION_METHODS) {
    const actions = method.actions.map((a) => a.toLowerCase());
    if (actions.every((a) => granted.has(a))) for (const a of actions) found.add(a);
  }
  return found;
}

function grantOf(action: string, catalog: Catalog, escalating: ReadonlySet<string>): ReportGrant {
  const accessLevel = catalog.action(action)?.accessLevel;
  const escalation = escalating.has(action.toLowerCase());
  const risk = escalation ? 3 : accessLevel === undefined ? 0 : RISK_OF_LEVEL[accessLevel];
  const label = escalation ? 'privilege escalation' : (accessLevel ?? 'unknown access level');
  return { action, escalation, risk, label, ...(accessLevel && { accessLevel }) };
}

/** The weight of a principal's unused grants: what an attacker holding its credentials gains for nothing. */
function riskTotal(p: ReportPrincipal): number {
  let total = 0;
  for (const g of p.unused) total += g.risk === 3 ? 100 : g.risk === 2 ? 10 : g.risk;
  return total;
}

/** The unused grants listed in full per principal; more are counted by access level. */
const LISTED = 25;

/** The report as Markdown: a summary table, then per principal its riskiest unused grants. */
export function reportMarkdown(report: UnusedReport): string {
  const lines = [
    '# Unused permissions',
    '',
    `Generated by CloudWarden on ${new Date(report.generatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    '',
  ];
  if (report.principals.length === 0) {
    lines.push(
      'No policy in the workspace is mapped to a deployed principal with evidence of use. Map one with a `principals` entry in `.cloudwarden.yaml`.',
    );
    return `${lines.join('\n')}\n`;
  }
  lines.push('| Principal | Granted | Used | Unused | Unknown | Risky unused |', '|---|---:|---:|---:|---:|---:|');
  for (const p of report.principals) {
    const c = p.counts;
    const risky = p.unused.filter((g) => g.risk >= 2).length;
    lines.push(`| \`${cell(p.principal)}\` | ${c.granted} | ${c.used} | ${c.unused} | ${c.unknown} | ${risky} |`);
  }
  for (const p of report.principals) {
    lines.push('', `## \`${p.principal}\``, '', `Evidence: ${p.evidence}.`, '', 'Policies:');
    for (const policy of p.policies)
      lines.push(`- \`${policy.file}:${policy.line}\` (principal from ${policy.mappingEvidence})`);
    if (p.unused.length > 0) {
      lines.push('', `Unused grants (${p.unused.length}), riskiest first:`);
      for (const g of p.unused.slice(0, LISTED)) lines.push(`- \`${g.action}\`: ${g.label}`);
      const rest = p.unused.slice(LISTED);
      if (rest.length > 0) lines.push(`- and ${rest.length} more (${levelCounts(rest)})`);
    }
    if (p.denied.length > 0) {
      lines.push('', 'Refused (needed but not granted):');
      for (const d of p.denied)
        lines.push(
          `- \`${d.action}\`: ${d.count} ${d.count === 1 ? 'time' : 'times'}, last ${new Date(d.last).toISOString().slice(0, 10)}`,
        );
    }
  }
  if (report.unmappedFiles > 0)
    lines.push('', `${report.unmappedFiles} more files hold policies mapped to no principal: they are not judged.`);
  return `${lines.join('\n')}\n`;
}

function levelCounts(grants: readonly ReportGrant[]): string {
  const counts = new Map<string, number>();
  for (const g of grants) counts.set(g.label, (counts.get(g.label) ?? 0) + 1);
  return [...counts].map(([label, n]) => `${n} ${label}`).join(', ');
}

/** A table cell's text: a pipe would end the cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
