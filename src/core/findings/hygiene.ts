/**
 * The hygiene flag of a finding row: a high or critical finding still open. Open means not archived
 * and, in Security Hub, not resolved or suppressed by its workflow (someone already decided on it).
 */
import type { FindingRow } from './row';

export type FindingFlag = 'unarchivedHighSeverity';

const DECIDED = new Set(['RESOLVED', 'SUPPRESSED']);

/** Whether the finding is still waiting for someone. */
function isOpen(row: FindingRow): boolean {
  return !row.archived && !(row.workflow !== undefined && DECIDED.has(row.workflow));
}

/** The row's flags, empty when nothing calls for attention. */
export function findingFlags(row: FindingRow): FindingFlag[] {
  const severe = row.severityLabel === 'HIGH' || row.severityLabel === 'CRITICAL';
  return severe && isOpen(row) ? ['unarchivedHighSeverity'] : [];
}
