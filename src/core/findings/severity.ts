/**
 * Severity bands, as GuardDuty documents them on its 1–10 scale (low 1.0–3.9, medium 4.0–6.9, high
 * 7.0–8.9, critical 9.0–10.0) and Security Hub on its normalized 0–100 (informational 0, low 1–39,
 * medium 40–69, high 70–89, critical 90–100). Rows keep GuardDuty's scale.
 */
import type { SeverityLabel } from './row';

/** The label of a severity on GuardDuty's scale (0 is informational, which only Security Hub has). */
export function severityLabelOf(severity: number): SeverityLabel {
  if (severity >= 9) return 'CRITICAL';
  if (severity >= 7) return 'HIGH';
  if (severity >= 4) return 'MEDIUM';
  if (severity > 0) return 'LOW';
  return 'INFORMATIONAL';
}

/** A Security Hub severity on GuardDuty's scale: its normalized score, else the middle of its label's band. */
export function severityOfLabel(label: SeverityLabel, normalized?: number): number {
  if (normalized !== undefined) return normalized / 10;
  return { CRITICAL: 9.5, HIGH: 8, MEDIUM: 5.5, LOW: 2.5, INFORMATIONAL: 0 }[label];
}

export type SeverityCounts = Readonly<Record<SeverityLabel, number>>;

/** The rows by label, every label present. */
export function countBySeverity(rows: readonly { readonly severityLabel: SeverityLabel }[]): SeverityCounts {
  const counts: Record<SeverityLabel, number> = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 };
  for (const row of rows) counts[row.severityLabel]++;
  return counts;
}
