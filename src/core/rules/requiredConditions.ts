/** What a statement's conditions require on every request: shared by the rules that ask whether a key is always tested. */
import type { ConditionBlock, ConditionEntry, Statement } from '../policy/model';

/**
 * The condition entries that must hold on every request: `...IfExists` blocks are left out, since a
 * request without the key passes them.
 */
export function requiredEntries(statement: Statement): { block: ConditionBlock; entry: ConditionEntry }[] {
  const out: { block: ConditionBlock; entry: ConditionEntry }[] = [];
  for (const block of statement.condition?.blocks ?? []) {
    if (/IfExists$/i.test(block.operator.text)) continue;
    for (const entry of block.entries) out.push({ block, entry });
  }
  return out;
}

/** True when one of `keys` (any case) is tested on every request. */
export function requiresAnyKey(statement: Statement, keys: readonly string[]): boolean {
  const wanted = new Set(keys.map((k) => k.toLowerCase()));
  return requiredEntries(statement).some(({ entry }) => wanted.has(entry.key.text.toLowerCase()));
}
