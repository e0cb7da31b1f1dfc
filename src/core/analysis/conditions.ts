/**
 * Whether a statement's Condition can restrict the requests the statement applies to: the one place
 * that decides it, for every rule that exempts a statement "because it is conditioned" and every rule
 * that looks for a key (iam:PassedToService, aws:SourceArn, an OIDC `sub`).
 *
 * IAM's evaluation, as the IAM User Guide states it (Condition element, condition operators): the
 * blocks of a Condition are ANDed, so are the keys in a block, and the values of one key are ORed. A
 * key absent from the request makes a positive operator false and a negated one (`StringNotEquals`,
 * `NotIpAddress`...) true; `...IfExists` is true when the key is absent; `ForAllValues:` is true when
 * the key is absent (every one of no values matches), `ForAnyValue:` false. So an entry restricts only
 * where it can be false for requests that matter. The entries that cannot, and why:
 * - `empty-condition` / `empty-operator`: `"Condition": {}` or `{"StringEquals": {}}` tests nothing
 *   (Access Analyzer: EMPTY_OBJECT_CONDITION, "does not affect the policy").
 * - `empty-values`: `"aws:SourceIp": []` (Access Analyzer: EMPTY_ARRAY_CONDITION, "does not affect the
 *   policy"). Whatever a service makes of it, it names nothing to restrict to.
 * - `unknown-key`: a key neither the catalog nor an identity provider's naming knows is absent from every
 *   request; under an operator that is true when the key is absent (negated, IfExists, ForAllValues) the
 *   entry passes every request. Under a positive operator it fails every request: the statement then
 *   grants nothing, which is no bypass (unknown-condition-key reports the typo), so it counts as restricting.
 * - `only-if-present`: `...IfExists` and `ForAllValues:` pass every request without the key, and most
 *   keys are missing from most requests (aws:SourceVpce outside endpoints, aws:ResourceTag on untagged
 *   resources, iam:PassedToService outside iam:PassRole). Only keys present in every signed request
 *   (ALWAYS_PRESENT) restrict under them.
 * - `any-value`: a positive operator whose values match whatever the key holds: `StringLike "*"`, an ARN of
 *   wildcards, an IP range wider than /8 (IPv4) or /32 (IPv6) (the width beyond which S3 calls a policy
 *   public), `Bool` with both true and false. At most it asks that the key be present.
 * - `always-true`: `ForAllValues:Null` (Access Analyzer: NULL_WITH_QUALIFIER, "always returns true") and
 *   `Null` with both true and false.
 * - `null-not-boolean`: `Null` takes only true or false; any other value tests nothing we can name.
 * - `unknown-operator`: IAM rejects the policy; until the operator is fixed the entry restricts nothing.
 * A negated operator on a known key counts as restricting although it passes requests without the key:
 * it refuses the values it names (`StringNotEquals s3:x-amz-acl public-read` is a real limit), which an
 * author writes on purpose; IfExists adds nothing to that. A Condition or a value with an unknown part (an
 * intrinsic, a CDK token, a Terraform expression) counts as restricting: the linter never reports on what
 * it cannot see.
 */
import type { Catalog } from '../catalog/catalog';
import type { Action } from '../catalog/types';
import type { ConditionBlock, ConditionEntry, Statement, Value } from '../policy/model';
import { isNegated, parseOperator, type ParsedOperator } from '../policy/operators';

export type Unrestricting =
  | 'empty-condition'
  | 'empty-operator'
  | 'unknown-operator'
  | 'empty-values'
  | 'unknown-key'
  | 'only-if-present'
  | 'any-value'
  | 'always-true'
  | 'null-not-boolean'
  | 'transport-only';

/** A condition entry that can make a request fail the statement. */
export interface RestrictingEntry {
  readonly block: ConditionBlock;
  readonly entry: ConditionEntry;
  readonly operator: ParsedOperator;
}

/** A part of a Condition (the whole, a block, or an entry) that restricts nothing, and why. */
export interface IgnoredPart {
  readonly block?: ConditionBlock;
  readonly entry?: ConditionEntry;
  readonly reason: Unrestricting;
}

export interface ConditionVerdict {
  /** True when the Condition may restrict requests: it is unknown, or one of its entries restricts. */
  readonly restricts: boolean;
  /** True when the Condition (or an operator's block) is an unknown part. */
  readonly unknown: boolean;
  readonly restricting: readonly RestrictingEntry[];
  readonly ignored: readonly IgnoredPart[];
  /**
   * True when the Condition holds on every request (there is none, or nothing in it can fail): a Deny so
   * conditioned denies everything. Stricter than `!restricts`: an IfExists entry restricts little, but a
   * Deny under it still spares the requests it fails.
   */
  readonly alwaysHolds: boolean;
}

const NONE: ConditionVerdict = { restricts: false, unknown: false, restricting: [], ignored: [], alwaysHolds: true };
const UNKNOWN: ConditionVerdict = { restricts: true, unknown: true, restricting: [], ignored: [], alwaysHolds: false };

/** Reasons that leave the Condition true on every request. */
const HOLDS: ReadonlySet<Unrestricting> = new Set(['empty-condition', 'empty-operator', 'unknown-key', 'always-true']);

/**
 * Global keys present in every signed request (IAM User Guide, global condition keys, "Availability"):
 * under IfExists or ForAllValues they restrict as they would without.
 */
const ALWAYS_PRESENT: ReadonlySet<string> = new Set([
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principaltype',
  'aws:userid',
  'aws:currenttime',
  'aws:epochtime',
  'aws:securetransport',
  'aws:requestedregion',
  'aws:principalisawsservice',
  'aws:viaawsservice',
]);

const cache = new WeakMap<Catalog, WeakMap<Statement, ConditionVerdict>>();

/** What the statement's Condition restricts. Cached per statement object. */
export function conditionVerdict(statement: Statement, catalog: Catalog): ConditionVerdict {
  let byStatement = cache.get(catalog);
  if (!byStatement) cache.set(catalog, (byStatement = new WeakMap()));
  let verdict = byStatement.get(statement);
  if (!verdict) {
    verdict = judge(statement, catalog);
    byStatement.set(statement, verdict);
  }
  return verdict;
}

/** True when the statement's Condition may restrict requests (see conditionVerdict). */
export function conditionRestricts(statement: Statement, catalog: Catalog): boolean {
  return conditionVerdict(statement, catalog).restricts;
}

function judge(statement: Statement, catalog: Catalog): ConditionVerdict {
  const condition = statement.condition;
  if (!condition) return NONE;
  if (condition.unknown) return UNKNOWN;
  if (condition.blocks.length === 0) return { ...NONE, ignored: [{ reason: 'empty-condition' }] };
  const restricting: RestrictingEntry[] = [];
  const ignored: IgnoredPart[] = [];
  const carried = keysCarriedByEveryAction(statement, catalog);
  for (const block of condition.blocks) {
    const operator = parseOperator(block.operator.text);
    if (!operator) ignored.push({ block, reason: 'unknown-operator' });
    else if (block.entries.length === 0) ignored.push({ block, reason: 'empty-operator' });
    else {
      for (const entry of block.entries) {
        const reason = entryVerdict(operator, entry, catalog, carried);
        if (reason) ignored.push({ block, entry, reason });
        else restricting.push({ block, entry, operator });
      }
    }
  }
  const alwaysHolds = restricting.length === 0 && ignored.every((p) => HOLDS.has(p.reason));
  return { restricts: restricting.length > 0, unknown: false, restricting, ignored, alwaysHolds };
}

/**
 * Which service keys every action of the statement carries: the Service Authorization Reference lists
 * the key for a resource type each action requires, so every request the statement could allow has it. `"StringEqualsIfExists": {"ec2:SubnetID": ...}` on `ec2:CreateNetworkInterface` (the policy
 * EventBridge Pipes documents) then restricts as StringEquals would. Only when every Action value is a
 * known action or pattern of the key's own service: with `"*"` or another service, some actions lack it.
 */
/** The keys that name a resource by its id or ARN (`ec2:SubnetID`, `ec2:Vpc`'s ARN key is `ec2:Vpc`...): `...Id`, `...ID`, `...Arn`. */
const IDENTIFYING_KEY = /(id|arn)$/;

function keysCarriedByEveryAction(statement: Statement, catalog: Catalog): (key: string) => boolean {
  let actions: readonly Action[] | undefined;
  const results = new Map<string, boolean>();
  return (key) => {
    const lower = key.toLowerCase();
    const known = results.get(lower);
    if (known !== undefined) return known;
    let carried = false;
    const prefix = lower.slice(0, lower.indexOf(':'));
    const values = statement.action && !statement.action.list.unknown ? statement.action.list.values : [];
    const name = catalog.conditionKey(key)?.name.toLowerCase();
    // Only a key that names the resource itself (its id or ARN): a resource type's other keys (its tags,
    // a placement group, a launch template) are there only when the resource has them.
    if (
      IDENTIFYING_KEY.test(lower) &&
      !/tag\//.test(lower) &&
      prefix &&
      prefix !== 'aws' &&
      name &&
      values.length > 0 &&
      values.every((v) => textOf(v)?.toLowerCase().startsWith(`${prefix}:`))
    ) {
      actions ??= values.flatMap((v) => catalog.expand(textOf(v)!).actions);
      carried = actions.length > 0 && actions.every((action) => carries(action, name, catalog));
    }
    results.set(lower, carried);
    return carried;
  };
}

/**
 * True when the key (its catalog name, lower case) belongs to a resource type the action requires: the
 * request always names that resource, so it always has the key (`ec2:SubnetID` of the subnet an ENI is
 * created in). Keys of the action itself are request parameters a caller may leave out (`sts:ExternalId`
 * on sts:AssumeRole): they are not carried by every request.
 */
function carries(action: Action, name: string, catalog: Catalog): boolean {
  return action.resourceTypes.some(
    (rt) =>
      rt.required &&
      (rt.conditionKeys.some((k) => k.toLowerCase() === name) ||
        (catalog.resourceType(action.service.prefix, rt.name)?.conditionKeys ?? []).some(
          (k) => k.toLowerCase() === name,
        )),
  );
}

/** Why one entry restricts nothing, or undefined when it may restrict. `carried` says which keys every request of the statement has. */
function entryVerdict(
  operator: ParsedOperator,
  entry: ConditionEntry,
  catalog: Catalog,
  carried: (key: string) => boolean = () => false,
): Unrestricting | undefined {
  if (entry.values.unknown) return undefined;
  const values = entry.values.values;
  if (values.length === 0) return 'empty-values';
  const texts = values.map(textOf);
  const key = entry.key.text;
  const known = knownKey(key, catalog);
  if (operator.base === 'Null') return nullVerdict(operator, texts, known);
  // A key no request carries: an operator true when the key is absent lets everything through; but
  // ForAnyValue on an absent key is false, whatever the operator.
  if (!known)
    return operator.set !== 'ForAnyValue' &&
      (operator.ifExists || operator.set === 'ForAllValues' || isNegated(operator.base))
      ? 'unknown-key'
      : undefined;
  // How the request travels says nothing of who makes it or what it reaches: administrator access over
  // TLS is administrator access.
  if (TRANSPORT_KEY.test(key)) return 'transport-only';
  // A negated operator already passes requests without the key: IfExists or ForAllValues change nothing.
  if (isNegated(operator.base)) return undefined;
  if ((operator.ifExists || operator.set === 'ForAllValues') && !alwaysPresent(key) && !carried(key))
    return 'only-if-present';
  return matchesAnyValue(operator, texts) ? 'any-value' : undefined;
}

/** Keys about the transport of a request: TLS, its version, the signature (bucket-secure-transport reads aws:SecureTransport itself). */
const TRANSPORT_KEY =
  /^(aws:securetransport|[a-z0-9-]+:(tlsversion|signatureversion|signatureage|authtype|x-amz-content-sha256))$/i;

/**
 * `Null` tests presence: "true" passes requests without the key, "false" those with it. IfExists is not
 * allowed with it (parseOperator refuses it); `ForAnyValue:Null` is always false (the statement grants
 * nothing: restricting) and `ForAllValues:Null` always true.
 */
function nullVerdict(
  operator: ParsedOperator,
  texts: readonly (string | undefined)[],
  known: boolean,
): Unrestricting | undefined {
  if (operator.set === 'ForAllValues') return 'always-true';
  if (operator.set === 'ForAnyValue' || texts.includes(undefined)) return undefined;
  const flags = new Set(texts.map((t) => t!.toLowerCase()));
  if ([...flags].some((f) => f !== 'true' && f !== 'false')) return 'null-not-boolean';
  if (flags.size === 2) return 'always-true';
  // A key no request carries: "true" always holds, "false" never does.
  return !known && flags.has('true') ? 'unknown-key' : undefined;
}

/** The value as text (booleans and numbers written bare included); undefined when any part is unknown. */
function textOf(value: Value): string | undefined {
  return value.kind === 'unknown' || value.parts ? undefined : value.text;
}

/**
 * Keys of identity providers are named after the provider's host (`token.actions.githubusercontent.com:sub`):
 * the catalog lists only some, so any such key is taken as known; a key built from a policy variable
 * cannot be told. Everything else must be in the catalog (templated keys resolve: `aws:ResourceTag/team`).
 */
function knownKey(name: string, catalog: Catalog): boolean {
  const colon = name.indexOf(':');
  if (name.includes('${') || (colon > 0 && name.slice(0, colon).includes('.'))) return true;
  return catalog.conditionKey(name) !== undefined;
}

/**
 * Every web-identity request carries its token's `aud` claim: STS accepts a token only when its audience
 * is one of the client IDs registered with the IAM identity provider. Other claims (`sub` included) are
 * the provider's to send or not: IfExists on them lets a token without them through.
 */
function alwaysPresent(name: string): boolean {
  const lower = name.toLowerCase();
  return ALWAYS_PRESENT.has(lower) || /^[^:]*\.[^:]*:aud$/.test(lower);
}

/**
 * An ARN pattern every ARN matches: `arn:*`, `arn:aws:*`, `arn:*:*:*:*:*`; wildcards in every field after
 * the partition (a pattern that fixes the service or the account, `arn:aws:iam::*:*`, does limit).
 */
const EVERY_ARN = /^arn(:[a-z-]*)?(:[*?]*)*:?\*$|^arn(:\*+){5,}$/;

/** True when the values (ORed) of a positive operator match whatever value the key holds. */
function matchesAnyValue(operator: ParsedOperator, texts: readonly (string | undefined)[]): boolean {
  const known = texts.filter((t): t is string => t !== undefined);
  switch (operator.base) {
    case 'StringLike':
      return known.some((t) => /^\*+$/.test(t) || EVERY_ARN.test(t));
    // ArnEquals matches wildcards as ArnLike does (IAM User Guide, "ARN condition operators").
    case 'ArnEquals':
    case 'ArnLike':
      return known.some((t) => /^\*+$/.test(t) || EVERY_ARN.test(t));
    case 'IpAddress':
      return known.some(wideIpRange);
    case 'Bool': {
      const flags = new Set(known.map((t) => t.toLowerCase()));
      return flags.has('true') && flags.has('false');
    }
    default:
      return false;
  }
}

/**
 * A CIDR wider than /8 (IPv4) or /32 (IPv6): S3 counts a policy limited to such ranges as public ("The
 * meaning of public", Amazon S3 User Guide), and it is no limit on who calls.
 */
export function wideIpRange(cidr: string): boolean {
  const match = /^([^/]+)\/(\d{1,3})$/.exec(cidr.trim());
  if (!match) return false;
  const bits = Number(match[2]);
  return match[1]!.includes(':') ? bits < 32 : bits < 8;
}

/** Why a part restricts nothing, in words for a message. */
export function describeIgnored(part: IgnoredPart): string {
  const op = part.block?.operator.text ?? '';
  const key = part.entry ? `'${part.entry.key.text}'` : '';
  switch (part.reason) {
    case 'empty-condition':
      return 'the Condition is empty';
    case 'empty-operator':
      return `'${op}' tests no key`;
    case 'unknown-operator':
      return `'${op}' is not a condition operator`;
    case 'empty-values':
      return `${key} has no values`;
    case 'unknown-key':
      return `${key} is not a condition key any request carries, so ${op} lets every request through`;
    case 'only-if-present':
      return `${op} lets through every request without ${key}`;
    case 'any-value':
      return `${op} on ${key} matches any value`;
    case 'always-true':
      return `${op} on ${key} holds for every request`;
    case 'null-not-boolean':
      return `Null on ${key} needs true or false`;
    case 'transport-only':
      return `${key} concerns how a request travels (TLS, signing), not who makes it or what it reaches`;
  }
}

/**
 * ", though its Condition restricts nothing (...)" for a finding on a statement whose Condition was
 * written but restricts nothing; "" when there is no Condition.
 */
export function unrestrictedNote(verdict: ConditionVerdict): string {
  if (verdict.restricts || verdict.ignored.length === 0) return '';
  const reasons = verdict.ignored.slice(0, 2).map(describeIgnored);
  const more = verdict.ignored.length > 2 ? `; and ${verdict.ignored.length - 2} more` : '';
  return ` Its Condition restricts nothing: ${reasons.join('; ')}${more}.`;
}
