/**
 * What a principal is granted across all its identity policies: in a template, every policy that
 * applies to one role (inline policies, AWS::IAM::Policy, managed policies of the template attached
 * to it); in a bare policy file, the file. The union of the Allow statements, minus the actions an
 * unconditional Deny on `"*"` removes (the only case where the subtraction is exact).
 */
import type { Catalog } from '../catalog/catalog';
import type { Action } from '../catalog/types';
import type { PolicyDocument, PolicySource } from '../policy/model';
import { literal } from '../policy/values';
import {
  expandCached,
  grantVia,
  statementGrants,
  type GrantVia,
  type StatementGrants,
  type UnknownPart,
} from './grants';
import { conditionVerdict } from './conditions';

export interface Principal {
  /** The logical id (or name) the source gives it, or a description when it names none. */
  readonly name: string;
  readonly documents: readonly PolicyDocument[];
}

/** One place that grants an action: the statement and the value naming the action. */
export interface GrantSite {
  readonly document: PolicyDocument;
  readonly grants: StatementGrants;
  readonly via: GrantVia;
}

export interface PrincipalGrants {
  readonly principal: Principal;
  /** Every action granted, with every Allow statement granting it. */
  readonly actions: ReadonlyMap<Action, readonly GrantSite[]>;
  /** True when a statement grants administrator access (grants.ts administratorVia; admin-access reports that). */
  readonly administrator: boolean;
  /** Unknown parts of the principal's statements: what they grant or deny is not in `actions`. */
  readonly unknown: readonly UnknownPart[];
}

/** The name of the principal of a bare policy file. */
export const THIS_POLICY = 'this policy';

/**
 * The principals of a file's identity documents. A document applying to several principals belongs to
 * each; one that names none is its own principal (a bare policy file is one principal, "this policy").
 */
export function principalsOf(source: PolicySource): Principal[] {
  const byName = new Map<string, PolicyDocument[]>();
  const add = (name: string, document: PolicyDocument) => {
    const documents = byName.get(name);
    if (documents) documents.push(document);
    else byName.set(name, [document]);
  };
  const identity = source.documents.filter((d) => d.kind === 'identity');
  // Outside a template, a file with one unnamed document (a policy, get-policy-version output) is "this policy".
  const alone =
    (source.shape === 'policy' || source.shape === 'cli-output') && identity.filter((d) => !d.appliesTo).length === 1;
  for (const document of identity) {
    if (document.appliesTo) for (const name of document.appliesTo) add(name, document);
    else add(source.shape === 'policy' || alone ? THIS_POLICY : document.path, document);
  }
  return [...byName].map(([name, documents]) => ({ name, documents }));
}

/**
 * What `principal` is granted. `counts` chooses the grants that count (e.g. only those on every resource
 * of the action's type); Deny statements always count.
 */
export function principalGrants(
  principal: Principal,
  catalog: Catalog,
  counts: (grants: StatementGrants, action: Action) => boolean = () => true,
  /** Only these actions matter to the caller: they are looked for without expanding every pattern. */
  only?: ReadonlySet<Action>,
): PrincipalGrants {
  const actions = new Map<Action, GrantSite[]>();
  const denied = new Set<Action>();
  const unknown: UnknownPart[] = [];
  let administrator = false;
  for (const document of principal.documents) {
    for (const statement of document.statements) {
      const grants = statementGrants(statement, catalog);
      unknown.push(...grants.unknown);
      const named = (): Iterable<[Action, GrantVia]> => (only ? viaOf(grants, only, catalog) : grants.actions);
      // Only a Deny whose Condition holds on every request removes what it names (an IfExists entry restricts
      // little, yet a Deny under it still spares the requests that carry the key).
      if (
        grants.effect === 'Deny' &&
        conditionVerdict(statement, catalog).alwaysHolds &&
        grants.resources.everything.length > 0 &&
        !grants.resources.inverted
      ) {
        for (const [action] of named()) denied.add(action);
      }
      if (grants.effect !== 'Allow') continue;
      administrator ||= grants.administrator !== undefined;
      for (const [action, via] of named()) {
        if (!counts(grants, action)) continue;
        const sites = actions.get(action);
        if (sites) sites.push({ document, grants, via });
        else actions.set(action, [{ document, grants, via }]);
      }
    }
  }
  for (const action of denied) actions.delete(action);
  return { principal, actions, administrator, unknown };
}

/**
 * The actions of `wanted` the statement grants, with the value granting each, without building its full
 * expansion: each value's (remembered) expansion is walked against the set, and NotAction looks each
 * wanted action up.
 */
function* viaOf(grants: StatementGrants, wanted: ReadonlySet<Action>, catalog: Catalog): Generator<[Action, GrantVia]> {
  const element = grants.statement.action ?? grants.statement.notAction;
  if (!element || !grants.certain) return;
  if (grants.inverted) {
    for (const action of wanted) {
      const via = grantVia(grants, action);
      if (via) yield [action, via];
    }
    return;
  }
  const seen = new Set<Action>();
  for (const value of element.list.values) {
    const text = literal(value);
    if (text === undefined) continue;
    for (const action of expandCached(catalog, text)) {
      if (!wanted.has(action) || seen.has(action)) continue;
      seen.add(action);
      yield [action, value];
    }
  }
}
