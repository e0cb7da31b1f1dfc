/**
 * What the explorer page remembers across hide, show and reload (VS Code's webview state): the tab shown
 * and, per tab, the filters, the sort and the selected row. Read back through guards, one tab at a time:
 * state an older version wrote must not break the page, and one tab's bad state must not reset the others.
 */
import type { FindingSortKey } from '../../core';
import { EXPLORER_TABS, type ExplorerTab } from '../../shared/explorerMessages';
import { oneOf, optional, shape, shortString, type Guard } from '../../shared/guards';
import { DEFAULT_FINDING_FILTER, FINDING_SORTS, isFindingFilterState, type FindingFilterState } from './findingList';
import { KEY_SORTS, type KeySortKey } from './keyList';
import { isDirection, isListFilter, NO_LIST_FILTER, type ListFilter, type ListSort } from './listFilter';
import { SECRET_SORTS, type SecretSortKey } from './secretList';

export interface TabView<F, K extends string> {
  readonly filter: F;
  readonly sort: ListSort<K>;
  readonly selectedId?: string;
}

export interface ViewState {
  readonly tab: ExplorerTab;
  readonly keys: TabView<ListFilter, KeySortKey>;
  readonly secrets: TabView<ListFilter, SecretSortKey>;
  readonly findings: TabView<FindingFilterState, FindingSortKey>;
}

/** Keys and secrets by name; findings most severe first. */
export const DEFAULT_VIEW: ViewState = {
  tab: 'keys',
  keys: { filter: NO_LIST_FILTER, sort: { key: 'name', direction: 'asc' } },
  secrets: { filter: NO_LIST_FILTER, sort: { key: 'name', direction: 'asc' } },
  findings: { filter: DEFAULT_FINDING_FILTER, sort: { key: 'severity', direction: 'desc' } },
};

/** Longer than any ARN or finding id the host sends. */
const isSelectedId = optional(shortString(4096));

function tabViewGuard<F, K extends string>(filter: Guard<F>, sort: Guard<ListSort<K>>): Guard<TabView<F, K>> {
  return shape<TabView<F, K>>({ filter, sort, selectedId: isSelectedId });
}

function sortGuard<K extends string>(keys: readonly (readonly [K, string])[]): Guard<ListSort<K>> {
  return shape<ListSort<K>>({ key: oneOf(...keys.map(([key]) => key)), direction: isDirection });
}

const GUARDS = {
  keys: tabViewGuard(isListFilter, sortGuard(KEY_SORTS)),
  secrets: tabViewGuard(isListFilter, sortGuard(SECRET_SORTS)),
  findings: tabViewGuard(isFindingFilterState, sortGuard(FINDING_SORTS)),
};

/** The view saved in `state`: each part that reads, the default for each part that does not. */
export function restoredView(state: unknown): ViewState {
  const saved = typeof state === 'object' && state !== null ? (state as Record<string, unknown>) : {};
  const pick = <T>(guard: Guard<T>, value: unknown, fallback: T): T => (guard(value) ? value : fallback);
  return {
    tab: pick(oneOf(...EXPLORER_TABS), saved['tab'], DEFAULT_VIEW.tab),
    keys: pick(GUARDS.keys, saved['keys'], DEFAULT_VIEW.keys),
    secrets: pick(GUARDS.secrets, saved['secrets'], DEFAULT_VIEW.secrets),
    findings: pick(GUARDS.findings, saved['findings'], DEFAULT_VIEW.findings),
  };
}
