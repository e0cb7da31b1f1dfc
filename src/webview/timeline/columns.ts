/**
 * The timeline table's columns, what each shows of an event, and sorting by any of them. Times sort as
 * times; the rest as the text shown (numeric parts in order: 10.0.0.9 before 10.0.0.10).
 */
import type { ActivityEvent } from '../../core';
import { isBoolean, oneOf, shape, type Guard } from '../../shared/guards';

export type ColumnId = 'time' | 'eventName' | 'principal' | 'sourceIp' | 'region' | 'kind' | 'errorCode';

export interface Column {
  readonly id: ColumnId;
  readonly label: string;
  readonly text: (event: ActivityEvent) => string;
}

export const COLUMNS: readonly Column[] = [
  { id: 'time', label: 'Time (UTC)', text: (e) => e.eventTime },
  { id: 'eventName', label: 'Event', text: (e) => e.eventName },
  { id: 'principal', label: 'Principal', text: (e) => e.principal.name },
  { id: 'sourceIp', label: 'Source IP', text: (e) => e.sourceIp ?? '' },
  { id: 'region', label: 'Region', text: (e) => e.region },
  {
    id: 'kind',
    label: 'Read / write',
    text: (e) => (e.readOnly === true ? 'read' : e.readOnly === false ? 'write' : ''),
  },
  { id: 'errorCode', label: 'Error', text: (e) => e.errorCode ?? '' },
];

export interface SortOrder {
  readonly column: ColumnId;
  readonly descending: boolean;
}

/** Newest first, as CloudTrail answers. */
export const DEFAULT_SORT: SortOrder = { column: 'time', descending: true };

export const isSortOrder: Guard<SortOrder> = shape<SortOrder>({
  column: oneOf(...COLUMNS.map((c) => c.id)),
  descending: isBoolean,
});

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** A sorted copy; ties keep the newest first, so equal rows never jump around between sorts. */
export function sortEvents(events: readonly ActivityEvent[], order: SortOrder): ActivityEvent[] {
  const column = COLUMNS.find((c) => c.id === order.column) ?? COLUMNS[0]!;
  const sign = order.descending ? -1 : 1;
  const compare =
    column.id === 'time'
      ? (a: ActivityEvent, b: ActivityEvent) => a.time - b.time
      : (a: ActivityEvent, b: ActivityEvent) => collator.compare(column.text(a), column.text(b));
  return [...events].sort((a, b) => sign * compare(a, b) || b.time - a.time || a.eventId.localeCompare(b.eventId));
}

/** A click on a column's header: the same column turns its order around; another starts ascending. */
export function nextSort(current: SortOrder, column: ColumnId): SortOrder {
  if (current.column === column) return { column, descending: !current.descending };
  return { column, descending: column === 'time' };
}
