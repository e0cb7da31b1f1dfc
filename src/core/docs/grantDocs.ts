import type { Catalog } from '../catalog/catalog';
import type { PolicyDocument } from '../policy/model';
import { literal } from '../policy/values';
import { code, escapeCell } from './markdown';

/**
 * Markdown for a document derived from code (a CDK `grant*` call): what it adds to whom, each action or
 * pattern with what it expands to, and where the list comes from.
 */
export function describeDerived(catalog: Catalog, document: PolicyDocument): string {
  const derived = document.derivedFrom!;
  const grantee = document.appliesTo?.length ? ` to the policy of ${document.appliesTo.map(code).join(', ')}` : '';
  const lines = [`**${code(derived.description)}** adds${grantee}:`, '', '| Action | Grants |', '|---|---|'];
  let total = 0;
  for (const statement of document.statements) {
    for (const value of statement.action?.list.values ?? []) {
      const text = literal(value);
      if (text === undefined) continue;
      const actions = catalog.expand(text).actions;
      total += actions.length;
      const levels = [...new Set(actions.map((a) => a.accessLevel))].join(', ');
      const what =
        text.includes('*') || text.includes('?')
          ? `${actions.length} action${actions.length === 1 ? '' : 's'}: ${levels}`
          : levels || 'unknown action';
      lines.push(`| ${code(escapeCell(text))} | ${escapeCell(what)} |`);
    }
  }
  lines.push('', `${total} action${total === 1 ? '' : 's'} in all, on the receiver's resources.`);
  if (derived.source) lines.push('', `_Source: ${derived.source}_`);
  return lines.join('\n');
}
