/**
 * Filtering finding rows as the explorer's controls ask: every given criterion must hold, an absent one
 * lets everything through. Written for 10,000 rows on every keystroke: the filter is compiled once into
 * a list of cheap tests (sets, lower-cased needles), then each row is tested without allocating.
 */
import type { FindingRow, FindingSource, SeverityLabel } from './row';

export interface FindingFilter {
  readonly severities?: readonly SeverityLabel[];
  /** Exact types, or prefixes ending in `:` or `/` (`Recon:`, `UnauthorizedAccess:IAMUser/`). */
  readonly types?: readonly string[];
  /** Part of a resource's id or ARN, or of its type, in any case. */
  readonly resource?: string;
  readonly accounts?: readonly string[];
  readonly regions?: readonly string[];
  readonly sources?: readonly FindingSource[];
  /** Epoch ms bounds on the update time, inclusive. */
  readonly updatedSince?: number;
  readonly updatedUntil?: number;
  /** true: archived only; false: not archived only; absent: both. */
  readonly archived?: boolean;
  /** Part of the title, type, description, principal or a resource, in any case. */
  readonly text?: string;
}

type Test = (row: FindingRow) => boolean;

/** The rows that pass the filter, in their order. */
export function filterFindings(rows: readonly FindingRow[], filter: FindingFilter): FindingRow[] {
  const test = compileFilter(filter);
  return rows.filter(test);
}

/** The filter as one test of a row. */
function compileFilter(filter: FindingFilter): Test {
  const tests = [
    oneOf(filter.severities, (r) => r.severityLabel),
    oneOf(filter.accounts, (r) => r.account),
    oneOf(filter.regions, (r) => r.region),
    oneOf(filter.sources, (r) => r.source),
    typeTest(filter.types),
    filter.archived === undefined ? undefined : (r: FindingRow) => r.archived === filter.archived,
    filter.updatedSince === undefined ? undefined : (r: FindingRow) => r.updatedAt >= filter.updatedSince!,
    filter.updatedUntil === undefined ? undefined : (r: FindingRow) => r.updatedAt <= filter.updatedUntil!,
    resourceTest(filter.resource),
    textTest(filter.text),
  ].filter((t): t is Test => t !== undefined);
  return (row) => {
    for (const test of tests) if (!test(row)) return false;
    return true;
  };
}

function oneOf<T>(wanted: readonly T[] | undefined, read: (row: FindingRow) => T): Test | undefined {
  if (wanted === undefined || wanted.length === 0) return undefined;
  const set = new Set(wanted);
  return (row) => set.has(read(row));
}

function typeTest(types: readonly string[] | undefined): Test | undefined {
  if (types === undefined || types.length === 0) return undefined;
  const exact = new Set(types.filter((t) => !/[:/]$/.test(t)));
  const prefixes = types.filter((t) => /[:/]$/.test(t));
  return (row) => exact.has(row.type) || prefixes.some((p) => row.type.startsWith(p));
}

function resourceTest(resource: string | undefined): Test | undefined {
  const needle = resource?.trim().toLowerCase();
  if (!needle) return undefined;
  return (row) =>
    row.resources.some((r) => r.id.toLowerCase().includes(needle) || r.type.toLowerCase().includes(needle));
}

function textTest(text: string | undefined): Test | undefined {
  const needle = text?.trim().toLowerCase();
  if (!needle) return undefined;
  const has = (value: string | undefined): boolean => value !== undefined && value.toLowerCase().includes(needle);
  return (row) =>
    has(row.title) ||
    has(row.type) ||
    has(row.principal) ||
    row.resources.some((r) => has(r.id)) ||
    has(row.description);
}
