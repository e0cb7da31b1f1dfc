import type { Catalog } from '../catalog/catalog';
import { conditionKeysOfAction } from '../catalog/keyUsage';
import { code, escapeCell } from './markdown';
import type { AccessLevel, Action, Expansion } from '../catalog/types';

/** The Service Authorization Reference section listing a service's actions. */
export function actionDocsUrl(action: Action): string {
  const anchor = action.service.docsUrl.replace(/^.*\/list_(.*)\.html$/, '$1');
  return `${action.service.docsUrl}#${anchor}-actions-as-permissions`;
}

/** Markdown documentation of one action: what hover and the browse command show. */
export function describeAction(catalog: Catalog, action: Action): string {
  const lines = [
    `**${action.fullName}** · ${action.accessLevel}`,
    '',
    action.description || '_No description in the Service Authorization Reference._',
    '',
  ];
  if (action.resourceTypes.length === 0) {
    lines.push('Resource types: none — only `"Resource": "*"` grants this action.');
  } else {
    lines.push('| Resource type | ARN format |', '|---|---|');
    for (const rt of action.resourceTypes) {
      const format = catalog.resourceType(action.service.prefix, rt.name)?.arnFormat ?? '';
      lines.push(`| ${escapeCell(rt.name)}${rt.required ? ' (required)' : ''} | \`${escapeCell(format)}\` |`);
    }
  }
  const keys = conditionKeysOfAction(action).sort();
  if (keys.length > 0) {
    lines.push('', `Condition keys: ${keys.map((k) => '`' + k + '`').join(', ')}`);
  }
  lines.push('', `[${action.service.name} in the Service Authorization Reference](${actionDocsUrl(action)})`);
  return lines.join('\n');
}

/** Markdown summary of what a wildcard pattern grants, with the most dangerous access levels first. */
export function describeExpansion(pattern: string, expansion: Expansion, listLimit = 20): string {
  const { actions, suggestions } = expansion;
  if (actions.length === 0) {
    const hint =
      suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => '`' + s.value + '`').join(', ')}?` : '';
    return `**${code(pattern)}** matches no known action.${hint}`;
  }
  const byLevel = countByLevel(actions);
  const ordered = [...actions].sort((a, b) => LEVEL_RANK[a.accessLevel] - LEVEL_RANK[b.accessLevel]);
  const summary = DANGER_ORDER.filter((l) => byLevel[l] > 0)
    .map((l) => `${byLevel[l]} ${l}`)
    .join(', ');
  const lines = [
    `**${code(pattern)}** grants ${actions.length} action${actions.length === 1 ? '' : 's'}: ${summary}`,
    '',
  ];
  for (const a of ordered.slice(0, listLimit)) lines.push(`- \`${a.fullName}\` · ${a.accessLevel}`);
  if (actions.length > listLimit) lines.push(`- … and ${actions.length - listLimit} more`);
  return lines.join('\n');
}

const DANGER_ORDER: readonly AccessLevel[] = ['Permissions management', 'Write', 'Tagging', 'Read', 'List'];
const LEVEL_RANK = Object.fromEntries(DANGER_ORDER.map((l, i) => [l, i])) as Record<AccessLevel, number>;

function countByLevel(actions: readonly Action[]): Record<AccessLevel, number> {
  const counts = Object.fromEntries(DANGER_ORDER.map((l) => [l, 0])) as Record<AccessLevel, number>;
  for (const a of actions) counts[a.accessLevel]++;
  return counts;
}
