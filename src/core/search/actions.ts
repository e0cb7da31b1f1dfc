import type { Catalog } from '../catalog/catalog';
import type { Action } from '../catalog/types';

export interface ActionSearchResult {
  readonly actions: readonly Action[];
  /** All matches, before the limit. */
  readonly total: number;
  readonly suggestions: readonly string[];
}

/**
 * Finds actions for the browse list. A query with `*` or `?` is an IAM pattern and is expanded exactly;
 * otherwise every whitespace-separated word must occur in the action's `service:Name` or its service's
 * name, and matches are ranked: exact name, then name prefix, then action-name prefix, then the rest.
 */
export function searchActions(catalog: Catalog, query: string, limit: number): ActionSearchResult {
  const q = query.trim();
  if (/[*?]/.test(q)) {
    const expansion = catalog.expand(q);
    return {
      actions: expansion.actions.slice(0, limit),
      total: expansion.actions.length,
      suggestions: expansion.suggestions.map((s) => s.value),
    };
  }
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    const all = catalog.allActions();
    return { actions: all.slice(0, limit), total: all.length, suggestions: [] };
  }
  const scored: { action: Action; score: number }[] = [];
  for (const action of catalog.allActions()) {
    const full = action.fullName.toLowerCase();
    const service = action.service.name.toLowerCase();
    if (!words.every((w) => full.includes(w) || service.includes(w))) continue;
    scored.push({ action, score: rank(full, action.name.toLowerCase(), words[0]!) });
  }
  // Stable sort keeps the catalog's service/name order within a rank.
  scored.sort((a, b) => a.score - b.score);
  const suggestions = scored.length === 0 ? catalog.suggest(q).map((s) => s.value) : [];
  return { actions: scored.slice(0, limit).map((s) => s.action), total: scored.length, suggestions };
}

function rank(fullName: string, name: string, first: string): number {
  if (fullName === first || name === first) return 0;
  if (fullName.startsWith(first)) return 1;
  if (name.startsWith(first)) return 2;
  return 3;
}
