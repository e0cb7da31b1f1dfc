/**
 * Rules that report named sensitive actions (credential-returning, data-reading) granted on every
 * resource without conditions, on the Action value that grants them (`s3:GetObject`, or the `s3:Get*`
 * that includes it).
 */
import { grantVia, isAdministrator, reachingEvery, statementGrants, type GrantVia } from '../../analysis/grants';
import type { Action } from '../../catalog/types';
import type { PolicyDocument } from '../../policy/model';
import { hasConditions, isAllow } from '../values';
import type { RuleContext } from '../types';

/** One action of a list, with why it is on it. */
export interface SensitiveAction {
  readonly action: string;
  readonly why: string;
}

/**
 * Reports, per Action value, the listed actions it grants on every resource of their type without
 * conditions. Administrator access is admin-access's, NotAction allow-not-action's.
 */
export function reportSensitive(
  document: PolicyDocument,
  ctx: RuleContext,
  list: readonly SensitiveAction[],
  message: (written: string, actions: readonly Action[], everywhere: boolean) => string,
): void {
  if (document.kind !== 'identity') return;
  const wanted = list.map((s) => ctx.catalog.action(s.action)).filter((a): a is Action => a !== undefined);
  for (const statement of document.statements) {
    // Conditional and Deny statements are never reported: skip them before expanding their actions.
    if (hasConditions(statement) || !isAllow(statement) || isAdministrator(statement)) continue;
    const grants = statementGrants(statement, ctx.catalog);
    if (grants.effect !== 'Allow' || grants.inverted || grants.conditional) continue;
    const byValue = new Map<GrantVia, Action[]>();
    for (const action of wanted) {
      // Looked for, not expanded: the statement may grant thousands of actions, the list holds a few.
      const via = grantVia(grants, action);
      if (!via || !reachingEvery(grants, action, ctx.catalog)) continue;
      byValue.set(via, [...(byValue.get(via) ?? []), action]);
    }
    const everywhere = grants.resources.everything.length > 0;
    for (const [via, actions] of byValue) {
      ctx.report({ span: via.span, message: message(ctx.text.slice(via.span.start, via.span.end), actions, everywhere) });
    }
  }
}

export function nameList(actions: readonly Action[]): string {
  const names = actions.map((a) => a.fullName);
  return names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
