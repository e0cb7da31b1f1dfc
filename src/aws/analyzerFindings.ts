/**
 * Access Analyzer's finding details as CloudWarden's AnalyzerFinding: one per unused service of an
 * unused-permission finding (the whole service when it lists no actions), or the one unused role,
 * access key or password. Unused actions are named with their service prefix whether or not Access
 * Analyzer writes it.
 */
import type { FindingDetails } from '@aws-sdk/client-accessanalyzer';
import type { AnalyzerFinding } from '../core';

export function analyzerFindings(id: string, details: readonly FindingDetails[]): AnalyzerFinding[] {
  return details.flatMap((detail): AnalyzerFinding[] => {
    if (detail.unusedPermissionDetails) {
      const { serviceNamespace: service = '', lastAccessed, actions } = detail.unusedPermissionDetails;
      return [
        {
          type: 'UnusedPermission',
          id,
          service,
          ...(lastAccessed && { lastAccessed: lastAccessed.getTime() }),
          actions: (actions ?? []).map(({ action = '', lastAccessed: last }) => ({
            action: action.includes(':') ? action : `${service}:${action}`,
            ...(last && { lastAccessed: last.getTime() }),
          })),
        },
      ];
    }
    const unused =
      (detail.unusedIamRoleDetails && { type: 'UnusedIAMRole' as const, ...detail.unusedIamRoleDetails }) ??
      (detail.unusedIamUserAccessKeyDetails && {
        type: 'UnusedIAMUserAccessKey' as const,
        ...detail.unusedIamUserAccessKeyDetails,
      }) ??
      (detail.unusedIamUserPasswordDetails && {
        type: 'UnusedIAMUserPassword' as const,
        ...detail.unusedIamUserPasswordDetails,
      });
    // External and internal access details are another analyzer's business.
    if (!unused) return [];
    return [{ type: unused.type, id, ...(unused.lastAccessed && { lastAccessed: unused.lastAccessed.getTime() }) }];
  });
}
