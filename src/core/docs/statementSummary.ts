/**
 * One line per statement saying what it really grants, for the CodeLens above each statement:
 * "Allow 153 actions on 2 resources: 12 Write, 3 Permissions management · privilege escalation:
 * iam:PassRole + lambda:CreateFunction". Patterns are expanded, NotAction is counted as what it leaves,
 * and parts that are unknown (CloudFormation intrinsics) are said to be, never guessed.
 */
import type { Catalog } from '../catalog/catalog';
import type { AccessLevel } from '../catalog/types';
import type { PolicySource, Span, Statement } from '../policy/model';
import { escalationsIn } from '../rules/leastPrivilege/privilegeEscalation';
import { statementGrants, type StatementGrants } from '../analysis/grants';

export interface StatementSummary {
  /** The statement's span: the lens goes on its first line. */
  readonly span: Span;
  readonly title: string;
}

/** Most dangerous first: what a reviewer wants to see before the reads. */
const LEVELS: readonly AccessLevel[] = ['Permissions management', 'Write', 'Tagging', 'Read', 'List'];

export function summarizeStatements(source: PolicySource, catalog: Catalog): StatementSummary[] {
  const escalations = new Map<Statement, string[]>();
  for (const { method, sites } of escalationsIn(source, catalog)) {
    for (const site of sites.flat()) {
      const list = escalations.get(site.grants.statement) ?? [];
      const combination = method.actions.join(' + ');
      if (!list.includes(combination)) list.push(combination);
      escalations.set(site.grants.statement, list);
    }
  }
  const out: StatementSummary[] = [];
  for (const document of source.documents) {
    if (document.coarseSpans) continue;
    for (const statement of document.statements) {
      if (statement.unknown) continue;
      const title = summarize(statementGrants(statement, catalog), escalations.get(statement));
      if (title) out.push({ span: statement.span, title });
    }
  }
  return out;
}

function summarize(grants: StatementGrants, escalations: readonly string[] | undefined): string | undefined {
  if (!grants.effect) return undefined;
  const n = grants.actions.size;
  const actions = `${n} action${n === 1 ? '' : 's'}`;
  const { resources } = grants;
  const on = resources.inverted
    ? `every resource but ${resources.count}`
    : resources.everything.length > 0
      ? 'every resource'
      : resources.count > 0
        ? `${resources.count} resource${resources.count === 1 ? '' : 's'}`
        : undefined;
  const levels = LEVELS.filter((l) => grants.countByLevel[l] > 0).map((l) => `${grants.countByLevel[l]} ${l}`);
  let title = `${grants.effect} ${actions}${on ? ` on ${on}` : ''}`;
  if (levels.length > 0) title += `: ${levels.join(', ')}`;
  const notes: string[] = [];
  if (grants.conditional) notes.push('with conditions');
  // A Condition written that restricts nothing (conditions.ts) is said, not passed over as "with conditions".
  else if (grants.statement.condition) notes.push('conditions restrict nothing');
  if (grants.unknown.length > 0)
    notes.push(
      `${grants.unknown.length === 1 ? 'a part' : `${grants.unknown.length} parts`} unknown (${[...new Set(grants.unknown.map((u) => u.what))].join(', ')})`,
    );
  if (notes.length > 0) title += ` · ${notes.join(' · ')}`;
  if (escalations && escalations.length > 0 && grants.effect === 'Allow') {
    title += ` · privilege escalation: ${escalations[0]}${escalations.length > 1 ? ` (+${escalations.length - 1} more)` : ''}`;
  }
  return title;
}
