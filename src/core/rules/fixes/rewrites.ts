/**
 * Rewrites offered where the cursor is, with or without a finding there: today, writing out the actions
 * of a wildcard pattern (`s3:Get*`), all of them or only those at Read and List level.
 */
import type { Catalog } from '../../catalog/catalog';
import { targetAt } from '../../policy/cursor';
import type { PolicySource } from '../../policy/model';
import type { Fix } from '../types';
import { isAllow } from '../../policy/values';
import { expandWildcardFixes } from './expandWildcard';

/** The rewrites at `offset` of `text`, whose policies are `source`. */
export function rewritesAt(source: PolicySource, text: string, offset: number, catalog: Catalog): Fix[] {
  const target = targetAt(source, offset);
  // Only where it narrows nothing: an Allow's Action. In NotAction or a Deny, writing a pattern out (or
  // keeping only its reads) would exclude or deny less, and stop covering actions AWS adds later.
  if (target?.kind !== 'action' || !target.value || target.element !== 'Action' || !isAllow(target.statement))
    return [];
  // Inside a string's value (a YAML block scalar, an escaped JSON string), JSON would need its quoting.
  if (target.document.inString) return [];
  return expandWildcardFixes(text, source.format, catalog, target.value, target.list);
}
