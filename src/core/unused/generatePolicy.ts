/**
 * A least-privilege policy from what a principal did: the actions it was allowed, grouped by service, on
 * the resources its calls named. Refused calls are not use and are not granted (the answer lists them).
 */
import type { ActionResourceUse } from '../activity/resourceUse';
import { actionResourceTypes, literalArnCanBe, policyArn } from '../catalog/actionResources';
import type { Catalog } from '../catalog/catalog';
import type { Action } from '../catalog/types';

export interface GeneratedStatement {
  /** `S3`, `Iam`; `S3Group2` when a service's actions need several resource lists. */
  readonly sid: string;
  /** Sorted, in the catalog's casing. */
  readonly actions: readonly string[];
  /** Sorted ARNs, or `["*"]`. */
  readonly resources: readonly string[];
}

/** An action the principal used that the policy does not grant, and why. */
interface LeftOut {
  readonly action: string;
  readonly reason: string;
}

export interface GeneratedPolicy {
  readonly statements: readonly GeneratedStatement[];
  readonly leftOut: readonly LeftOut[];
  /**
   * Actions whose calls named more resources than were kept, or some by a name that gave no ARN: their
   * lists are partial.
   */
  readonly partial: readonly string[];
}

/** What one used action is granted on, or why it is not granted. */
type Grant = { readonly resources: readonly string[] } | { readonly reason: string };

/**
 * The policy: each action on the ARNs of its calls that are of one of its resource types; wildcard-only
 * actions on `"*"`. An action whose calls named none of its resources needs a choice, made here after what
 * the rules say of `"*"` (rules/leastPrivilege/wildcards.ts, unconstrained.ts): List actions on `"*"` are
 * never reported ("how listing works"), so they get `"*"`; Read actions get an information finding, and
 * Write, Permissions-management and Tagging actions, and the data-reading and credential-returning ones,
 * a warning. Those are left out and listed with the reason, so the person adds them with the resources
 * they need: the policy then lints clean by construction, instead of granting what the linter flags.
 */
export function generatePolicy(uses: readonly ActionResourceUse[], catalog: Catalog): GeneratedPolicy {
  const granted = new Map<Action, Set<string>>();
  const leftOut: LeftOut[] = [];
  const partial = new Set<string>();
  for (const use of uses) {
    const action = catalog.action(use.action);
    if (action === undefined) {
      leftOut.push({ action: use.action, reason: 'not an action of the IAM catalog' });
      continue;
    }
    const grant = grantOf(action, use, catalog);
    if ('reason' in grant) {
      leftOut.push({ action: action.fullName, reason: grant.reason });
      continue;
    }
    // Two spellings of one action (the event model's and the catalog's casing) share their resources.
    const resources = granted.get(action) ?? new Set();
    for (const r of grant.resources) resources.add(r);
    granted.set(action, resources);
    // Calls that named more ARNs than were kept, or resources by a name that gave no ARN: a partial list.
    if ((use.more || use.unnamed !== undefined) && grant.resources[0] !== '*') partial.add(action.fullName);
  }
  return {
    statements: statementsOf(granted),
    leftOut: leftOut.sort((a, b) => compare(a.action, b.action)),
    partial: [...partial].sort(compare),
  };
}

function grantOf(action: Action, use: ActionResourceUse, catalog: Catalog): Grant {
  if (action.wildcardOnly) return { resources: ['*'] };
  const types = actionResourceTypes(catalog, action) ?? [];
  // An ARN with `*`, `?` or `${` would be a pattern or a variable in a policy, not the resource it names.
  const arns = use.resources.filter(
    (arn) => !/[*?]|\$\{/.test(arn) && types.some((t) => literalArnCanBe(t, arn, () => policyArn(arn))),
  );
  if (arns.length > 0) return { resources: arns };
  if (action.accessLevel === 'List') return { resources: ['*'] };
  const names = types.slice(0, 3).map((t) => t.name);
  const more = types.length > 3 ? ` or ${types.length - 3} other types` : '';
  const what = names.length === 0 ? 'resource of its types' : `${names.join(', ')}${more}`;
  // Names the calls gave that made no ARN (an IAM role without its path): the person learns why.
  const unnamed = use.unnamed === undefined ? '' : ` (${use.unnamed.join('; ')})`;
  return {
    reason: `its ${use.count === 1 ? 'call' : `${use.count} calls`} named no ${what}${unnamed}; "*" would grant it on every resource`,
  };
}

/** By service, then by resource list: actions that share their resources share a statement. */
function statementsOf(granted: ReadonlyMap<Action, ReadonlySet<string>>): GeneratedStatement[] {
  const byService = new Map<string, Map<string, string[]>>();
  for (const [action, resources] of granted) {
    // "*" (a List action some of whose calls named resources) covers the ARNs.
    const key = resources.has('*') ? '*' : [...resources].sort(compare).join('\n');
    const service = byService.get(action.service.prefix) ?? new Map<string, string[]>();
    byService.set(action.service.prefix, service);
    service.set(key, [...(service.get(key) ?? []), action.fullName]);
  }
  const statements: GeneratedStatement[] = [];
  for (const prefix of [...byService.keys()].sort(compare)) {
    const groups = [...byService.get(prefix)!]
      .map(([key, actions]) => ({ actions: actions.sort(compare), resources: key.split('\n') }))
      .sort((a, b) => compare(a.actions[0]!, b.actions[0]!));
    const name = sidOf(prefix);
    groups.forEach((g, i) => statements.push({ sid: groups.length === 1 ? name : `${name}Group${i + 1}`, ...g }));
  }
  return statements;
}

/** A Sid from a service prefix: letters and digits only, as IAM requires (`resource-groups` → `ResourceGroups`). */
function sidOf(prefix: string): string {
  return prefix
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
