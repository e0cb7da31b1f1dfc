import type { ArnInput, ArnMatch, ParsedArn } from './types';

/**
 * Splits an ARN into its six parts. Returns undefined unless it starts with `arn:`, has all six parts
 * and a non-empty partition, service and resource. Region and account may be empty (`arn:aws:s3:::b`).
 */
export function parseArn(arn: string): ParsedArn | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  const parts = arn.split(':');
  if (parts.length < 6) return undefined;
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  const resource = parts.slice(5).join(':');
  if (partition === '' || service === '' || resource === '') return undefined;
  return { partition, service, region, account, resource };
}

const COLON = ':'.charCodeAt(0);
const SLASH = '/'.charCodeAt(0);

// Format tokens: a literal character, or a placeholder with these flags.
const PH_NO_COLON = 1;
const PH_NO_SLASH = 2;
const PH_MAY_BE_EMPTY = 4;

/** One alternative of a compiled ARN format: `lit[i]` is a char code, or -1 where `flags[i]` describes a placeholder. */
interface FormatAlternative {
  readonly lit: Int32Array;
  readonly flags: Uint8Array;
  /** The literal text that starts the resource part (after the fifth `:`), up to its first placeholder; undefined when the format has no resource part. */
  readonly resourcePrefix: Int32Array | undefined;
}

/** An ARN format compiled for matching; compile once per resource type and reuse. */
export interface CompiledArnFormat {
  readonly alternatives: readonly FormatAlternative[];
  /** Lowercase service part of each alternative, or undefined where it is a placeholder. */
  readonly services: readonly (string | undefined)[];
}

/**
 * Compiles an ARN format such as `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. Some formats in
 * the Service Authorization Reference list alternatives separated by `, ` (API Gateway, Lex); some use
 * a literal `*` (DMS, Connect) or `{Name}` without `$` (OpsWorks CM): both are placeholders too.
 *
 * A placeholder matches a non-empty run that spans neither `:` nor `/` (a partition, region, account
 * or resource name holds neither), except the format's last placeholder in the resource part, which
 * spans anything (object keys, role paths and log group names contain `/`; Lambda qualifiers follow a
 * `:`). One exception to the exception: a placeholder that is the whole resource part is a bare name
 * (S3 bucket, SNS topic, SQS queue) and spans neither, so `arn:aws:s3:::b/*` is not a bucket. A format
 * `*` may also be empty (braket device ARNs leave region and account empty).
 */
export function compileArnFormat(format: string): CompiledArnFormat {
  const parts = format.split(/,\s+/);
  const alternatives = parts.map(compileAlternative);
  const services = parts.map((alt) => {
    const service = alt.split(':')[2];
    return service === undefined || /[${*]/.test(service) ? undefined : service.toLowerCase();
  });
  return { alternatives, services };
}

function compileAlternative(format: string): FormatAlternative {
  const lit: number[] = [];
  const flags: number[] = [];
  let colons = 0;
  let resourceStart = -1; // token index where the resource part begins
  let lastResourcePlaceholder = -1;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i]!;
    const braceAt = ch === '$' && format[i + 1] === '{' ? i + 1 : ch === '{' ? i : -1;
    const close = braceAt < 0 ? -1 : format.indexOf('}', braceAt);
    const inResource = colons >= 5;
    if (close > braceAt && braceAt >= 0) {
      lit.push(-1);
      flags.push(PH_NO_COLON | PH_NO_SLASH);
      if (inResource) lastResourcePlaceholder = lit.length - 1;
      i = close;
    } else if (ch === '*') {
      lit.push(-1);
      flags.push(inResource ? PH_MAY_BE_EMPTY : PH_NO_COLON | PH_NO_SLASH | PH_MAY_BE_EMPTY);
      if (inResource) lastResourcePlaceholder = lit.length - 1;
    } else {
      lit.push(ch.charCodeAt(0));
      flags.push(0);
      if (ch === ':' && ++colons === 5) resourceStart = lit.length;
    }
  }
  const isWholeResource = lastResourcePlaceholder === resourceStart && lastResourcePlaceholder === lit.length - 1;
  if (lastResourcePlaceholder >= 0 && !isWholeResource) {
    // The last placeholder spans anything: keep only its may-be-empty flag.
    flags[lastResourcePlaceholder] = flags[lastResourcePlaceholder]! & PH_MAY_BE_EMPTY;
  }
  let prefixEnd = resourceStart;
  while (prefixEnd >= 0 && prefixEnd < lit.length && lit[prefixEnd]! >= 0) prefixEnd++;
  const resourcePrefix = resourceStart < 0 ? undefined : Int32Array.from(lit.slice(resourceStart, prefixEnd));
  return { lit: Int32Array.from(lit), flags: Uint8Array.from(flags), resourcePrefix };
}

// Policy tokens: a literal char code (>= 0) or one of these.
const ANY_ONE = -1; // `?`
const ANY_RUN = -2; // `*`
const UNKNOWN = -3; // a part only known at deploy time
const UNKNOWN_FIELD = -4; // an unknown part that is a whole partition, service, region or account: no `:`

/** An ARN as written in a policy, tokenised: char codes, or ANY_ONE / ANY_RUN / UNKNOWN / UNKNOWN_FIELD. */
export interface PolicyArn {
  readonly tokens: Int32Array;
  readonly hasUnknown: boolean;
  /**
   * The literal text that starts the resource part, up to the first wildcard or unknown part, when the
   * first five fields are literal text (so where the resource part starts is certain); else undefined.
   */
  readonly resourcePrefix: Int32Array | undefined;
}

/**
 * Tokenises a policy ARN. `*` and `?` are IAM wildcards (`*` spans `/` and `:` too). A policy variable
 * such as `${aws:username}` is a value known only at request time, so it becomes an unknown part, while
 * the escapes `${*}`, `${?}` and `${$}` stand for those literal characters.
 *
 * An unknown part that fills a whole partition, service, region or account field (between two `:` of
 * the first five, as in `arn:aws:iam::${AWS::AccountId}:role/x`) is taken to be that field, so it
 * cannot contain `:`; any other unknown part may be any text, a whole ARN included.
 */
export function tokenizeArn(arn: ArnInput): PolicyArn {
  const tokens: number[] = [];
  let hasUnknown = false;
  const pushUnknown = (): void => {
    tokens.push(UNKNOWN);
    hasUnknown = true;
  };
  for (const part of typeof arn === 'string' ? [arn] : arn) {
    if (typeof part !== 'string') {
      pushUnknown();
      continue;
    }
    for (let i = 0; i < part.length; i++) {
      const ch = part[i]!;
      if (ch === '$' && part[i + 1] === '{') {
        const close = part.indexOf('}', i + 2);
        if (close > i + 2) {
          const inner = part.slice(i + 2, close);
          if (inner === '*' || inner === '?' || inner === '$') tokens.push(inner.charCodeAt(0));
          else pushUnknown();
          i = close;
          continue;
        }
      }
      tokens.push(ch === '*' ? ANY_RUN : ch === '?' ? ANY_ONE : ch.charCodeAt(0));
    }
  }
  markUnknownFields(tokens);
  const all = Int32Array.from(tokens);
  return { tokens: all, hasUnknown, resourcePrefix: literalResourcePrefix(all) };
}

function literalResourcePrefix(tokens: Int32Array): Int32Array | undefined {
  let colons = 0;
  let i = 0;
  for (; i < tokens.length && colons < 5; i++) {
    const t = tokens[i]!;
    if (t < 0) return undefined;
    if (t === COLON) colons++;
  }
  if (colons < 5) return undefined;
  let end = i;
  while (end < tokens.length && tokens[end]! >= 0) end++;
  return tokens.subarray(i, end);
}

/**
 * False when the format and the policy ARN cannot share a string because their resource parts start
 * with different literal text (`instance/` and `volume/...`): decided without the search, for the
 * dozens of a service's formats an ARN is tried against. Exact: neither the format's placeholders in the
 * first five fields nor the ARN's literal first fields hold a `:`, so their resource parts start at the
 * same character of any string both match.
 */
function mayShareResource(format: FormatAlternative, arn: PolicyArn): boolean {
  const f = format.resourcePrefix;
  const p = arn.resourcePrefix;
  if (f === undefined || p === undefined) return true;
  const n = Math.min(f.length, p.length);
  for (let i = 0; i < n; i++) if (f[i] !== p[i]) return false;
  return true;
}

/** Turns UNKNOWN into UNKNOWN_FIELD where it sits alone between two of the first five colons. */
function markUnknownFields(tokens: number[]): void {
  let colons = 0;
  for (let i = 0; i < tokens.length && colons < 5; i++) {
    const t = tokens[i]!;
    if (t === COLON) colons++;
    else if (t === UNKNOWN && colons >= 1 && tokens[i - 1] === COLON && tokens[i + 1] === COLON)
      tokens[i] = UNKNOWN_FIELD;
    else if (t < 0) return; // after a wildcard or a free unknown part, the field count is no longer known
  }
}

/**
 * The lowercase service part of a policy ARN when it is literal text, so that only that service's
 * resource types need to be tried; undefined when a wildcard or unknown part could supply it.
 */
export function policyArnService(arn: PolicyArn): string | undefined {
  const { tokens } = arn;
  let colons = 0;
  let service = '';
  for (let i = 0; i < tokens.length && colons < 3; i++) {
    const t = tokens[i]!;
    if (t < 0) return undefined;
    if (t === COLON) colons++;
    else if (colons === 2) service += String.fromCharCode(t);
  }
  return colons === 3 ? service.toLowerCase() : undefined;
}

/**
 * How a policy ARN relates to a compiled format (see matchArn for the semantics); the best answer over
 * the format's alternatives.
 */
export function matchCompiled(format: CompiledArnFormat, arn: PolicyArn): ArnMatch {
  if (format.alternatives.some((alt) => mayShareResource(alt, arn) && intersects(alt, arn.tokens, false)))
    return 'match';
  if (
    arn.hasUnknown &&
    format.alternatives.some((alt) => mayShareResource(alt, arn) && intersects(alt, arn.tokens, true))
  )
    return 'unknown';
  return 'no-match';
}

/**
 * Whether a policy ARN can refer to resources of this format: whether some ARN fits both.
 *
 * - `'match'`: it can, taking each unknown part as an opaque identifier (a non-empty value without
 *   `/`, `:` or wildcards, such as an account ID or a bucket name from `!Ref`). So
 *   `['arn:aws:s3:::', {unknown: 'BucketName'}]` is a `'match'` for the bucket format.
 * - `'unknown'`: only other values of the unknown parts would fit (the same input against the object
 *   format needs a `/` in the unknown part; `[{unknown: 'bucket.arn'}, '/*']` could be anything).
 * - `'no-match'`: no values of the unknown parts can make it fit (an unknown part that fills a whole
 *   partition, service, region or account field is taken to hold no `:`; see tokenizeArn).
 *
 * Wildcards in the policy ARN are existential (`arn:aws:s3:::*` matches both the bucket and the object
 * format); placeholders follow compileArnFormat. Runs in O(format × ARN) time, whatever the wildcards.
 */
export function matchArn(format: string, arn: ArnInput): ArnMatch {
  return matchCompiled(compileArnFormat(format), tokenizeArn(arn));
}

/**
 * Whether the format and the policy pattern share a string, by a search over the product of the two
 * automata: state (i, j, open) = format position i, policy position j, and whether the placeholder at
 * i has consumed a character yet. Each state is visited once, so there is no backtracking blow-up.
 * With `unknownIsAnything`, an unknown part is any run (possibly empty); otherwise it is one opaque
 * identifier character, which only a placeholder can absorb.
 */
function intersects(format: FormatAlternative, policy: Int32Array, unknownIsAnything: boolean): boolean {
  const { lit, flags } = format;
  const n = lit.length;
  const m = policy.length;
  const width = m + 1;
  const seen = new Uint8Array((n + 1) * width * 2);
  const stack: number[] = [];
  const push = (i: number, j: number, open: number): void => {
    const id = (i * width + j) * 2 + open;
    if (seen[id] === 0) {
      seen[id] = 1;
      stack.push(id);
    }
  };
  push(0, 0, 0);
  while (stack.length > 0) {
    const id = stack.pop()!;
    const open = id & 1;
    const i = Math.floor(id / 2 / width);
    const j = (id >> 1) - i * width;
    if (i === n && j === m) return true;
    const p = j < m ? policy[j]! : 0;
    const isUnknown = p === UNKNOWN || p === UNKNOWN_FIELD;
    const pLoops = j < m && (p === ANY_RUN || (isUnknown && unknownIsAnything));
    if (pLoops) push(i, j + 1, open);
    if (i === n) continue;
    const isPlaceholder = lit[i]! < 0;
    if (isPlaceholder && (open === 1 || (flags[i]! & PH_MAY_BE_EMPTY) !== 0)) push(i + 1, j, 0);
    if (j === m) continue;
    if (isUnknown && !unknownIsAnything) {
      if (isPlaceholder) push(i, j + 1, 1);
      continue;
    }
    if (!canShareChar(lit[i]!, flags[i]!, p)) continue;
    const nextJ = pLoops ? j : j + 1;
    if (isPlaceholder) push(i, nextJ, 1);
    else push(i + 1, nextJ, 0);
  }
  return false;
}

/** Whether one character can be both the format token (literal or placeholder) and the policy token. */
function canShareChar(formatChar: number, formatFlags: number, policyToken: number): boolean {
  if (policyToken === UNKNOWN_FIELD) return formatChar !== COLON; // a placeholder can always take a non-colon
  if (policyToken < 0) return true; // `?`, `*` or unknown: any character
  if (formatChar >= 0) return formatChar === policyToken;
  if (policyToken === COLON) return (formatFlags & PH_NO_COLON) === 0;
  if (policyToken === SLASH) return (formatFlags & PH_NO_SLASH) === 0;
  return true;
}
