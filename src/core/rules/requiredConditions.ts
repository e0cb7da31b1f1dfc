/** Which keys a statement's conditions test in a way that restricts: shared by the rules that look for a key. */
import type { Catalog } from '../catalog/catalog';
import { conditionVerdict, type RestrictingEntry } from '../analysis/conditions';
import { isNegated } from '../policy/operators';
import type { Statement } from '../policy/model';

/** For rule docs: what counts as a Condition that restricts. */
export const RESTRICTING_CONDITION_DOC =
  'A Condition counts only if it can restrict a request: an empty one, a key with no values, `StringLike "*"` or an ARN pattern of wildcards, a key no request carries under a negated operator, `...IfExists`/`ForAllValues:` on a key most requests lack (such as `aws:SourceVpce`), or a key about transport only (`aws:SecureTransport`, `s3:TlsVersion`) does not.';

/**
 * The condition entries that can restrict a request (analysis/conditions.ts): an entry with no values, a
 * `StringLike "*"`, an unknown key under a negated operator, and `...IfExists`/`ForAllValues:` on a key
 * most requests lack (a request without the key passes them) are left out.
 */
export function requiredEntries(statement: Statement, catalog: Catalog): readonly RestrictingEntry[] {
  return conditionVerdict(statement, catalog).restricting;
}

/**
 * The restricting entries that name the values a request must carry: a positive operator (not a negated
 * one, which admits every value but those written, and not Null, which asks only that the key be there or
 * not). What the rules that look for a key (a source, a subject, an external id, a service) need.
 */
export function namingEntries(statement: Statement, catalog: Catalog): readonly RestrictingEntry[] {
  return requiredEntries(statement, catalog).filter(
    ({ operator }) => !isNegated(operator.base) && operator.base !== 'Null',
  );
}

/** True when one of `keys` (any case) is tested by an entry that names its values (namingEntries). */
export function requiresAnyKey(statement: Statement, catalog: Catalog, keys: readonly string[]): boolean {
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  return namingEntries(statement, catalog).some(({ entry }) => wanted.has(entry.key.text.toLowerCase()));
}
