/**
 * Security Hub's AWS Security Finding Format as CloudWarden's finding row: the product that found it,
 * its severity label (and normalized score on GuardDuty's scale), its resources, workflow and record
 * state, compliance status and control, and the action ASFF records (an API call, a connection, …).
 */
import type { AwsSecurityFinding, SeverityLabel as HubLabel } from '@aws-sdk/client-securityhub';
import { type FindingRow, type SeverityLabel, severityLabelOf, severityOfLabel } from '../core';
import { isoTime, sharedActivity } from './findingActivity';

const LABELS: readonly string[] = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const PRINCIPAL_TYPES = new Set(['AwsIamRole', 'AwsIamUser']);

export function securityHubRow(finding: AwsSecurityFinding, region: string): FindingRow {
  const label = labelOf(finding.Severity?.Label, finding.Severity?.Normalized);
  const principal = finding.Resources?.find((r) => PRINCIPAL_TYPES.has(r.Type ?? ''))?.Id;
  const firstSeen = isoTime(finding.FirstObservedAt ?? finding.CreatedAt);
  const lastSeen = isoTime(finding.LastObservedAt ?? finding.UpdatedAt);
  const workflow = finding.Workflow?.Status ?? finding.WorkflowState;
  const compliance = finding.Compliance?.Status;
  const control = finding.Compliance?.SecurityControlId;
  const resources = (finding.Resources ?? []).map((r) => ({ type: r.Type ?? 'Unknown', id: r.Id ?? '' }));
  return {
    id: finding.Id ?? '',
    source: 'Security Hub',
    product: finding.ProductName ?? finding.ProductArn?.split('/').pop() ?? 'Security Hub',
    severityLabel: label,
    severity: severityOfLabel(label, finding.Severity?.Normalized),
    type: finding.Types?.[0] ?? '',
    title: finding.Title ?? '',
    description: finding.Description ?? '',
    resources: resources.length > 0 ? resources : [{ type: 'Unknown', id: '' }],
    ...(principal !== undefined && { principal }),
    account: finding.AwsAccountId ?? '',
    region: finding.Region ?? region,
    ...(firstSeen !== undefined && { firstSeen }),
    ...(lastSeen !== undefined && { lastSeen }),
    updatedAt: isoTime(finding.UpdatedAt) ?? 0,
    count: 1,
    archived: finding.RecordState === 'ARCHIVED',
    ...(workflow !== undefined && { workflow }),
    ...(compliance !== undefined && { compliance }),
    ...(control !== undefined && { control }),
    activity: sharedActivity(finding.Action),
  };
}

/** The label, or one derived from the normalized score that older findings carry alone. */
function labelOf(label: HubLabel | undefined, normalized: number | undefined): SeverityLabel {
  if (label !== undefined && LABELS.includes(label)) return label as SeverityLabel;
  return severityLabelOf((normalized ?? 0) / 10);
}
