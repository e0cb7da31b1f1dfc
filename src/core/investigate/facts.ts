import { objectOf, ownValue, textOf, type JsonObject } from '../activity/json';
import { loggingWeakening } from './loggingFacts';
import { worldOpening } from './network';
import { publicGrant } from './publicGrant';

/**
 * The few facts of a raw CloudTrail record the detections read beyond the ActivityEvent, which keeps no
 * requestParameters, responseElements or additionalEventData. Only a small share of events have any
 * (sign-ins, IAM, policy, network, trail and detector changes), so the log index can store these facts
 * beside the events that have them, in its segments, and the detections run from the index alone.
 */
export interface DetectionFacts {
  /** A sign-in's result (`responseElements.ConsoleLogin`: 'Success' or 'Failure'). */
  readonly signIn?: string;
  /** `additionalEventData.MFAUsed` of a console sign-in ('Yes' or 'No'). */
  readonly mfaUsed?: string;
  /** A console sign-in through a SAML identity provider (`additionalEventData.SamlProviderArn`). */
  readonly samlProvider?: string;
  /** The IAM user an access key or login profile was made for (response first, then request). */
  readonly targetUser?: string;
  /** `requestParameters.passwordResetRequired` of a login profile change. */
  readonly passwordResetRequired?: boolean;
  /** What a resource policy or ACL now grants to everyone: `Principal "*"`, `AllUsers`. */
  readonly publicGrant?: string;
  /** A bucket's or account's public access block turned (partly) off. */
  readonly publicAccessBlockOff?: boolean;
  /** The world-open range a security group or network ACL rule now allows in: `0.0.0.0/0`. */
  readonly worldCidr?: string;
  /** How a trail's logging was narrowed: `management events excluded`, `multi-Region off`. */
  readonly loggingWeakened?: string;
  /** A GuardDuty detector updated to disabled (`requestParameters.enable` false). */
  readonly detectorDisabled?: boolean;
}

type Reader = (request: JsonObject, record: JsonObject) => DetectionFacts;

const publicPolicy: Reader = (request, record) => ({ publicGrant: publicGrant(textOf(record.eventName)!, request) });
const opening: Reader = (request) => ({ worldCidr: worldOpening(request) });
const weakening: Reader = (request, record) => ({
  loggingWeakened: loggingWeakening(textOf(record.eventName)!, request),
});
const forUser: Reader = (request, record) => {
  const response = objectOf(record.responseElements);
  const made = objectOf(response?.accessKey) ?? objectOf(response?.loginProfile);
  const reset = request.passwordResetRequired;
  return {
    targetUser: textOf(made?.userName) ?? textOf(request.userName),
    passwordResetRequired: typeof reset === 'boolean' ? reset : reset === 'true' ? true : undefined,
  };
};

/** The facts each event name carries, read from its record. */
const READERS: Readonly<Record<string, Reader>> = {
  ConsoleLogin: (_request, record) => {
    const extra = objectOf(record.additionalEventData);
    return {
      signIn: textOf(objectOf(record.responseElements)?.ConsoleLogin),
      mfaUsed: textOf(extra?.MFAUsed),
      samlProvider: textOf(extra?.SamlProviderArn),
    };
  },
  CreateAccessKey: forUser,
  CreateLoginProfile: forUser,
  UpdateLoginProfile: forUser,
  PutBucketPolicy: publicPolicy,
  PutBucketAcl: publicPolicy,
  SetRepositoryPolicy: publicPolicy,
  PutKeyPolicy: publicPolicy,
  CreateKey: publicPolicy,
  CreateElasticsearchDomain: publicPolicy,
  UpdateElasticsearchDomainConfig: publicPolicy,
  CreateDomain: publicPolicy,
  UpdateDomainConfig: publicPolicy,
  PutResourcePolicy: publicPolicy,
  SetTopicAttributes: publicPolicy,
  SetQueueAttributes: publicPolicy,
  AddPermission: publicPolicy,
  SetVaultAccessPolicy: publicPolicy,
  PutFileSystemPolicy: publicPolicy,
  UpdateAssumeRolePolicy: publicPolicy,
  PutBucketPublicAccessBlock: (request) => ({ publicAccessBlockOff: accessBlockOff(request) }),
  PutPublicAccessBlock: (request) => ({ publicAccessBlockOff: accessBlockOff(request) }),
  AuthorizeSecurityGroupIngress: opening,
  ModifySecurityGroupRules: opening,
  CreateNetworkAclEntry: opening,
  ReplaceNetworkAclEntry: opening,
  PutEventSelectors: weakening,
  UpdateTrail: weakening,
  UpdateDetector: (request) => ({ detectorDisabled: request.enable === false || request.enable === 'false' }),
};

/**
 * The detection facts of a raw record, or undefined when it has none (most records): a pure function
 * that never throws, whatever the record holds.
 */
export function detectionFactsOf(record: unknown): DetectionFacts | undefined {
  const object = objectOf(record);
  const name = textOf(object?.eventName);
  const reader = name === undefined ? undefined : ownValue(READERS, name);
  if (object === undefined || reader === undefined) return undefined;
  try {
    return present(reader(objectOf(object.requestParameters) ?? {}, object));
  } catch {
    // A getter that throws or a policy nested past the stack: no facts rather than a failed scan.
    return undefined;
  }
}

/** The facts without their undefined and false fields, or undefined when none is left. */
function present(facts: DetectionFacts): DetectionFacts | undefined {
  const kept: Record<string, unknown> = {};
  let any = false;
  for (const [key, value] of Object.entries(facts)) {
    if (value === undefined || (value === false && key !== 'passwordResetRequired')) continue;
    kept[key] = value;
    any = true;
  }
  return any ? (kept as DetectionFacts) : undefined;
}

/** Any of the four blocks set false (PublicAccessBlockConfiguration, S3 and S3 Control spellings). */
function accessBlockOff(request: JsonObject): boolean {
  const config = objectOf(request.PublicAccessBlockConfiguration) ?? objectOf(request.publicAccessBlock);
  if (config === undefined) return false;
  const flags = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'];
  return flags.some((flag) => config[flag] === false || config[flag] === 'false');
}
