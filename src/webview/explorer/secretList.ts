/**
 * The secrets tab's list: what a row says, what the text filter reads and the columns it sorts by.
 * Only metadata: the page never has a secret's value (CloudWarden never asks for one).
 */
import type { SecretRow } from '../../core';
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

export type SecretSortKey = 'name' | 'rotation' | 'lastRotated' | 'lastAccessed' | 'created' | 'region' | 'flags';

export const SECRET_SORTS: readonly (readonly [SecretSortKey, string])[] = [
  ['name', 'Name'],
  ['rotation', 'Rotation'],
  ['lastRotated', 'Last rotated'],
  ['lastAccessed', 'Last accessed'],
  ['created', 'Created'],
  ['region', 'Region'],
  ['flags', 'Flags'],
];

function secretRotation(row: SecretRow): string {
  if (!row.rotationEnabled) return 'rotation off';
  return row.rotationEveryDays === undefined ? 'rotation on' : `rotation every ${row.rotationEveryDays} d`;
}

/** The row's second line: rotation, the key (default or customer), Region. */
export function secretSummary(row: SecretRow): string {
  const key = row.defaultKey ? 'default key' : 'customer key';
  return [secretRotation(row), key, row.owningService && `managed by ${row.owningService}`, row.region]
    .filter((t) => t !== undefined && t !== '')
    .join(' · ');
}

const SECRET_COMPARES: Readonly<Record<SecretSortKey, Compare<SecretRow>>> = {
  name: byText((r) => r.name),
  rotation: byNumber((r) => Number(r.rotationEnabled)),
  lastRotated: byNumber((r) => r.lastRotatedAt),
  lastAccessed: byNumber((r) => r.lastAccessedAt),
  created: byNumber((r) => r.createdAt),
  region: byText((r) => r.region),
  flags: byNumber((r) => r.flags.length),
};

export function filterSecrets(rows: readonly SecretRow[], filter: ListFilter): SecretRow[] {
  return filterList(rows, filter, (r) => [r.name, r.arn, r.description, r.kmsKey, r.region, ...tagTexts(r.tags)]);
}

export function sortSecrets(rows: readonly SecretRow[], sort: ListSort<SecretSortKey>): SecretRow[] {
  return sortList(rows, sort, SECRET_COMPARES);
}
