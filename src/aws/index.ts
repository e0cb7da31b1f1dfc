/** What the language server and the CLI use of the AWS adapter. */
export { AwsGateway } from './gateway';
export { lookupActivity, type UnreadableEvent } from './lookupActivity';
export { lookupUsage } from './lookupUsage';
export { listProfiles } from './sharedFiles';
export {
  warehouseActivity,
  warehouseDayCounts,
  warehousePrincipalActions,
  warehouseSourceOf,
  type AthenaSource,
  type WarehouseChoice,
  type LakeSource,
  type WarehouseOptions,
  type WarehouseSource,
} from './warehouseActivity';
export { analyzerEvidence, type AnalyzerOptions } from './analyzerEvidence';
export { findingRecommendation, type RecommendationOptions, type RecommendedStep } from './findingRecommendation';
export type { EvidenceAnswer } from './evidenceAnswer';
export { lastAccessedEvidence, type LastAccessedOptions } from './lastAccessed';
export { stackResources, type StackOptions, type StackResource } from './stackResources';
export { kmsKeys, keyPolicy, type KmsOptions } from './kmsKeys';
export { secretPolicy, secretsList, type SecretsOptions } from './secretsList';
export { guardDutyFindings, type GuardDutyFindings, type GuardDutyOptions } from './guardDutyFindings';
export { securityHubFindings, type SecurityHubFindings, type SecurityHubOptions } from './securityHubFindings';
