/**
 * The keys tab's list: what a row says (its name and a line of facts), what the text filter reads and
 * the columns it sorts by.
 */
import type { KeyRow } from '../../core';
import {
  byNumber,
  byText,
  filterList,
  sortList,
  tagTexts,
  type Compare,
  type ListFilter,
  type ListSort,
} from './listFilter';

export type KeySortKey = 'name' | 'state' | 'managedBy' | 'rotation' | 'created' | 'lastUsed' | 'region' | 'flags';

export const KEY_SORTS: readonly (readonly [KeySortKey, string])[] = [
  ['name', 'Name'],
  ['state', 'State'],
  ['managedBy', 'Managed by'],
  ['rotation', 'Rotation'],
  ['created', 'Created'],
  ['lastUsed', 'Last used'],
  ['region', 'Region'],
  ['flags', 'Flags'],
];

/** The key's first alias, else its id: what a person calls it. */
export function keyName(row: KeyRow): string {
  return row.aliases[0] ?? row.keyId;
}

/** Rotation as a row says it: on (every n days), off, or not applicable. */
export function keyRotation(row: KeyRow): string {
  if (row.rotationEnabled === undefined) return 'rotation n/a';
  if (!row.rotationEnabled) return 'rotation off';
  return row.rotationPeriodDays === undefined ? 'rotation on' : `rotation every ${row.rotationPeriodDays} d`;
}

/** The row's second line: state, who manages it, rotation, Region. */
export function keySummary(row: KeyRow): string {
  const manager = row.managedBy === undefined ? undefined : `${row.managedBy} managed`;
  return [row.state, manager, keyRotation(row), row.region].filter((t) => t !== undefined).join(' · ');
}

const KEY_COMPARES: Readonly<Record<KeySortKey, Compare<KeyRow>>> = {
  name: byText(keyName),
  state: byText((r) => r.state ?? ''),
  managedBy: byText((r) => r.managedBy ?? ''),
  rotation: byNumber((r) => (r.rotationEnabled === undefined ? undefined : Number(r.rotationEnabled))),
  created: byNumber((r) => r.createdAt),
  lastUsed: byNumber((r) => r.lastUsedAt),
  region: byText((r) => r.region),
  flags: byNumber((r) => r.flags.length),
};

export function filterKeys(rows: readonly KeyRow[], filter: ListFilter): KeyRow[] {
  return filterList(rows, filter, (r) => [
    ...r.aliases,
    r.keyId,
    r.arn,
    r.description,
    r.state,
    r.region,
    ...tagTexts(r.tags),
  ]);
}

export function sortKeys(rows: readonly KeyRow[], sort: ListSort<KeySortKey>): KeyRow[] {
  return sortList(rows, sort, KEY_COMPARES);
}
