/**
 * Sorting finding rows by one column, as the explorer's header asks. Ties fall back to the newest
 * update, then the id, so the order never depends on the order rows arrived in.
 */
import type { FindingRow } from './row';

export type FindingSortKey =
  'severity' | 'type' | 'title' | 'resource' | 'account' | 'region' | 'updated' | 'archived' | 'product';

export interface FindingSort {
  readonly key: FindingSortKey;
  readonly direction: 'asc' | 'desc';
}

type Compare = (a: FindingRow, b: FindingRow) => number;

const text =
  (read: (row: FindingRow) => string): Compare =>
  (a, b) => {
    const x = read(a);
    const y = read(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };

const COMPARE: Readonly<Record<FindingSortKey, Compare>> = {
  severity: (a, b) => a.severity - b.severity,
  type: text((r) => r.type),
  title: text((r) => r.title),
  resource: text((r) => r.resources[0]?.id ?? ''),
  account: text((r) => r.account),
  region: text((r) => r.region),
  updated: (a, b) => a.updatedAt - b.updatedAt,
  archived: (a, b) => Number(a.archived) - Number(b.archived),
  product: text((r) => r.product),
};

const tieBreak: Compare = (a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A sorted copy of the rows. */
export function sortFindings(rows: readonly FindingRow[], sort: FindingSort): FindingRow[] {
  const compare = COMPARE[sort.key];
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compare(a, b) || tieBreak(a, b));
}
