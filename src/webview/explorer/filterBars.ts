/**
 * The filter bar above each tab's list: the text filter (named `Filter`), "Flagged only", the sort
 * column and its direction; the findings tab adds, folded under "More filters" so a narrow sidebar keeps
 * its list in view, severities, sources, type prefix, resource, account, Region, days and archived.
 * `sync` puts a view's values back in the controls (a restored state, a reveal that cleared filters).
 */
import type { FindingSortKey } from '../../core';
import { element, group } from '../dom';
import { checkbox, select, textfield, type VscodeCheckbox } from './controls';
import { FINDING_SORTS, SEVERITIES, SOURCES, type FindingFilterState } from './findingList';
import type { ListFilter, ListSort } from './listFilter';
import type { TabView } from './viewState';

export interface FilterBar<F, K extends string> {
  readonly element: HTMLElement;
  sync(view: TabView<F, K>): void;
}

interface Changes<F, K extends string> {
  readonly filter: (change: Partial<F>) => void;
  readonly sort: (sort: ListSort<K>) => void;
}

/** The sort drop-down and the direction toggle, and how to show a sort in them. */
function sortControls<K extends string>(
  options: readonly (readonly [K, string])[],
  current: () => ListSort<K>,
  onSort: (sort: ListSort<K>) => void,
): { readonly elements: HTMLElement[]; readonly sync: (sort: ListSort<K>) => void } {
  const column = select<K>('Sort by', options, (key) => onSort({ ...current(), key }));
  const direction = element('button', 'direction');
  direction.type = 'button';
  direction.addEventListener('click', () => {
    const sort = current();
    onSort({ ...sort, direction: sort.direction === 'asc' ? 'desc' : 'asc' });
  });
  const sync = (sort: ListSort<K>) => {
    column.value = sort.key;
    const descending = sort.direction === 'desc';
    direction.textContent = descending ? '↓' : '↑';
    direction.title = descending ? 'Descending: click for ascending' : 'Ascending: click for descending';
    direction.setAttribute('aria-label', descending ? 'Sort descending' : 'Sort ascending');
  };
  return { elements: [column, direction], sync };
}

export function listFilterBar<K extends string>(
  sorts: readonly (readonly [K, string])[],
  current: () => TabView<ListFilter, K>,
  on: Changes<ListFilter, K>,
): FilterBar<ListFilter, K> {
  const text = textfield('Filter', 'Filter: name, id, ARN, tag', (value) => on.filter({ text: value }));
  const flagged = checkbox('Flagged only', (checked) => on.filter({ flaggedOnly: checked }));
  const sort = sortControls(sorts, () => current().sort, on.sort);
  return {
    element: group('filters', text, flagged, group('sort', ...sort.elements)),
    sync(view) {
      text.value = view.filter.text;
      flagged.checked = view.filter.flaggedOnly;
      sort.sync(view.sort);
    },
  };
}

/** A checkbox per value; the ticked ones are the filter's list. */
function ticks<V extends string>(
  values: readonly V[],
  label: (value: V) => string,
  onChange: (ticked: V[]) => void,
): { readonly element: HTMLElement; readonly sync: (ticked: readonly V[]) => void } {
  const boxes = new Map<V, VscodeCheckbox>();
  const changed = () => onChange(values.filter((v) => boxes.get(v)!.checked));
  for (const value of values) boxes.set(value, checkbox(label(value), changed));
  return {
    element: group('ticks', ...boxes.values()),
    sync: (ticked) => {
      for (const [value, box] of boxes) box.checked = ticked.includes(value);
    },
  };
}

export function findingFilterBar(
  current: () => TabView<FindingFilterState, FindingSortKey>,
  on: Changes<FindingFilterState, FindingSortKey>,
): FilterBar<FindingFilterState, FindingSortKey> {
  const text = textfield('Filter', 'Filter: title, type, resource, principal', (value) => on.filter({ text: value }));
  const flagged = checkbox('Flagged only', (checked) => on.filter({ flaggedOnly: checked }));
  const sort = sortControls(FINDING_SORTS, () => current().sort, on.sort);
  const severities = ticks(
    SEVERITIES,
    (s) => s[0] + s.slice(1).toLowerCase(),
    (v) => on.filter({ severities: v }),
  );
  const sources = ticks(
    SOURCES,
    (s) => s,
    (v) => on.filter({ sources: v }),
  );
  const typePrefix = textfield('Type prefix', 'Type starts with: Recon:', (v) => on.filter({ typePrefix: v }));
  const resource = textfield('Resource', 'Resource id, ARN or type', (v) => on.filter({ resource: v }));
  const account = textfield('Account', 'Account id', (v) => on.filter({ account: v }));
  const region = textfield('Region', 'Region', (v) => on.filter({ region: v }));
  const days = textfield('Updated within days', 'Updated within n days (empty: any)', (v) => {
    const n = Number.parseInt(v, 10);
    on.filter({ updatedDays: Number.isFinite(n) && n > 0 ? n : 0 });
  });
  days.type = 'number';
  const archived = select<FindingFilterState['archived']>(
    'Archived findings',
    [
      ['hide', 'Hide archived'],
      ['show', 'Show archived too'],
      ['only', 'Archived only'],
    ],
    (v) => on.filter({ archived: v }),
  );
  const more = element('details', 'more');
  more.append(
    element('summary', '', 'More filters'),
    severities.element,
    sources.element,
    group('fields', typePrefix, resource, account, region, days, archived),
  );
  return {
    element: group('filters', text, flagged, group('sort', ...sort.elements), more),
    sync(view) {
      const f = view.filter;
      text.value = f.text;
      flagged.checked = f.flaggedOnly;
      sort.sync(view.sort);
      severities.sync(f.severities);
      sources.sync(f.sources);
      typePrefix.value = f.typePrefix;
      resource.value = f.resource;
      account.value = f.account;
      region.value = f.region;
      days.value = f.updatedDays > 0 ? String(f.updatedDays) : '';
      archived.value = f.archived;
    },
  };
}
