import {
  ESCALATION_METHODS,
  findEscalations,
  reachesAdministrator,
  type EscalationMethod,
} from '../../analysis/escalation';
import { principalGrants, principalsOf, THIS_POLICY, type GrantSite, type Principal } from '../../analysis/principals';
import { reachingEvery, type StatementGrants } from '../../analysis/grants';
import type { Catalog } from '../../catalog/catalog';
import type { Action } from '../../catalog/types';
import type { PolicySource, Span, Statement } from '../../policy/model';
import { LineIndex } from '../../text/lines';
import { requiredEntries } from '../requiredConditions';
import type { Rule } from '../types';
import { globMatcher, literal } from '../../policy/values';
import { isNegated } from '../../policy/operators';

/**
 * A grant counts toward an escalation when it reaches every resource of a type (`*`, `role/*`) or uses
 * NotResource: a grant on named resources (this function, that role) is the scoping the finding would
 * ask for. Conditions are not weighed, except iam:PassedToService (below) and unknown ones, which might
 * forbid anything.
 */
function counts(catalog: Catalog): (grants: StatementGrants, action: Action) => boolean {
  const relevant = escalationActions(catalog);
  return (grants, action) =>
    relevant.has(action) &&
    !grants.statement.condition?.unknown &&
    (grants.resources.inverted || reachingEvery(grants, action, catalog) !== undefined);
}

const relevantByCatalog = new WeakMap<Catalog, ReadonlySet<Action>>();

/** The actions some escalation method needs: only these are worth weighing (a few dozen of 22,000). */
function escalationActions(catalog: Catalog): ReadonlySet<Action> {
  let relevant = relevantByCatalog.get(catalog);
  if (!relevant) {
    relevant = new Set(
      ESCALATION_METHODS.flatMap((m) =>
        m.actions.map((name) => catalog.action(name)).filter((a): a is Action => a !== undefined),
      ),
    );
    relevantByCatalog.set(catalog, relevant);
  }
  return relevant;
}

/**
 * True when the statement's iam:PassedToService condition forbids passing the role to `service`:
 * a positive operator whose values do not match it, or a negated one whose values do. Unknown values
 * forbid nothing we can tell, so the grant does not count (no finding on an unknown part). Entries that
 * restrict nothing (`[]`, `...IfExists`: analysis/conditions.ts) forbid nothing.
 */
function passingForbidden(statement: Statement, service: string, catalog: Catalog): boolean {
  for (const { operator, entry } of requiredEntries(statement, catalog)) {
    // Only a string comparison says which services: Null asks only that the key be there, or not.
    if (entry.key.text.toLowerCase() !== 'iam:passedtoservice' || !operator.base.startsWith('String')) continue;
    if (entry.values.unknown || entry.values.values.some((v) => literal(v) === undefined)) return true;
    const negated = isNegated(operator.base);
    const matches = entry.values.values.some((v) => globMatcher(literal(v)!)(service));
    if (matches === negated) return true;
  }
  return false;
}

function sitesFor(
  sites: readonly GrantSite[] | undefined,
  action: string,
  method: EscalationMethod,
  catalog: Catalog,
): readonly GrantSite[] | undefined {
  if (!sites || action !== 'iam:PassRole' || !method.passedTo) return sites;
  return sites.filter((site) => !passingForbidden(site.grants.statement, method.passedTo!, catalog));
}

/** Every escalation combination each principal of the file is granted, with the sites granting each action. */
export function escalationsIn(source: PolicySource, catalog: Catalog): readonly Escalation[] {
  // Asked twice per document version, by this rule and by the CodeLens, on the same reading.
  const known = escalationsBySource.get(source);
  if (known?.catalog === catalog) return known.found;
  const found = findAll(source, catalog);
  escalationsBySource.set(source, { catalog, found });
  return found;
}

interface Escalation {
  readonly principal: Principal;
  readonly method: EscalationMethod;
  readonly sites: readonly (readonly GrantSite[])[];
}

const escalationsBySource = new WeakMap<PolicySource, { catalog: Catalog; found: readonly Escalation[] }>();

function findAll(source: PolicySource, catalog: Catalog): Escalation[] {
  const out: Escalation[] = [];
  for (const principal of principalsOf(source)) {
    const granted = principalGrants(principal, catalog, counts(catalog), escalationActions(catalog));
    if (granted.administrator) continue;
    for (const { method, sites } of findEscalations(catalog, (action, m) =>
      sitesFor(granted.actions.get(action), action.fullName, m, catalog),
    )) {
      out.push({ principal, method, sites });
    }
  }
  return out;
}

interface Found {
  readonly span: Span;
  readonly site: GrantSite;
  readonly principals: string[];
  readonly methods: { method: EscalationMethod; others: string[] }[];
}

export const privilegeEscalation: Rule = {
  meta: {
    id: 'privilege-escalation',
    name: 'Privilege escalation',
    family: 'least-privilege',
    defaultSeverity: 'error',
    equivalents: { parliament: ['PRIVILEGE_ESCALATION'], checkov: ['CKV_AWS_110', 'CKV_AWS_286'] },
    docs: {
      what:
        'The identity policies of one principal (all the policies of a role in a template, or a policy file) together grant a published privilege-escalation combination: ' +
        "Rhino Security Labs' 21 methods and the concrete action sets cloudsplaining adds (e.g. `iam:PassRole` + `lambda:CreateFunction` + `lambda:InvokeFunction`). " +
        'An action counts when it is granted on every resource of its type (`"*"`, `arn:aws:iam::*:role/*`) or through NotResource; an `iam:PassedToService` condition that rules out the method\'s service removes `iam:PassRole` from that method. ' +
        'The finding is on the value granting the first action of the combination and names where the others are. A principal with full administrator access is left to admin-access; ' +
        'actions reachable only through unknown parts (CloudFormation intrinsics) are not counted. ' +
        'The severity is an error when a combination reaches full administrator access whatever else exists in the account: attaching a policy to a user or group (`iam:AttachUserPolicy`, `AttachGroupPolicy`, `PutUserPolicy`, `PutGroupPolicy`: AdministratorAccess on itself, or on a user it can create keys for), a new default version of a managed policy (`iam:CreatePolicyVersion`), or a role policy with the means to use the role (`iam:AttachRolePolicy`/`PutRolePolicy` with `sts:AssumeRole` or `iam:UpdateAssumeRolePolicy`). ' +
        'The other combinations are warnings: whether they escalate depends on which users, roles, policy versions and functions exist (keys for an administrator user, a privileged role to pass), and they are the daily work of deployment roles.',
      why: 'Each combination lets the holder obtain permissions it was not given: attach a policy to itself, create keys for an administrator, or run code under a more privileged role.',
      example:
        '{ "Effect": "Allow", "Action": ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*" }',
      fix: 'Scope the actions to the resources the workload manages (the roles it may pass, with an `iam:PassedToService` condition; its own functions), or split the duties between principals.',
    },
  },
  checkSource(source, ctx) {
    const found = new Map<string, Found>();
    let lines: LineIndex | undefined;
    const lineAt = (offset: number) => (lines ??= new LineIndex(ctx.text)).positionAt(offset).line + 1;
    for (const { principal, method, sites } of escalationsIn(source, ctx.catalog)) {
      const first = sites[0]![0]!;
      const key = `${first.via.span.start}:${first.via.span.end}`;
      const entry = found.get(key) ?? { span: first.via.span, site: first, principals: [], methods: [] };
      found.set(key, entry);
      if (!entry.principals.includes(principal.name)) entry.principals.push(principal.name);
      if (entry.methods.some((m) => m.method === method)) continue;
      const others = method.actions.slice(1).map((name, i) => where(name, sites[i + 1]![0]!, first, ctx.text, lineAt));
      entry.methods.push({ method, others });
    }
    for (const entry of found.values()) {
      // The combinations reaching administrator first: the message describes the first.
      entry.methods.sort((a, b) => Number(reachesAdministrator(b.method)) - Number(reachesAdministrator(a.method)));
      const admin = reachesAdministrator(entry.methods[0]!.method);
      ctx.report(
        { span: entry.span, message: message(entry, admin), ...(!admin && { severity: 'warning' as const }) },
        entry.site.document,
      );
    }
  },
};

/** Where an action of the combination is granted, unless it is the same value as the first. */
function where(
  name: string,
  site: GrantSite,
  first: GrantSite,
  text: string,
  lineAt: (offset: number) => number,
): string {
  if (site.via === first.via) return '';
  const written = text.slice(site.via.span.start, site.via.span.end);
  const through = written.toLowerCase() === name.toLowerCase() ? '' : ` through '${written}'`;
  return `${name}${through} on line ${lineAt(site.via.span.start)}`;
}

function message(entry: Found, admin: boolean): string {
  const whose =
    entry.principals.length === 1 && entry.principals[0] === THIS_POLICY ? 'this policy' : entry.principals.join(', ');
  const reach = admin ? ' to full administrator access' : '';
  const describe = ({ method, others }: Found['methods'][number]) => {
    const elsewhere = others.filter((o) => o !== '');
    return `${method.actions.join(' + ')}: ${method.how}${elsewhere.length > 0 ? ` (${elsewhere.join('; ')})` : ''}`;
  };
  if (entry.methods.length === 1) return `Privilege escalation${reach} for ${whose}: ${describe(entry.methods[0]!)}.`;
  const rest = entry.methods.slice(1).map((m) => m.method.name);
  const others = rest.length > 5 ? `${rest.slice(0, 5).join(', ')} and ${rest.length - 5} more` : rest.join(', ');
  return `Privilege escalation${reach} for ${whose}, ${entry.methods.length} ways: ${describe(entry.methods[0]!)}; also ${others}.`;
}
