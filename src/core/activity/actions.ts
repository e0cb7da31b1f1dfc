import { ownValue } from './json';
import { PairMemo } from './pairMemo';
import { whyNoAction } from './noAction';

/**
 * The IAM action behind a CloudTrail event: the event source's first label as the service prefix, and
 * the event name as the action's name, except where the tables below say otherwise. Every action these
 * tables name exists in the IAM catalog (a unit test checks it).
 */

/** Event sources whose host does not start with the service's IAM prefix. */
const PREFIXES: Readonly<Record<string, string>> = {
  // CloudWatch's API host is monitoring.<region>.amazonaws.com; its actions are cloudwatch:*
  // (Service Authorization Reference, "Amazon CloudWatch").
  'monitoring.amazonaws.com': 'cloudwatch',
  // AppRegistry's actions are servicecatalog:* (Service Authorization Reference, "AWS Service Catalog").
  'servicecatalog-appregistry.amazonaws.com': 'servicecatalog',
};

// S3 API operations whose permission has another name: S3 User Guide, "Required permissions for Amazon
// S3 API operations". CloudTrail names the bucket-configuration calls after the older REST operations
// (GetBucketLifecycle, not GetBucketLifecycleConfiguration), so both spellings are listed where they exist.
const S3: Readonly<Record<string, string>> = {
  ListBuckets: 'ListAllMyBuckets',
  HeadBucket: 'ListBucket',
  ListObjects: 'ListBucket',
  ListObjectsV2: 'ListBucket',
  ListObjectVersions: 'ListBucketVersions',
  ListMultipartUploads: 'ListBucketMultipartUploads',
  ListParts: 'ListMultipartUploadParts',
  HeadObject: 'GetObject',
  SelectObjectContent: 'GetObject',
  DeleteObjects: 'DeleteObject',
  CopyObject: 'PutObject',
  UploadPart: 'PutObject',
  UploadPartCopy: 'PutObject',
  CreateMultipartUpload: 'PutObject',
  CompleteMultipartUpload: 'PutObject',
  GetBucketCors: 'GetBucketCORS',
  PutBucketCors: 'PutBucketCORS',
  DeleteBucketCors: 'PutBucketCORS',
  GetBucketEncryption: 'GetEncryptionConfiguration',
  PutBucketEncryption: 'PutEncryptionConfiguration',
  DeleteBucketEncryption: 'PutEncryptionConfiguration',
  GetBucketLifecycle: 'GetLifecycleConfiguration',
  GetBucketLifecycleConfiguration: 'GetLifecycleConfiguration',
  PutBucketLifecycle: 'PutLifecycleConfiguration',
  PutBucketLifecycleConfiguration: 'PutLifecycleConfiguration',
  DeleteBucketLifecycle: 'PutLifecycleConfiguration',
  GetBucketReplication: 'GetReplicationConfiguration',
  PutBucketReplication: 'PutReplicationConfiguration',
  DeleteBucketReplication: 'PutReplicationConfiguration',
  DeleteBucketPublicAccessBlock: 'PutBucketPublicAccessBlock',
  DeletePublicAccessBlock: 'PutBucketPublicAccessBlock',
  DeleteAccountPublicAccessBlock: 'PutAccountPublicAccessBlock',
  DeleteBucketTagging: 'PutBucketTagging',
  DeleteBucketOwnershipControls: 'PutBucketOwnershipControls',
  GetObjectLockConfiguration: 'GetBucketObjectLockConfiguration',
  PutObjectLockConfiguration: 'PutBucketObjectLockConfiguration',
  GetBucketAccelerateConfiguration: 'GetAccelerateConfiguration',
  PutBucketAccelerateConfiguration: 'PutAccelerateConfiguration',
  GetBucketNotificationConfiguration: 'GetBucketNotification',
  PutBucketNotificationConfiguration: 'PutBucketNotification',
  GetBucketAnalyticsConfiguration: 'GetAnalyticsConfiguration',
  ListBucketAnalyticsConfigurations: 'GetAnalyticsConfiguration',
  PutBucketAnalyticsConfiguration: 'PutAnalyticsConfiguration',
  DeleteBucketAnalyticsConfiguration: 'PutAnalyticsConfiguration',
  GetBucketInventoryConfiguration: 'GetInventoryConfiguration',
  ListBucketInventoryConfigurations: 'GetInventoryConfiguration',
  PutBucketInventoryConfiguration: 'PutInventoryConfiguration',
  DeleteBucketInventoryConfiguration: 'PutInventoryConfiguration',
  GetBucketMetricsConfiguration: 'GetMetricsConfiguration',
  ListBucketMetricsConfigurations: 'GetMetricsConfiguration',
  PutBucketMetricsConfiguration: 'PutMetricsConfiguration',
  DeleteBucketMetricsConfiguration: 'PutMetricsConfiguration',
  GetBucketIntelligentTieringConfiguration: 'GetIntelligentTieringConfiguration',
  ListBucketIntelligentTieringConfigurations: 'GetIntelligentTieringConfiguration',
  PutBucketIntelligentTieringConfiguration: 'PutIntelligentTieringConfiguration',
  DeleteBucketIntelligentTieringConfiguration: 'PutIntelligentTieringConfiguration',
  // The console's Storage Lens dashboard call; viewing the dashboard needs s3:GetStorageLensDashboard
  // (S3 User Guide, "Setting permissions to use Amazon S3 Storage Lens").
  GetStorageLensDashboardDataInternal: 'GetStorageLensDashboard',
};

// Lambda's data event for an invocation is `Invoke` (Lambda Developer Guide, "Logging AWS Lambda API
// calls using AWS CloudTrail"); the permission is lambda:InvokeFunction.
const LAMBDA: Readonly<Record<string, string>> = { Invoke: 'InvokeFunction' };

/** Action names that differ from the event name, by IAM prefix. */
const NAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = { s3: S3, lambda: LAMBDA };

// Lambda records the API version in the event name (GetFunction20150331v2, ListTags20170331): "the
// eventName might include date and version information, but it still refers to the same public API"
// (Lambda Developer Guide, same page).
const LAMBDA_VERSION = /^([A-Za-z]+?)20\d{6}(?:v\d+)?$/;

/** The IAM prefix of an event source (`s3.amazonaws.com` → `s3`). */
function prefixOf(eventSource: string): string {
  const dot = eventSource.indexOf('.');
  return ownValue(PREFIXES, eventSource) ?? (dot < 0 ? eventSource : eventSource.slice(0, dot));
}

/**
 * The IAM action (`prefix:Name`) that authorised an event of this source and name, or undefined when no
 * IAM action does (noAction.ts says why). Call sites that know the record's eventType also ask
 * whyNoAction with it: events the service emits itself carry API-like names without being requests.
 */
export function actionOf(eventSource: string, eventName: string): string | undefined {
  // Remembered per source and name: indexing a log asks this for every event, of a few hundred pairs.
  return ACTIONS.get(eventSource, eventName, () => actionOfPair(eventSource, eventName));
}

const ACTIONS = new PairMemo<string, string, string | undefined>();

function actionOfPair(eventSource: string, eventName: string): string | undefined {
  if (eventSource === '' || eventName === '' || whyNoAction(eventSource, eventName) !== undefined) return undefined;
  const prefix = prefixOf(eventSource);
  const name = prefix === 'lambda' ? eventName.replace(LAMBDA_VERSION, '$1') : eventName;
  const table = ownValue(NAMES, prefix);
  return `${prefix}:${(table && ownValue(table, name)) ?? name}`;
}

/** Every action the exception tables name, for the test that checks each exists in the catalog. */
export function tabledActions(): readonly string[] {
  return Object.entries(NAMES).flatMap(([prefix, names]) => Object.values(names).map((n) => `${prefix}:${n}`));
}

/** The events whose IAM action is a given one: what SQL sources select for an action. */
export interface ActionEvents {
  /** Event sources, lower case. */
  readonly sources: readonly string[];
  /** Event names, lower case. */
  readonly names: readonly string[];
  /** Lambda writes versions into names (GetFunction20150331v2): names that start with one of `names` and a date. */
  readonly versioned: boolean;
}

/**
 * actionOf read backwards: the sources and names of the events that map to `action` (case-insensitive,
 * as queries compare actions). An event name the exception tables send to another action is left out.
 */
export function eventsOfAction(action: string): ActionEvents | undefined {
  const colon = action.indexOf(':');
  if (colon <= 0 || colon === action.length - 1) return undefined;
  const prefix = action.slice(0, colon).toLowerCase();
  const name = action.slice(colon + 1).toLowerCase();
  const sources = [
    `${prefix}.amazonaws.com`,
    ...Object.entries(PREFIXES)
      .filter(([, p]) => p === prefix)
      .map(([source]) => source),
  ];
  const table = Object.entries(ownValue(NAMES, prefix) ?? {});
  const renamed = table.filter(([, to]) => to.toLowerCase() === name).map(([from]) => from.toLowerCase());
  const own = table.some(([from, to]) => from.toLowerCase() === name && to.toLowerCase() !== name) ? [] : [name];
  return { sources, names: [...new Set([...own, ...renamed])], versioned: prefix === 'lambda' };
}
