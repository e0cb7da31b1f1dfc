/**
 * Rules that report named sensitive actions (credential-returning, data-reading) granted on every
 * resource without conditions, on the Action value that grants them (`s3:GetObject`, or the `s3:Get*`
 * that includes it).
 */
import { expandCached, isAdministrator, reachingEvery, statementGrants, type GrantVia } from '../../analysis/grants';
import type { Catalog } from '../../catalog/catalog';
import type { Action } from '../../catalog/types';
import type { PolicyDocument } from '../../policy/model';
import { isAllow, literal, valuesOf } from '../../policy/values';
import { conditionRestricts, conditionVerdict, unrestrictedNote } from '../../analysis/conditions';
import type { RuleContext } from '../types';

/** One action of a list, with why it is on it. */
export interface SensitiveAction {
  readonly action: string;
  readonly why: string;
}

/**
 * Reports, per Action value, the listed actions it grants on every resource of their type with no
 * Condition that restricts (an empty one, or `StringLike "*"`, does not: analysis/conditions.ts).
 * Administrator access is admin-access's, NotAction allow-not-action's.
 */
const wantedByList = new WeakMap<
  readonly SensitiveAction[],
  { catalog: Catalog; order: ReadonlyMap<Action, number> }
>();

/** The list's actions as the catalog has them, with their place in the list (messages keep its order). */
function wantedActions(list: readonly SensitiveAction[], catalog: Catalog): ReadonlyMap<Action, number> {
  const known = wantedByList.get(list);
  if (known?.catalog === catalog) return known.order;
  const order = new Map<Action, number>();
  list.forEach((s, i) => {
    const action = catalog.action(s.action);
    if (action && !order.has(action)) order.set(action, i);
  });
  wantedByList.set(list, { catalog, order });
  return order;
}

export function reportSensitive(
  document: PolicyDocument,
  ctx: RuleContext,
  list: readonly SensitiveAction[],
  message: (written: string, actions: readonly Action[], everywhere: boolean) => string,
): void {
  if (document.kind !== 'identity') return;
  const wanted = wantedActions(list, ctx.catalog);
  for (const statement of document.statements) {
    // Deny statements and those a Condition restricts are never reported: skip them before expanding their actions.
    if (!isAllow(statement) || conditionRestricts(statement, ctx.catalog) || isAdministrator(statement, ctx.catalog))
      continue;
    const grants = statementGrants(statement, ctx.catalog);
    if (grants.effect !== 'Allow' || grants.inverted || grants.conditional) continue;
    // Each value's (remembered) expansion walked against the few wanted actions; the first value naming one reports it.
    const byValue = new Map<GrantVia, Action[]>();
    const seen = new Set<Action>();
    for (const value of valuesOf(statement.action)) {
      const text = literal(value);
      if (text === undefined) continue;
      for (const action of expandCached(ctx.catalog, text)) {
        if (!wanted.has(action) || seen.has(action)) continue;
        seen.add(action);
        if (reachingEvery(grants, action, ctx.catalog)) byValue.set(value, [...(byValue.get(value) ?? []), action]);
      }
    }
    for (const actions of byValue.values()) actions.sort((a, b) => wanted.get(a)! - wanted.get(b)!);
    const everywhere = grants.resources.everything.length > 0;
    const note = unrestrictedNote(conditionVerdict(statement, ctx.catalog));
    for (const [via, actions] of byValue) {
      ctx.report({
        span: via.span,
        message: message(ctx.text.slice(via.span.start, via.span.end), actions, everywhere) + note,
      });
    }
  }
}

export function nameList(actions: readonly Action[]): string {
  const names = actions.map((a) => a.fullName);
  return names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
