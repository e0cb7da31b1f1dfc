/**
 * The names one AWS resource goes by (a KMS key's id, ARN, aliases and alias ARNs; a secret's name and
 * ARN; a role's or user's name and ARN), and whether a string written in a file is one of them: exactly,
 * or in the forms AWS accepts and people write. A secret's ARN ends in a random 6-character suffix
 * (`...:secret:prod/db-AbCdEf`) that code omits or wildcards (`prod/db-??????`, `prod/db*`); an ARN's
 * Region or account may be a wildcard or a variable (`${AWS::Region}`). Never a part of another name:
 * a secret `db` is not `prod/db2`, and a wildcard stands for the suffix only, never for more of the name.
 */

/** What kind of resource a name says it is; `other` for any ARN this file does not take apart. */
export type NameKind = 'secret' | 'key' | 'alias' | 'role' | 'user' | 'other';

interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** One name as given, taken apart. */
interface Form {
  /** The name as given (what a match reports). */
  readonly name: string;
  /** Undefined: a bare name, whatever the other names say the resource is. */
  readonly kind?: NameKind;
  /** What identifies the resource within its kind: a secret's name, a key's id, an alias, a role's name. */
  readonly id: string;
  /** A secret ARN's random suffix (`AbCdEf`). */
  readonly suffix?: string;
  readonly arn?: Arn;
}

export interface ResourceNames {
  readonly forms: readonly Form[];
  /** The kind the names agree on (a key's aliases and id are one family); undefined when none says. */
  readonly family?: string;
  /** The strings a file must contain to name the resource: each form's id, whatever the writing around it. */
  readonly needles: readonly string[];
}

const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/i;
/** Secrets Manager appends a hyphen and six random characters to a secret's name in its ARN. */
const SECRET_SUFFIX = /-([A-Za-z0-9]{6})$/;
/** `${AWS::Region}`, `${var.account}`, `${this.region}`: a value not known here, so anything. */
const VARIABLE = /\$\{[^}]*\}/g;
/** Wildcards and hyphens only: what may stand for a secret's suffix after its name. */
const SUFFIX_PATTERN = /^[-?*]+$/;

/** Takes the names apart once, for many strings to be matched against them. */
export function resourceNames(names: readonly string[]): ResourceNames {
  const forms = [...new Set(names.filter((n) => n.length > 0))].map(formOf);
  const family = forms.map((f) => f.kind && familyOf(f.kind)).find((f) => f !== undefined);
  const needles = [...new Set(forms.map((f) => f.id))];
  return { forms, ...(family !== undefined && { family }), needles };
}

/**
 * Which of the names `written` is, or undefined. `hint` is the kind a reader found it as (a `SecretId`
 * parameter, a role's `RoleName`): a name of another kind is not this resource even when spelt alike.
 */
export function nameWritten(written: string, names: ResourceNames, hint?: NameKind): string | undefined {
  if (hint && names.family && familyOf(hint) !== names.family) return undefined;
  const exact = names.forms.find((f) => f.name === written);
  if (exact) return exact.name;
  if (written.startsWith('arn:')) return arnWritten(written.replace(VARIABLE, '*'), names);
  return names.forms.find((f) => idMatches(written, f))?.name;
}

/** An ARN against the ARNs given (every field), then against the bare names (its resource's id). */
function arnWritten(written: string, names: ResourceNames): string | undefined {
  const arn = parseArn(written);
  if (!arn) return undefined;
  const full = names.forms.find((f) => f.arn && arnMatches(arn, f.arn, f));
  if (full) return full.name;
  const { kind, id } = identify(arn);
  if (kind === 'other' || (names.family && familyOf(kind) !== names.family)) return undefined;
  // A bare name (an alias) is the resource's only where its ARNs are: an alias of another Region is another alias.
  const where = names.forms.flatMap((f) => f.arn ?? []);
  if (where.length > 0 && !where.some((w) => glob(arn.region, w.region) && glob(arn.account, w.account)))
    return undefined;
  // Where a secret's ARN was given, its suffix is known: another suffix is another secret of that name.
  const known = names.forms.find((f) => f.suffix !== undefined)?.suffix;
  const secret = kind === 'secret' && known !== undefined;
  const asWritten = secret ? arn.resource.slice(7) : id;
  return names.forms.find(
    (f) =>
      !f.arn &&
      (f.kind === undefined || familyOf(f.kind) === familyOf(kind)) &&
      idMatches(asWritten, { ...f, kind: f.kind ?? kind, ...(secret && { suffix: known }) }),
  )?.name;
}

/** `written` as a form's id: a key's id, an alias, a role's name; a secret's name with its suffix or a wildcard for it. */
function idMatches(written: string, form: Form): boolean {
  if (form.kind === 'secret' || (form.kind === undefined && /[?*]/.test(written)))
    return secretMatches(written, form.id, form.suffix);
  return form.kind !== 'other' && written === form.id;
}

function arnMatches(written: Arn, given: Arn, form: Form): boolean {
  const fieldsMatch =
    glob(written.partition, given.partition) &&
    written.service === given.service &&
    glob(written.region, given.region) &&
    glob(written.account, given.account);
  if (!fieldsMatch) return false;
  if (form.kind === 'secret')
    return written.resource.startsWith('secret:') && secretMatches(written.resource.slice(7), form.id, form.suffix);
  return written.resource === given.resource;
}

/**
 * A secret's name as written: the name, the name and its suffix, or the name followed by wildcards that
 * stand for the suffix (`-??????`, `-*`, `*`). Without a known suffix, only wildcards stand for it: a
 * `prod/db-backup` is another secret's name as likely as `prod/db`'s ARN.
 */
function secretMatches(written: string, name: string, suffix: string | undefined): boolean {
  if (written === name || (suffix !== undefined && written === `${name}-${suffix}`)) return true;
  if (!written.startsWith(name)) return false;
  const rest = written.slice(name.length);
  return SUFFIX_PATTERN.test(rest) && /[?*]/.test(rest) && glob(rest, `-${suffix ?? 'xxxxxx'}`);
}

function formOf(name: string): Form {
  if (name.startsWith('arn:')) {
    const arn = parseArn(name);
    if (!arn) return { name, kind: 'other', id: name };
    return { name, arn, ...identify(arn) };
  }
  if (name.startsWith('alias/')) return { name, kind: 'alias', id: name };
  if (KEY_ID.test(name)) return { name, kind: 'key', id: name };
  return { name, id: name };
}

/** What an ARN's resource part identifies. */
function identify(arn: Arn): { kind: NameKind; id: string; suffix?: string } {
  const { service, resource } = arn;
  if (service === 'secretsmanager' && resource.startsWith('secret:')) {
    const name = resource.slice(7);
    const suffix = SECRET_SUFFIX.exec(name)?.[1];
    return suffix === undefined ? { kind: 'secret', id: name } : { kind: 'secret', id: name.slice(0, -7), suffix };
  }
  if (service === 'kms' && resource.startsWith('key/')) return { kind: 'key', id: resource.slice(4) };
  if (service === 'kms' && resource.startsWith('alias/')) return { kind: 'alias', id: resource };
  if (service === 'iam' && (resource.startsWith('role/') || resource.startsWith('user/')))
    return { kind: resource.startsWith('role/') ? 'role' : 'user', id: resource.slice(resource.lastIndexOf('/') + 1) };
  return { kind: 'other', id: `arn:${arn.partition}:${service}:${arn.region}:${arn.account}:${resource}` };
}

/** A key and its aliases are one resource's names; the other kinds are their own. */
function familyOf(kind: NameKind): string {
  return kind === 'alias' ? 'key' : kind;
}

function parseArn(text: string): Arn | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', account = ''] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** `pattern` (with IAM's `*` and `?`) against the whole of `value`. */
function glob(pattern: string, value: string): boolean {
  if (!/[?*]/.test(pattern)) return pattern === value;
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${source}$`, 's').test(value);
}
