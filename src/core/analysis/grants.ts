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
import { globMatcher, hasWildcard, literal } from '../policy/values';
import { BoundedMemo } from '../catalog/memo';
import { arnSegments, reachOf } from './resources';
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
  return new Grants(statement, catalog);
}

const NO_UNKNOWN_PARTS: readonly UnknownPart[] = [];
const NO_RESOURCE_VALUES: readonly Value[] = [];

/**
 * StatementGrants as one object per statement, its expensive parts made on first use: a policy may hold
 * ninety thousand statements, so what each one keeps matters (closures over the statement held a
 * kilobyte each, and the map of its actions, which most questions no longer need).
 */
class Grants implements StatementGrants {
  readonly effect: 'Allow' | 'Deny' | undefined;
  readonly inverted: boolean;
  readonly resources: StatementGrants['resources'];
  readonly unknown: readonly UnknownPart[];
  readonly certain: boolean;
  private administratorFound: { via: GrantVia | undefined } | undefined;
  /** NotAction with an unknown exclusion: any action might be the excluded one, so none is certain. */
  private readonly unknownExclusion: boolean;
  private actionMap: ReadonlyMap<Action, GrantVia> | undefined;
  private levels: Record<AccessLevel, number> | undefined;

  constructor(
    readonly statement: Statement,
    private readonly catalog: Catalog,
  ) {
    const unknown: UnknownPart[] = [];
    const effectText = statement.effect ? literal(statement.effect.value) : undefined;
    this.effect = effectText === 'Allow' || effectText === 'Deny' ? effectText : undefined;
    if (statement.unknown) unknown.push({ span: statement.span, what: 'the whole statement' });
    else if (statement.effect && statement.effect.value.kind === 'unknown')
      unknown.push({ span: statement.effect.value.span, what: 'the effect' });

    const inverted = !statement.action && statement.notAction !== undefined;
    const element = statement.action ?? statement.notAction;
    // The unknown parts are found at once (cheap); the actions are expanded only when someone asks.
    let unknownExclusion = false;
    if (element && !statement.unknown) {
      if (element.list.unknown)
        unknown.push({ span: element.list.span, what: `the ${inverted ? 'excluded ' : ''}actions` });
      for (const value of element.list.unknown ? [] : element.list.values) {
        if (literal(value) !== undefined) continue;
        unknown.push({ span: value.span, what: inverted ? 'an excluded action' : 'an action' });
        unknownExclusion ||= inverted;
      }
    }

    const resourceElement = statement.resource ?? statement.notResource;
    const resourceValues = resourceElement && !resourceElement.list.unknown ? resourceElement.list.values : [];
    if (resourceElement?.list.unknown) unknown.push({ span: resourceElement.list.span, what: 'the resources' });
    let everything: Value[] | undefined;
    let everyOfAType: Value[] | undefined;
    for (const value of resourceValues) {
      const reach = statement.resource ? reachOf(value) : 'narrower';
      if (reach === 'narrower') continue;
      if (reach === 'everything') (everything ??= []).push(value);
      (everyOfAType ??= []).push(value);
    }
    if (statement.condition?.unknown) unknown.push({ span: statement.condition.span, what: 'the conditions' });

    this.inverted = inverted;
    this.resources = {
      count: resourceValues.length,
      everything: everything ?? NO_RESOURCE_VALUES,
      everyOfAType: everyOfAType ?? NO_RESOURCE_VALUES,
      inverted: !statement.resource && statement.notResource !== undefined,
    };
    this.unknown = unknown.length > 0 ? unknown : NO_UNKNOWN_PARTS;
    this.unknownExclusion = unknownExclusion;
    this.certain = !unknownExclusion && !statement.unknown && element !== undefined && !element.list.unknown;
  }

  get actions(): ReadonlyMap<Action, GrantVia> {
    return (this.actionMap ??= this.expand());
  }

  /** True when the Condition may restrict requests (conditions.ts: an empty or wildcard Condition does not). */
  get conditional(): boolean {
    return conditionVerdict(this.statement, this.catalog).restricts;
  }

  get administrator(): GrantVia | undefined {
    return (this.administratorFound ??= {
      via: this.effect === 'Allow' ? administratorVia(this.statement, this.catalog) : undefined,
    }).via;
  }

  get countByLevel(): Readonly<Record<AccessLevel, number>> {
    if (!this.levels) {
      const granted = this.actionsOnce();
      if (granted instanceof EveryActionBut) this.levels = granted.countByLevel();
      else {
        this.levels = Object.fromEntries(ACCESS_LEVELS.map((level) => [level, 0])) as Record<AccessLevel, number>;
        for (const action of granted.keys()) this.levels[action.accessLevel]++;
      }
    }
    return this.levels;
  }

  /** The actions, for a question answered once: the map when it is made already, else what expand(false) gives. */
  actionsOnce(): ReadonlyMap<Action, GrantVia> | { keys(): Iterable<Action> } {
    return this.actionMap ?? this.expand(false);
  }

  /**
   * The actions granted, each with the first value naming it, in the order values are written. With
   * `asMap` false, the actions only (a set, or for one value its expansion itself), for a question
   * answered once and not kept: the map of a statement's actions is made only for those who read it.
   */
  expand(asMap?: true): ReadonlyMap<Action, GrantVia>;
  expand(asMap: false): ReadonlyMap<Action, GrantVia> | { keys(): Iterable<Action> };
  expand(asMap = true): ReadonlyMap<Action, GrantVia> | { keys(): Iterable<Action> } {
    const { statement, catalog } = this;
    const element = statement.action ?? statement.notAction;
    if (!element || statement.unknown || element.list.unknown) return new Map<Action, GrantVia>();
    if (this.inverted) {
      if (this.unknownExclusion) return new Map<Action, GrantVia>();
      const named = new Set<Action>();
      for (const value of element.list.values) {
        const text = literal(value);
        if (text !== undefined) for (const action of expandCached(catalog, text)) named.add(action);
      }
      return new EveryActionBut(catalog, NO_VALUES, named, element.key);
    }
    const values = element.list.values;
    if (!asMap && values.length === 1) {
      // One value: its (remembered) expansion holds each action once already.
      const text = literal(values[0]!);
      const expansion = text === undefined ? [] : expandCached(catalog, text);
      if (expansion.length < catalog.allActions().length) return { keys: () => expansion };
    }
    const actions = new Map<Action, GrantVia>();
    for (const value of values) {
      const text = literal(value);
      if (text === undefined) continue;
      const expansion = expandCached(catalog, text);
      // `*` (or `*:*`): every action, through this value unless an earlier one names it.
      if (expansion.length === catalog.allActions().length)
        return new EveryActionBut(catalog, actions, NO_ACTIONS, value);
      for (const action of expansion) if (!actions.has(action)) actions.set(action, value);
    }
    return actions;
  }
}

const NO_VALUES: ReadonlyMap<Action, GrantVia> = new Map();
const NO_ACTIONS: ReadonlySet<Action> = new Set();

/** Per catalog: how many of its actions have each access level, and those that support resource-level permissions. */
interface CatalogLevels {
  readonly all: ReadonlySet<Action>;
  readonly count: Readonly<Record<AccessLevel, number>>;
  /** Actions with resource types (not wildcard-only), in catalog order: of each level, and of any. */
  readonly scopable: Readonly<Record<AccessLevel, readonly Action[]>>;
  readonly scopableAny: readonly Action[];
}

const levelsByCatalog = new WeakMap<Catalog, CatalogLevels>();

function catalogLevels(catalog: Catalog): CatalogLevels {
  let levels = levelsByCatalog.get(catalog);
  if (!levels) {
    const count = Object.fromEntries(ACCESS_LEVELS.map((level) => [level, 0])) as Record<AccessLevel, number>;
    const scopable = Object.fromEntries(ACCESS_LEVELS.map((level) => [level, []])) as unknown as Record<
      AccessLevel,
      Action[]
    >;
    const scopableAny: Action[] = [];
    for (const action of catalog.allActions()) {
      count[action.accessLevel]++;
      if (action.wildcardOnly) continue;
      scopable[action.accessLevel].push(action);
      scopableAny.push(action);
    }
    levels = { all: new Set(catalog.allActions()), count, scopable, scopableAny };
    levelsByCatalog.set(catalog, levels);
  }
  return levels;
}

/**
 * Every action of the catalog but `excluded`: the actions of `first` first, through their values, then
 * the others in catalog order, each through `rest`. What NotAction grants, or an Action list from its
 * `*` on, as a view instead of a map of 22,000 entries per statement: a policy of thousands of such
 * statements held gigabytes, and counting or listing their actions walked all of them each time.
 * It iterates in the order the map it replaces was filled.
 */
class EveryActionBut implements ReadonlyMap<Action, GrantVia> {
  private readonly all: readonly Action[];

  constructor(
    private readonly catalog: Catalog,
    private readonly first: ReadonlyMap<Action, GrantVia>,
    private readonly excluded: ReadonlySet<Action>,
    private readonly rest: GrantVia,
  ) {
    this.all = catalog.allActions();
  }

  get size(): number {
    // `excluded` holds catalog actions, none of them in `first`.
    return this.all.length - this.excluded.size;
  }

  get(action: Action): GrantVia | undefined {
    const via = this.first.get(action);
    if (via !== undefined || this.excluded.has(action)) return via;
    return catalogLevels(this.catalog).all.has(action) ? this.rest : undefined;
  }

  has(action: Action): boolean {
    return this.get(action) !== undefined;
  }

  *entries(): MapIterator<[Action, GrantVia]> {
    yield* this.first.entries();
    for (const action of this.all) if (!this.first.has(action) && !this.excluded.has(action)) yield [action, this.rest];
  }

  *keys(): MapIterator<Action> {
    for (const [action] of this.entries()) yield action;
  }

  *values(): MapIterator<GrantVia> {
    for (const [, via] of this.entries()) yield via;
  }

  forEach(
    callback: (via: GrantVia, action: Action, map: ReadonlyMap<Action, GrantVia>) => void,
    thisArg?: unknown,
  ): void {
    for (const [action, via] of this.entries()) callback.call(thisArg, via, action, this);
  }

  [Symbol.iterator](): MapIterator<[Action, GrantVia]> {
    return this.entries();
  }

  /** The count of each access level, from the catalog's (the view's actions are the catalog's but the excluded). */
  countByLevel(): Record<AccessLevel, number> {
    const counts = { ...catalogLevels(this.catalog).count };
    for (const action of this.excluded) counts[action.accessLevel]--;
    return counts;
  }

  /** Like scopableActions: counted from the catalog's figures, the first ones found in `first`, then in catalog order. */
  scopable(level: AccessLevel | undefined, limit: number): ScopableActions {
    const levels = catalogLevels(this.catalog);
    const wanted = (a: Action) => !a.wildcardOnly && (level === undefined || a.accessLevel === level);
    let count = level === undefined ? levels.scopableAny.length : levels.scopable[level].length;
    for (const action of this.excluded) if (wanted(action)) count--;
    const first: Action[] = [];
    for (const action of this.first.keys()) if (first.length < limit && wanted(action)) first.push(action);
    for (const action of level === undefined ? levels.scopableAny : levels.scopable[level]) {
      if (first.length >= limit) break;
      if (!this.first.has(action) && !this.excluded.has(action)) first.push(action);
    }
    return { count, first };
  }
}

/** Actions of a statement that support resource-level permissions: how many, and the first few. */
export interface ScopableActions {
  readonly count: number;
  /** The first `limit` of them, in the order of StatementGrants.actions. */
  readonly first: readonly Action[];
}

const scopableCache = new WeakMap<StatementGrants, Map<AccessLevel | undefined, ScopableActions>>();

/**
 * The actions of `level` (of any level when undefined) that the statement grants and that support
 * resource-level permissions (not wildcard-only): how many, and the first `limit` (3) in the order of
 * `actions`, for messages. Remembered per statement and counted without walking every action of a
 * NotAction or `*`: several rules ask, for every statement on `"*"`.
 */
export function scopableActions(grants: StatementGrants, level?: AccessLevel): ScopableActions {
  let known = scopableCache.get(grants);
  if (!known) scopableCache.set(grants, (known = new Map()));
  let found = known.get(level);
  if (!found) {
    const granted = grants instanceof Grants ? grants.actionsOnce() : grants.actions;
    if (granted instanceof EveryActionBut) found = granted.scopable(level, SHOWN);
    else {
      let count = 0;
      const first: Action[] = [];
      for (const action of granted.keys()) {
        if (action.wildcardOnly || (level !== undefined && action.accessLevel !== level)) continue;
        count++;
        if (first.length < SHOWN) first.push(action);
      }
      found = { count, first };
    }
    known.set(level, found);
  }
  return found;
}

/** How many actions messages name before "and N more". */
const SHOWN = 3;

const matchers = new BoundedMemo<(name: string) => boolean>(5_000);

/** A statement's Action (or NotAction) values for look-ups: exact names by lower case, patterns as matchers. */
interface ActionIndex {
  readonly exact: ReadonlyMap<string, { readonly value: Value; readonly order: number }>;
  readonly patterns: readonly {
    readonly value: Value;
    readonly order: number;
    readonly matches: (name: string) => boolean;
  }[];
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
  return (
    text === '*' || (/^\*+:[*?]*$/.test(text) && expandCached(catalog, text).length === catalog.allActions().length)
  );
}

function everyResource(statement: Statement): boolean {
  if (statement.resource)
    return !statement.resource.list.unknown && statement.resource.list.values.some((v) => reachOf(v) === 'everything');
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
