/**
 * The core's front door: everything the language server, the CLI and the client use, in the words of the
 * domain. Nothing outside src/core imports a file inside it (eslint's no-restricted-imports says so), so
 * the core can be reorganised behind this list without touching its callers.
 */

// The IAM catalog: services, actions, resource types and condition keys.
export { Catalog, CatalogLoadError, lazyCatalog } from './catalog';
export type { AccessLevel } from './catalog/types';

// Reading policies out of a file, and linting them.
export type { NotAnalysed, PolicyDocument, PolicySource, SourceFormat, Span } from './policy/model';
export { policyFormatOfFile, policyFormatOfLanguage } from './sources/language';
export { readPolicySource } from './sources';
export { CodeTrees, grammarOf, loadGrammar, mayHoldPolicies, type CodeLanguage } from './sources/code';
export { readIfPresent, readRelativeTo } from './sources/code/files';
export {
  describeInternalError,
  lintFailedReason,
  lintSource,
  lintText,
  onSaveOnlyNotice,
  stringsOf,
  type InternalError,
  type LintConfig,
  type LintResult,
} from './lint';
export { describeOther, groupFindings, type FindingGroup } from './findingGroups';
export { FINGERPRINT_KEY, fingerprints } from './fingerprint';

// The rules, their findings and fixes (plain data: spans and text edits).
export { SEVERITIES, type Finding, type Fix, type RuleMeta, type Severity } from './rules/types';
export { ruleById, ruleMetas } from './rules/registry';
export { renderRuleDoc } from './rules/docs';
export { classificationOf, securitySeverityOf } from './rules/classification';

// Project configuration (.cloudwarden.yaml) and suppressions.
export { isIgnored, lintConfigFor, ProjectFiles, type ProjectFile } from './config/resolve';
export { isPrincipalArn, parseProjectFile, PROJECT_FILE_NAME } from './config/projectFile';
export type { SuppressedFinding } from './config/types';
export { describeSuppressed, inFileSuppression, projectFileSuppression } from './config/suppressionFixes';

// Help while editing: hover, completion, what each statement grants (CodeLens), rewrites.
export { hoverAt } from './docs/hover';
export { completionsAt, type CompletionKind } from './complete/completions';
export { summarizeStatements } from './docs/statementSummary';
export { rewritesAt } from './rules/fixes/rewrites';

// Browsing and explaining actions.
export { searchActions } from './search/actions';
export { actionDocsUrl, describeAction } from './docs/actionDocs';

// CloudTrail activity: events normalised once, whatever their source, and the IAM action behind each.
export { normaliseRecord } from './activity/normalise';
export { normaliseLookupEvent, type LookupEventLike } from './activity/lookup';
export { actionOf } from './activity/actions';
export type { ActivityEvent, ActivityPrincipal, ActivityResource, Normalised } from './activity/event';
export { type ActivityQuery, eventFilter, lookupAttributeOf, parseSince } from './activity/query';
export { principalIdentity, type DayCount, type PrincipalActionsAnswer } from './activity/usage';
export { usageOfEvents } from './activity/usageOfEvents';
export { tallyEvents, type ResourceUseAnswer, type TallyOptions } from './activity/resourceUse';
export { arnNamer, type ArnNamer } from './activity/arnNamer';

// Unused permissions: what each source of evidence says a principal used, and what a policy grants beyond it.
export type {
  AnalyzerEvidence,
  AnalyzerFinding,
  CloudTrailEvidence,
  DeniedAction,
  Evidence,
  EvidenceCost,
  LastAccessedEvidence,
  MissingEvidence,
  PrincipalEvidence,
  ServiceAccess,
} from './unused/evidence';
export { Usage } from './unused/merge';
export { judgeDocument, type JudgedAction, type UnusedFinding } from './unused/judge';
export { cloudTrailEvidence } from './unused/fromActivity';
export {
  principalOf,
  projectMappingRules,
  projectStackRefs,
  type MappingRule,
  type PrincipalMapping,
} from './unused/mapping';
// Which deployed principal a policy belongs to, by the evidence its file and its deployment give.
export { filePrincipals } from './unused/deployed/filePrincipals';
export { principalClues } from './unused/deployed/clues';
export { choosePrincipal, clueOutcome, type AccountAnswer, type StackAnswer } from './unused/deployed/choose';
export type { PrincipalClue } from './unused/deployed/types';
export { samStackOf, cloudAssemblyDirOf } from './unused/deployed/deployFiles';
export { readCloudAssembly, type CloudAssembly } from './unused/deployed/cloudAssembly';
export { withPrincipalEntry, type PrincipalEntry } from './config/principalEntry';
export { day, describeEvidence, describeUse } from './unused/describe';
export { actsOnObjects } from './unused/visibility';
export { buildReport, reportMarkdown, type ReportGrant, type ReportInput, type UnusedReport } from './unused/report';
export { recommendationMarkdown, type FindingRecommendation } from './unused/recommendation';
export { generatePolicy } from './unused/generatePolicy';
export { generationNotes } from './unused/generationNotes';
export { renderPolicy, type PolicyLanguage } from './unused/renderPolicy';

// CloudTrail log files: records cut out of a byte stream, read as events, and what a file's path says.
export { RECORD_LIMIT, RUN_BYTES, RecordSplitter, type RecordKind } from './logs/splitter';
export { cloudTrailRecordOf, readRecordBytes, readRecordRun, readRecordSpan } from './logs/events';
export { layoutOf, type LogLayout } from './logs/layout';
// The on-disk event index's core: segments of events (columnar, with posting lists) and queries over them.
export { SegmentBuilder, buildSegment } from './eventIndex/build';
export { Segment } from './eventIndex/segment';
export { FORMAT_VERSION as INDEX_FORMAT_VERSION, SegmentError } from './eventIndex/format';
export { queryEvents, type IndexedEvents } from './eventIndex/query';
export { countsByDay } from './eventIndex/countsByDay';
export { principalActions } from './eventIndex/principalActions';
export { principalResources, type PrincipalWindow } from './eventIndex/principalResources';
export { inTimeOrder, type Position } from './eventIndex/timeOrder';

// AWS: pacing, coalescing, caching, paged scans, the shared config files, and failures explained.
export { systemClock, untilAborted, type Clock } from './aws/clock';
export { Pacer } from './aws/pacer';
export { Coalescer } from './aws/coalesce';
export { cacheKey, TtlCache, type CacheEntry, type PersistentStore } from './aws/cache';
export { scanPages, type Page, type ScanSummary } from './aws/scan';
export { classifyAwsError, type AwsProblem, type AwsProblemKind, type AwsResult } from './aws/problems';
export { isThrottlingError } from './aws/errorFacts';
export { configuredEndpoint, parseAwsIni, profileNames, profileSettings, type IniSections } from './aws/sharedConfig';
export { awsConfiguration, type AwsConfiguration } from './aws/configured';
// AWS resources a file references (ARNs, names in templates, CDK, Terraform and SDK calls).
export { findReferences, referenceAt } from './refs/find';
export type { ResourceReference } from './refs/types';

// A referenced resource's CloudTrail activity at a glance: the question it asks, its cache key, the hover
// and the CodeLens line.
export {
  activityCacheKey,
  explorerReveal,
  GLANCE_MAX_PAGES,
  referenceKey,
  referenceLookupQuery,
  referenceQuery,
  showActivityArgument,
  type ExplorerReveal,
} from './glance/query';
export { activityHoverMarkdown } from './glance/hover';
export { activityLensTitle } from './glance/lens';
export type { ActivitySnapshot, ActivitySourceKind, Glance } from './glance/types';

// Text positions.
export { LineIndex } from './text/lines';

// Activity from SQL warehouses (Athena over a trail's bucket, CloudTrail Lake): queries as SQL, rows back
// into events, the table's DDL, and a FAILED query explained.
export {
  DEFAULT_PARTITIONS,
  type AthenaTable,
  type LakeStore,
  type Warehouse,
  type WarehouseScope,
} from './warehouse/targets';
export { warehouseSql, type WarehouseQueryKind } from './warehouse/queries';
export {
  dayCountsOfRows,
  eventsOfRows,
  principalActionsOfRows,
  type UnreadableRow,
  type WarehouseRow,
} from './warehouse/rows';
export { cloudTrailTableDdl, type TrailBucket } from './warehouse/ddl';
export { queryFailure } from './warehouse/failures';

// The security explorer's KMS keys and Secrets Manager secrets: what the adapters read, as rows with
// hygiene flags, and key and resource policies linted by CloudWarden's own rules.
export type { KeyFacts, PartProblem, SecretFacts } from './explorer/facts';
export { keyFlags, secretFlags, STALE_SECRET_DAYS, type HygieneFlag, type HygieneFlagId } from './explorer/hygiene';
export { keyRow, secretRow, type KeyRow, type SecretRow } from './explorer/rows';
export { reviewPolicy, type PolicyReview, type PolicyReviewFinding } from './explorer/policyReview';
export { codeMentions, type CodeMention } from './explorer/codeMentions';
export { languageOfFile } from './explorer/fileLanguage';
export type { FindingActivity, FindingResource, FindingRow, FindingSource, SeverityLabel } from './findings/row';
export { countBySeverity, severityLabelOf, severityOfLabel, type SeverityCounts } from './findings/severity';
export { findingFlags, type FindingFlag } from './findings/hygiene';
export { filterFindings, type FindingFilter } from './findings/filter';
export { sortFindings, type FindingSort, type FindingSortKey } from './findings/sort';

// Security detections over CloudTrail activity: each detection as data (severity, MITRE ATT&CK, the Panther
// rule it corresponds to), the few facts of a raw record they read, and one run over events in time order.
export type { Detection, Hit } from './investigate/detection';
export { detectionFactsOf, type DetectionFacts } from './investigate/facts';
export { DETECTIONS } from './investigate/registry';
export { listedByDetections } from './investigate/listed';
export { runDetections } from './investigate/run';

// Investigations: a principal's, a resource's, a key's, an address's or an event's CloudTrail activity (or a
// whole window's) made into a report that follows the incident workflow, and its Markdown.
export { subjectQuery, subjectTitle, type Subject } from './incident/subject';
export { buildInvestigation, REPORT_EVENT_LIMIT } from './incident/investigation';
export type { DetectionCount, Investigation, ReportHit } from './incident/model';
export type { Profile } from './incident/analysis';
export type { Classification } from './incident/classify';
export type { EventLine } from './incident/eventLine';
export type { Pivot } from './incident/pivots';
export type { RelatedFinding } from './incident/related';
export type { ResponseStep } from './incident/response';
export type { Tally } from './incident/tally';
export type { Unusual } from './incident/unusual';
export { investigationMarkdown } from './incident/markdown';
