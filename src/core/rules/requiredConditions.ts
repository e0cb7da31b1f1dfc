/** Which keys a statement's conditions test in a way that restricts: shared by the rules that look for a key. */
import type { Catalog } from '../catalog/catalog';
import { conditionVerdict, type RestrictingEntry } from '../analysis/conditions';
import type { Statement } from '../policy/model';

/** For rule docs: what counts as a Condition that restricts. */
export const RESTRICTING_CONDITION_DOC =
  'A Condition counts only if it can restrict a request: an empty one, a key with no values, `StringLike "*"`, a key no request carries under a negated operator, or `...IfExists`/`ForAllValues:` on a key most requests lack (such as `aws:SourceVpce`) does not.';

/**
 * The condition entries that can restrict a request (analysis/conditions.ts): an entry with no values, a
 * `StringLike "*"`, an unknown key under a negated operator, and `...IfExists`/`ForAllValues:` on a key
 * most requests lack (a request without the key passes them) are left out.
 */
export function requiredEntries(statement: Statement, catalog: Catalog): readonly RestrictingEntry[] {
  return conditionVerdict(statement, catalog).restricting;
}

/** True when one of `keys` (any case) is tested by an entry that restricts. */
export function requiresAnyKey(statement: Statement, catalog: Catalog, keys: readonly string[]): boolean {
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  return requiredEntries(statement, catalog).some(({ entry }) => wanted.has(entry.key.text.toLowerCase()));
}
