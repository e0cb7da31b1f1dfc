/**
 * The findings tab's filters and sorts. The core has `filterFindings` and `sortFindings`, but a webview
 * page may import only the core's types (its values pull in Node modules a browser bundle cannot hold), so
 * the page has its own, over the same row type, shaped like its controls: one text per field, the
 * severities and sources ticked, a number of days, archived hidden, shown or alone. Written for 10,000
 * rows per keystroke: the filter is compiled once into a list of cheap tests.
 */
import type { FindingRow, FindingSortKey, FindingSource, SeverityLabel } from '../../core';
import { arrayOf, isBoolean, isNumber, oneOf, shape, shortString, type Guard } from '../../shared/guards';
import { byNumber, byText, MAX_FILTER_TEXT, type Compare, type ListSort } from './listFilter';

export const SEVERITIES: readonly SeverityLabel[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
export const SOURCES: readonly FindingSource[] = ['GuardDuty', 'Security Hub'];

export interface FindingFilterState {
  readonly text: string;
  /** Ticked severities; none ticked lets every severity through. */
  readonly severities: readonly SeverityLabel[];
  /** The start of a type: `Recon:`, `UnauthorizedAccess:IAMUser/`. */
  readonly typePrefix: string;
  readonly resource: string;
  readonly account: string;
  readonly region: string;
  /** Ticked sources; none ticked lets both through. */
  readonly sources: readonly FindingSource[];
  /** Updated in the last n days; 0: any time. */
  readonly updatedDays: number;
  readonly archived: 'hide' | 'show' | 'only';
  readonly flaggedOnly: boolean;
}

/** Archived findings are hidden until asked for: someone already decided on them. */
export const DEFAULT_FINDING_FILTER: FindingFilterState = {
  text: '',
  severities: [],
  typePrefix: '',
  resource: '',
  account: '',
  region: '',
  sources: [],
  updatedDays: 0,
  archived: 'hide',
  flaggedOnly: false,
};

/** The filter that lets every row through (what a reveal clears to). */
export const NO_FINDING_FILTER: FindingFilterState = { ...DEFAULT_FINDING_FILTER, archived: 'show' };

const text = shortString(MAX_FILTER_TEXT);
export const isFindingFilterState: Guard<FindingFilterState> = shape<FindingFilterState>({
  text,
  severities: arrayOf(oneOf(...SEVERITIES)),
  typePrefix: text,
  resource: text,
  account: text,
  region: text,
  sources: arrayOf(oneOf(...SOURCES)),
  updatedDays: (v): v is number => isNumber(v) && v >= 0,
  archived: oneOf('hide', 'show', 'only'),
  flaggedOnly: isBoolean,
});

export const FINDING_SORTS: readonly (readonly [FindingSortKey, string])[] = [
  ['severity', 'Severity'],
  ['updated', 'Updated'],
  ['type', 'Type'],
  ['title', 'Title'],
  ['resource', 'Resource'],
  ['account', 'Account'],
  ['region', 'Region'],
  ['product', 'Product'],
  ['archived', 'Archived'],
];

const DECIDED = new Set(['RESOLVED', 'SUPPRESSED']);

/**
 * The finding's hygiene flag as a sentence: high or critical and still open (not archived, not resolved
 * or suppressed in Security Hub). The core decides the same in `findingFlags`, which the page cannot import.
 */
export function findingAttention(row: FindingRow): string | undefined {
  const severe = row.severityLabel === 'HIGH' || row.severityLabel === 'CRITICAL';
  const open = !row.archived && !(row.workflow !== undefined && DECIDED.has(row.workflow));
  return severe && open ? `${row.severityLabel.toLowerCase()} severity and not archived: look at it` : undefined;
}

type Test = (row: FindingRow) => boolean;

export function filterFindingRows(rows: readonly FindingRow[], filter: FindingFilterState, now: number): FindingRow[] {
  const tests = compile(filter, now);
  if (tests.length === 0) return [...rows];
  return rows.filter((row) => {
    for (const test of tests) if (!test(row)) return false;
    return true;
  });
}

function compile(filter: FindingFilterState, now: number): Test[] {
  const tests: (Test | undefined)[] = [
    setTest(filter.severities, (r) => r.severityLabel),
    setTest(filter.sources, (r) => r.source),
    filter.archived === 'show' ? undefined : (r) => r.archived === (filter.archived === 'only'),
    filter.updatedDays > 0 ? (r) => r.updatedAt >= now - filter.updatedDays * 86_400_000 : undefined,
    needleTest(filter.typePrefix, (n) => (r) => r.type.toLowerCase().startsWith(n)),
    needleTest(filter.account, (n) => (r) => r.account.includes(n)),
    needleTest(filter.region, (n) => (r) => r.region.toLowerCase().includes(n)),
    needleTest(filter.resource, (n) => (r) => r.resources.some((x) => has(x.id, n) || has(x.type, n))),
    filter.flaggedOnly ? (r) => findingAttention(r) !== undefined : undefined,
    needleTest(
      filter.text,
      (n) => (r) =>
        has(r.title, n) ||
        has(r.type, n) ||
        has(r.principal, n) ||
        has(r.product, n) ||
        r.resources.some((x) => has(x.id, n)) ||
        has(r.description, n),
    ),
  ];
  return tests.filter((t): t is Test => t !== undefined);
}

function has(value: string | undefined, needle: string): boolean {
  return value !== undefined && value.toLowerCase().includes(needle);
}

function setTest<T>(wanted: readonly T[], read: (row: FindingRow) => T): Test | undefined {
  if (wanted.length === 0) return undefined;
  const set = new Set(wanted);
  return (row) => set.has(read(row));
}

function needleTest(value: string, make: (needle: string) => Test): Test | undefined {
  const needle = value.trim().toLowerCase();
  return needle === '' ? undefined : make(needle);
}

const FINDING_COMPARES: Readonly<Record<FindingSortKey, Compare<FindingRow>>> = {
  severity: byNumber((r) => r.severity),
  updated: byNumber((r) => r.updatedAt),
  type: byText((r) => r.type),
  title: byText((r) => r.title),
  resource: byText((r) => r.resources[0]?.id ?? ''),
  account: byText((r) => r.account),
  region: byText((r) => r.region),
  product: byText((r) => r.product),
  archived: byNumber((r) => Number(r.archived)),
};

/** A sorted copy; ties by the newest update, then the id. */
export function sortFindingRows(rows: readonly FindingRow[], sort: ListSort<FindingSortKey>): FindingRow[] {
  const compare = FINDING_COMPARES[sort.key];
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort(
    (a, b) => sign * compare(a, b) || b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The row's second line: type, main resource, Region, and archived when it is. */
export function findingSummary(row: FindingRow): string {
  return [row.type, row.resources[0]?.id, row.region, row.archived ? 'archived' : undefined]
    .filter((t) => t !== undefined && t !== '')
    .join(' · ');
}
