import type { Catalog } from '../catalog/catalog';
import type { Action } from '../catalog/types';
import { hasWildcard, literal, valuesOf } from './values';
import type { Statement } from './model';

/**
 * The actions the statement names, patterns expanded while they stay few (a key or an ARN offered for
 * `s3:*` would be every one of S3's): what resource and key completion are about.
 */
export function namedActions(catalog: Catalog, statement: Statement): Action[] {
  const out = new Set<Action>();
  for (const v of valuesOf(statement.action)) {
    const text = literal(v);
    if (text === undefined) continue;
    if (!hasWildcard(text)) {
      const action = catalog.action(text);
      if (action) out.add(action);
      continue;
    }
    const expanded = catalog.expand(text).actions;
    if (expanded.length <= 50) expanded.forEach((a) => out.add(a));
  }
  return [...out];
}
