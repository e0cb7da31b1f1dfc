import type { Catalog } from './catalog';
import type { Action } from './types';

/**
 * Which actions support each condition key (on the action itself or through one of its resource types),
 * by lower-case key name. Built once per catalog on the first question: a pass over 22,000 actions.
 */
const indexes = new WeakMap<Catalog, Map<string, Action[]>>();

export function actionsSupportingKey(catalog: Catalog, key: string): readonly Action[] {
  let index = indexes.get(catalog);
  if (!index) {
    index = new Map();
    for (const action of catalog.allActions()) {
      const keys = new Set(action.conditionKeys.map((k) => k.toLowerCase()));
      for (const rt of action.resourceTypes) for (const k of rt.conditionKeys) keys.add(k.toLowerCase());
      for (const k of keys) {
        const list = index.get(k);
        if (list) list.push(action);
        else index.set(k, [action]);
      }
    }
    indexes.set(catalog, index);
  }
  // A concrete tag key (`aws:ResourceTag/env`) is documented as its template.
  const template = catalog.conditionKey(key)?.name ?? key;
  return index.get(template.toLowerCase()) ?? [];
}

/** Every condition key an action supports: its own and those of its resource types. */
export function conditionKeysOfAction(action: Action): string[] {
  const keys = new Set(action.conditionKeys);
  for (const rt of action.resourceTypes) for (const k of rt.conditionKeys) keys.add(k);
  return [...keys];
}
