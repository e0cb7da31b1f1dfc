/**
 * What one statement grants, as data: the actions (patterns expanded through the catalog), how many of
 * each access level, how far its resources reach, whether conditions apply, and which parts are
 * unknown. An unknown part grants an unknown set of actions: it is listed, never guessed at, so the
 * action set here is what the statement certainly names.
 *
 * Results are cached per catalog: expansions per pattern (the editor asks again on every keystroke, and
 * a re-parse makes new statement objects but mostly the same patterns) and grants per statement object.
 */
import type { Catalog } from '../catalog/catalog';
import { ACCESS_LEVELS, type AccessLevel, type Action } from '../catalog/types';
import type { Key, Span, Statement, Value } from '../policy/model';
import { globMatcher, hasWildcard, literal } from '../rules/values';
import { BoundedMemo } from '../catalog/memo';
import { arnSegments, reachOf, type Reach } from './resources';
import { conditionVerdict } from './conditions';

/** Where a statement names an action: the Action value (a name or a pattern), or the NotAction key. */
export type GrantVia = Value | Key;

/** A part of a statement whose meaning is unknown (a CloudFormation intrinsic), and what it leaves unknown. */
export interface UnknownPart {
  readonly span: Span;
  readonly what: string;
}

export interface StatementGrants {
  readonly statement: Statement;
  /** `Allow` or `Deny` as written; undefined when missing, misspelt or unknown (then nothing is granted). */
  readonly effect: 'Allow' | 'Deny' | undefined;
  /** Every action the statement certainly names, with the value that names it (first one written). */
  readonly actions: ReadonlyMap<Action, GrantVia>;
  /** True for NotAction: `actions` is every action but those listed. */
  readonly inverted: boolean;
  readonly countByLevel: Readonly<Record<AccessLevel, number>>;
  readonly resources: {
    /** The number of Resource (or NotResource) values written. */
    readonly count: number;
    /** Resource values that reach every resource (`"*"`, `arn:aws:*:*:*:*`). */
    readonly everything: readonly Value[];
    /** Resource values that may reach every resource of a type (`arn:aws:iam::*:role/*`; reachingEvery decides per action), `everything` included. */
    readonly everyOfAType: readonly Value[];
    /** True for NotResource: every resource but those listed. */
    readonly inverted: boolean;
  };
  /** True when the Condition may restrict requests (conditions.ts: an empty or wildcard Condition does not). */
  readonly conditional: boolean;
  /**
   * Where the statement grants full administrator access (see administratorVia), or undefined. An
   * Allow whose Condition restricts nothing counts.
   */
  readonly administrator: GrantVia | undefined;
  /** Unknown parts: the actions, resources or conditions they stand for are not in the figures above. */
  readonly unknown: readonly UnknownPart[];
  /** True when the actions are certain: no unknown part of Action, or of a NotAction's exclusions. */
  readonly certain: boolean;
}

const statementCache = new WeakMap<Catalog, WeakMap<Statement, StatementGrants>>();

/** The actions a pattern grants (Catalog.expand remembers its answers, within a bound). */
export function expandCached(catalog: Catalog, pattern: string): readonly Action[] {
  return catalog.expand(pattern).actions;
}

/** What `statement` grants (or, for a Deny, denies). Cached per statement object. */
export function statementGrants(statement: Statement, catalog: Catalog): StatementGrants {
  let cache = statementCache.get(catalog);
  if (!cache) statementCache.set(catalog, (cache = new WeakMap()));
  let grants = cache.get(statement);
  if (!grants) {
    grants = computeGrants(statement, catalog);
    cache.set(statement, grants);
  }
  return grants;
}

function computeGrants(statement: Statement, catalog: Catalog): StatementGrants {
  const unknown: UnknownPart[] = [];
  const effectText = statement.effect ? literal(statement.effect.value) : undefined;
  const effect = effectText === 'Allow' || effectText === 'Deny' ? effectText : undefined;
  if (statement.unknown) unknown.push({ span: statement.span, what: 'the whole statement' });
  else if (statement.effect && statement.effect.value.kind === 'unknown') unknown.push({ span: statement.effect.value.span, what: 'the effect' });

  const inverted = !statement.action && statement.notAction !== undefined;
  const element = statement.action ?? statement.notAction;
  // The unknown parts are found at once (cheap); the actions are expanded only when someone asks.
  let unknownExclusion = false;
  if (element && !statement.unknown) {
    if (element.list.unknown) unknown.push({ span: element.list.span, what: `the ${inverted ? 'excluded ' : ''}actions` });
    for (const value of element.list.unknown ? [] : element.list.values) {
      if (literal(value) !== undefined) continue;
      unknown.push({ span: value.span, what: inverted ? 'an excluded action' : 'an action' });
      unknownExclusion ||= inverted;
    }
  }
  const expandActions = (): Map<Action, GrantVia> => {
    const actions = new Map<Action, GrantVia>();
    if (!element || statement.unknown || element.list.unknown) return actions;
    const named = new Set<Action>();
    for (const value of element.list.values) {
      const text = literal(value);
      if (text === undefined) continue;
      for (const action of expandCached(catalog, text)) {
        if (inverted) named.add(action);
        else if (!actions.has(action)) actions.set(action, value);
      }
    }
    // NotAction with an unknown exclusion: any action might be the excluded one, so none is certain.
    if (inverted && !unknownExclusion) {
      for (const action of catalog.allActions()) if (!named.has(action)) actions.set(action, element.key);
    }
    return actions;
  };

  const resourceElement = statement.resource ?? statement.notResource;
  const resourceValues = resourceElement && !resourceElement.list.unknown ? resourceElement.list.values : [];
  if (resourceElement?.list.unknown) unknown.push({ span: resourceElement.list.span, what: 'the resources' });
  const reaches = resourceValues.map((value) => [value, statement.resource ? reachOf(value) : 'narrower'] as const);
  const reaching = (wanted: readonly Reach[]) => reaches.filter(([, reach]) => wanted.includes(reach)).map(([value]) => value);
  if (statement.condition?.unknown) unknown.push({ span: statement.condition.span, what: 'the conditions' });

  let actions: Map<Action, GrantVia> | undefined;
  let countByLevel: Record<AccessLevel, number> | undefined;
  let administrator: { via: GrantVia | undefined } | undefined;
  return {
    statement,
    effect,
    get actions() {
      return (actions ??= expandActions());
    },
    get countByLevel() {
      if (!countByLevel) {
        countByLevel = Object.fromEntries(ACCESS_LEVELS.map((level) => [level, 0])) as Record<AccessLevel, number>;
        for (const action of this.actions.keys()) countByLevel[action.accessLevel]++;
      }
      return countByLevel;
    },
    inverted,
    resources: {
      count: resourceValues.length,
      everything: reaching(['everything']),
      everyOfAType: reaching(['everything', 'every-of-a-type']),
      inverted: !statement.resource && statement.notResource !== undefined,
    },
    get conditional() {
      return conditionVerdict(statement, catalog).restricts;
    },
    get administrator() {
      return (administrator ??= { via: effect === 'Allow' ? administratorVia(statement, catalog) : undefined }).via;
    },
    unknown,
    certain: !unknownExclusion && !statement.unknown && element !== undefined && !element.list.unknown,
  };
}

const matchers = new BoundedMemo<(name: string) => boolean>(5_000);

/** A statement's Action (or NotAction) values for look-ups: exact names by lower case, patterns as matchers. */
interface ActionIndex {
  readonly exact: ReadonlyMap<string, { readonly value: Value; readonly order: number }>;
  readonly patterns: readonly { readonly value: Value; readonly order: number; readonly matches: (name: string) => boolean }[];
}

const indexes = new WeakMap<StatementGrants, ActionIndex>();

function actionIndex(grants: StatementGrants, values: readonly Value[]): ActionIndex {
  let index = indexes.get(grants);
  if (!index) {
    const exact = new Map<string, { value: Value; order: number }>();
    const patterns: ActionIndex['patterns'][number][] = [];
    values.forEach((value, order) => {
      const text = literal(value);
      if (text === undefined) return;
      const lower = text.toLowerCase();
      if (hasWildcard(text)) patterns.push({ value, order, matches: matchers.get(lower, () => globMatcher(lower)) });
      else if (!exact.has(lower)) exact.set(lower, { value, order });
    });
    index = { exact, patterns };
    indexes.set(grants, index);
  }
  return index;
}

/**
 * Where the statement names `action` (the first value that does, or the NotAction key), without
 * expanding its patterns: for rules that ask about a few actions (privilege escalation) in statements
 * that may grant thousands.
 */
export function grantVia(grants: StatementGrants, action: Action): GrantVia | undefined {
  const element = grants.statement.action ?? grants.statement.notAction;
  if (!element || !grants.certain) return undefined;
  const index = actionIndex(grants, element.list.values);
  const name = action.fullName.toLowerCase();
  let matched = index.exact.get(name);
  for (const p of index.patterns) {
    if (matched && matched.order < p.order) break;
    if (p.matches(name)) {
      matched = p;
      break;
    }
  }
  if (grants.inverted) return matched ? undefined : element.key;
  return matched?.value;
}

/**
 * True when the statement grants its actions on every resource without a condition: an Allow with a
 * `"*"` Resource (or an ARN that is all wildcards) and no Condition. NotResource is left to
 * allow-not-resource.
 */
export function unconditionalOnEverything(grants: StatementGrants): boolean {
  return grants.effect === 'Allow' && !grants.conditional && grants.resources.everything.length > 0;
}

/** True when the statement grants full administrator access (administratorVia), which admin-access reports alone. */
export function isAdministrator(statement: Statement, catalog: Catalog): boolean {
  return statementGrants(statement, catalog).administrator !== undefined;
}

/**
 * Where an Allow statement grants every action on every resource with no Condition that restricts
 * anything (conditions.ts): the Action value that names every action, or the NotAction key. Forms that
 * leave everything count, so that no spelling escapes the most severe finding:
 * - Action `*`, or a pattern every action matches (`*:*`);
 * - NotAction whose exclusions match no action at all (an empty list, a misspelt name, an unknown
 *   service): it excludes nothing;
 * - Resource `*` or an ARN of wildcards (`arn:aws:*:*:*:*`);
 * - NotResource whose exclusions spare IAM: every other resource stays granted, IAM's included, and
 *   with IAM the holder can grant itself the rest. An exclusion that may cover IAM (`*`, an ARN whose
 *   service is `iam` or a wildcard) leaves it to allow-not-resource.
 * Unknown parts (intrinsics) make no claim. The statement's Effect is not checked here.
 */
function administratorVia(statement: Statement, catalog: Catalog): GrantVia | undefined {
  if (statement.unknown || conditionVerdict(statement, catalog).restricts) return undefined;
  const via = everyAction(statement, catalog);
  return via && everyResource(statement) ? via : undefined;
}

function everyAction(statement: Statement, catalog: Catalog): GrantVia | undefined {
  if (statement.action) {
    if (statement.action.list.unknown) return undefined;
    return statement.action.list.values.find((v) => {
      const text = literal(v);
      return text !== undefined && namesEveryAction(text, catalog);
    });
  }
  const not = statement.notAction;
  if (!not || not.list.unknown) return undefined;
  const excludesNothing = not.list.values.every((v) => {
    const text = literal(v);
    return text !== undefined && expandCached(catalog, text).length === 0;
  });
  return excludesNothing ? not.key : undefined;
}

/** True for `*`, or a pattern every action matches (`*:*`): IAM reads both as every action. */
export function namesEveryAction(text: string, catalog: Catalog): boolean {
  // Only a pattern whose service part is all wildcards can match every service's actions.
  return text === '*' || (/^\*+:[*?]*$/.test(text) && expandCached(catalog, text).length === catalog.allActions().length);
}

function everyResource(statement: Statement): boolean {
  if (statement.resource) return !statement.resource.list.unknown && statement.resource.list.values.some((v) => reachOf(v) === 'everything');
  const not = statement.notResource;
  if (!not || not.list.unknown) return false;
  return not.list.values.every((v) => literal(v) !== undefined && !mayCoverIam(literal(v)!));
}

/** True when a NotResource exclusion may cover IAM's resources: `*`, or an ARN whose service is `iam` or has a wildcard. */
function mayCoverIam(text: string): boolean {
  if (!text.startsWith('arn:')) return /^[*?]+$/.test(text);
  const service = text.split(':')[2] ?? '';
  return service === 'iam' || /[*?]/.test(service);
}

/**
 * The Resource value through which the statement grants `action` on every resource of one of the
 * action's types: `"*"`, or an ARN such as `arn:aws:iam::*:role/*` whose service is the type's and
 * whose resource part is the type's leading word followed by a wildcard (`role/*` for
 * `role/${RoleNameWithPath}`), or a bare wildcard (`*`, `*\/*`). `arn:aws:s3:::reports/*` is one
 * bucket's objects, not every object. Undefined when every value is narrower, or for NotResource.
 */
const formatsByAction = new WeakMap<Action, readonly string[][]>();

/** The action's resource types' ARN formats, split into fields once per action (asked for every statement on every lint). */
function splitFormats(action: Action, catalog: Catalog): readonly string[][] {
  let formats = formatsByAction.get(action);
  if (!formats) {
    formats = action.resourceTypes
      .map((rt) => catalog.resourceType(action.service.prefix, rt.name)?.arnFormat)
      .filter((f): f is string => f !== undefined)
      .map((f) => f.split(':'));
    formatsByAction.set(action, formats);
  }
  return formats;
}

export function reachingEvery(grants: StatementGrants, action: Action, catalog: Catalog): Value | undefined {
  if (grants.resources.everything.length > 0) return grants.resources.everything[0];
  if (action.wildcardOnly) return undefined;
  const formats = splitFormats(action, catalog);
  return grants.resources.everyOfAType.find((value) => {
    const segments = arnSegments(value);
    const service = segments[2]!;
    const resource = segments.slice(5).join(':');
    return formats.some((format) => {
      if (service !== '*' && service.toLowerCase() !== format[2]!.toLowerCase()) return false;
      if (resource === '*' || resource === '*/*') return true;
      const word = resource.slice(0, -1); // `role/`, `function:`
      return format.slice(5).join(':').startsWith(`${word}\${`);
    });
  });
}
