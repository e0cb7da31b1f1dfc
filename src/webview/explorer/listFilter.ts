/**
 * The filter the keys and secrets tabs share: a text (any part of a name, id, ARN, description, Region
 * or tag, in any case) and "flagged only" (rows with a hygiene flag). Sorting is by one column, ascending
 * or descending; ties fall back to the ARN, so equal rows never swap places between draws.
 */
import { isBoolean, oneOf, shape, shortString, type Guard } from '../../shared/guards';

export interface ListFilter {
  readonly text: string;
  readonly flaggedOnly: boolean;
}

export const NO_LIST_FILTER: ListFilter = { text: '', flaggedOnly: false };

/** A filter's text field takes at most this many characters (what a saved state may hold). */
export const MAX_FILTER_TEXT = 500;

export const isListFilter: Guard<ListFilter> = shape<ListFilter>({
  text: shortString(MAX_FILTER_TEXT),
  flaggedOnly: isBoolean,
});

export type Direction = 'asc' | 'desc';
export const isDirection: Guard<Direction> = oneOf('asc', 'desc');

export interface ListSort<K extends string> {
  readonly key: K;
  readonly direction: Direction;
}

/** The rows whose texts contain the filter's text and, when asked, that carry a flag. */
export function filterList<R extends { readonly flags: readonly unknown[] }>(
  rows: readonly R[],
  filter: ListFilter,
  texts: (row: R) => readonly (string | undefined)[],
): R[] {
  const needle = filter.text.trim().toLowerCase();
  if (needle === '' && !filter.flaggedOnly) return [...rows];
  return rows.filter(
    (row) =>
      (!filter.flaggedOnly || row.flags.length > 0) &&
      (needle === '' || texts(row).some((t) => t !== undefined && t.toLowerCase().includes(needle))),
  );
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** How one column orders two rows: numbers (absent last when ascending), text by the collator. */
export type Compare<R> = (a: R, b: R) => number;

export function byText<R>(read: (row: R) => string): Compare<R> {
  return (a, b) => collator.compare(read(a), read(b));
}

/** Absent values count as smaller than any present one. */
export function byNumber<R>(read: (row: R) => number | undefined): Compare<R> {
  return (a, b) => (read(a) ?? -Infinity) - (read(b) ?? -Infinity) || 0;
}

/** A sorted copy: the column's order in the direction asked, then the ARN. */
export function sortList<R extends { readonly arn: string }, K extends string>(
  rows: readonly R[],
  sort: ListSort<K>,
  compares: Readonly<Record<K, Compare<R>>>,
): R[] {
  const compare = compares[sort.key];
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compare(a, b) || (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
}

/** The tag pairs as `key=value` texts a filter can match. */
export function tagTexts(tags: Readonly<Record<string, string>>): string[] {
  return Object.entries(tags).map(([k, v]) => `${k}=${v}`);
}
