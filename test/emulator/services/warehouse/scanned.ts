/**
 * Bytes scanned, as Athena and Lake bill them: the bytes of the log files a query reads. Athena reads
 * the partitions its predicates on the partition columns select (a query without them reads every
 * partition, and the figure shows it); Lake reads the events of its eventTime window. The predicates
 * recognised are the forms partition pruning acts on: `=`, `<`, `<=`, `>`, `>=`, `IN (...)` and
 * `BETWEEN ... AND ...` comparing a partition column with string literals.
 */
import type { TableRow } from './rows';

type Test = (value: string) => boolean;

const PARTITION =
  /(?:"(timestamp|region|account)"|\b(timestamp|region|account)\b)\s*(?:BETWEEN\s*'([^']*)'\s*AND\s*'([^']*)'|IN\s*\(([^)]*)\)|(>=|<=|=|>|<)\s*'([^']*)')/gi;

/** Athena: the bytes of the rows in the partitions the SQL selects. */
export function athenaBytesScanned(sql: string, rows: readonly TableRow[]): number {
  const tests: [string, Test][] = [...sql.matchAll(PARTITION)].map((m) => [
    (m[1] ?? m[2]!).toLowerCase(),
    testOf(m[3], m[4], m[5], m[6], m[7]),
  ]);
  return sum(rows.filter((row) => tests.every(([column, test]) => test(String(row[column] ?? '')))));
}

const LAKE_TIME = /\beventTime\s*(>=|<=|=|>|<)\s*TIMESTAMP\s*'([^']*)'/gi;

/** Lake: the bytes of the events inside the eventTime bounds the SQL gives. */
export function lakeBytesScanned(sql: string, rows: readonly TableRow[]): number {
  const tests: Test[] = [...sql.matchAll(LAKE_TIME)].map((m) =>
    testOf(undefined, undefined, undefined, m[1], lakeTime(m[2]!)),
  );
  return sum(rows.filter((row) => tests.every((test) => test(String(row['eventtime'] ?? '')))));
}

/** `2024-05-01 12:00:00` as the ISO form eventtime holds, so the two compare as text. */
function lakeTime(text: string): string {
  return `${text.trim().replace(' ', 'T').replace(/\.0+$/, '')}Z`;
}

function testOf(low?: string, high?: string, list?: string, op?: string, value?: string): Test {
  if (low !== undefined && high !== undefined) return (v) => v >= low && v <= high;
  if (list !== undefined) {
    const values = new Set([...list.matchAll(/'([^']*)'/g)].map((m) => m[1]!));
    return (v) => values.has(v);
  }
  const x = value ?? '';
  const compare: Record<string, Test> = {
    '=': (v) => v === x,
    '<': (v) => v < x,
    '<=': (v) => v <= x,
    '>': (v) => v > x,
    '>=': (v) => v >= x,
  };
  return compare[op ?? '='] ?? (() => true);
}

function sum(rows: readonly TableRow[]): number {
  return Math.round(rows.reduce((total, row) => total + Number(row['bytes'] ?? 0), 0));
}
