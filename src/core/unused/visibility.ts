/**
 * Which actions each kind of evidence can see. What a source cannot see, it cannot prove unused: an
 * action outside every source's sight is `unknown`, with the reason, never `unused`.
 */
import type { Catalog } from '../catalog/catalog';
import type { CloudTrailEvidence } from './evidence';

/**
 * Actions CloudTrail never records under their own name (lower case → why). Sources: IAM User Guide,
 * "Granting a user permissions to pass a role to an AWS service" (PassRole is a permission, not an API
 * operation: the event is the call that passed the role); Amazon S3 API Reference, the Permissions of
 * GetObject, DeleteObject, PutObjectAcl and kin (a call naming a versionId is authorised by the
 * `...Version...` action and logged under the unversioned operation's name).
 */
const NOT_RECORDED: ReadonlyMap<string, string> = new Map([
  ['iam:passrole', 'iam:PassRole is a permission, not an API call: CloudTrail records the call that passed the role'],
  ...[
    'getobjectversion',
    'getobjectversionacl',
    'getobjectversionattributes',
    'getobjectversionforreplication',
    'getobjectversiontagging',
    'getobjectversiontorrent',
    'deleteobjectversion',
    'deleteobjectversiontagging',
    'putobjectversionacl',
    'putobjectversiontagging',
  ].map((name): [string, string] => [
    `s3:${name}`,
    `CloudTrail records a call authorised by s3:${name} under the operation's unversioned name`,
  ]),
]);

/**
 * Data events by IAM prefix: the actions whose calls CloudTrail logs only when a trail selects that
 * service's data events, and never in LookupEvents (CloudTrail User Guide, "Logging data events", its
 * table of resource types; Amazon S3 User Guide, "Amazon S3 CloudTrail events"). `object` stands for
 * every S3 action on the object resource type. In doubt an action is listed: counted as a data event it
 * can only become unknown, never wrongly unused.
 */
const DATA_EVENTS: ReadonlyMap<string, ReadonlySet<string> | 'all'> = new Map<string, ReadonlySet<string> | 'all'>([
  [
    's3',
    new Set([
      'object',
      'listbucket',
      'listbucketversions',
      'listbucketmultipartuploads',
      'listmultipartuploadparts',
      'abortmultipartupload',
    ]),
  ],
  ['lambda', new Set(['invokefunction', 'invokeasync', 'invokefunctionurl'])],
  [
    'dynamodb',
    new Set([
      'getitem',
      'batchgetitem',
      'putitem',
      'updateitem',
      'deleteitem',
      'batchwriteitem',
      'query',
      'scan',
      'conditioncheckitem',
      'partiqlselect',
      'partiqlinsert',
      'partiqlupdate',
      'partiqldelete',
      'getrecords',
      'getsharditerator',
    ]),
  ],
  ['sns', new Set(['publish'])],
  ['sqs', new Set(['sendmessage', 'receivemessage', 'deletemessage', 'changemessagevisibility'])],
  ['kinesis', new Set(['putrecord', 'putrecords', 'getrecords', 'getsharditerator', 'subscribetoshard'])],
  ['s3-object-lambda', 'all'],
  [
    'ebs',
    new Set([
      'getsnapshotblock',
      'listchangedblocks',
      'listsnapshotblocks',
      'putsnapshotblock',
      'startsnapshot',
      'completesnapshot',
    ]),
  ],
  ['cloudtrail-data', 'all'],
]);

/** `prefix` and `name` (lower case) of an action. */
function partsOf(action: string): [prefix: string, name: string] {
  const colon = action.indexOf(':');
  return [action.slice(0, colon).toLowerCase(), action.slice(colon + 1).toLowerCase()];
}

/**
 * Whether calls authorised by the action are data events. `onObjects` says whether the action acts on
 * S3's object resource type (the catalog knows; see DATA_EVENTS' `object`).
 */
function isDataEventAction(action: string, onObjects: boolean): boolean {
  const [prefix, name] = partsOf(action);
  const names = DATA_EVENTS.get(prefix);
  if (names === undefined) return false;
  return names === 'all' || names.has(name) || (onObjects && names.has('object'));
}

/** Why CloudTrail evidence cannot see the action, or undefined when it can. */
export function cloudTrailBlindSpot(
  evidence: CloudTrailEvidence,
  action: string,
  onObjects: boolean,
): string | undefined {
  const why = NOT_RECORDED.get(action.toLowerCase());
  if (why !== undefined) return why;
  if (!isDataEventAction(action, onObjects)) return undefined;
  const [prefix] = partsOf(action);
  if (!evidence.dataEvents) return `${action} is a data event, which ${evidence.label} never holds`;
  if (!evidence.dataEventServices.includes(prefix))
    return `${action} is a data event, and there is no ${prefix} data event in the ${evidence.label} (the trail may not log them)`;
  return undefined;
}

/** Whether an action acts on S3's object resource type, by the catalog (remembered per action). */
export function actsOnObjects(catalog: Catalog): (action: string) => boolean {
  const known = new Map<string, boolean>();
  return (action) => {
    const key = action.toLowerCase();
    let answer = known.get(key);
    if (answer === undefined) {
      answer =
        key.startsWith('s3:') &&
        catalog.expand(action).actions.some((a) => a.resourceTypes.some((r) => r.name === 'object'));
      known.set(key, answer);
    }
    return answer;
  };
}
