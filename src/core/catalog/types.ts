/** The access levels of the Service Authorization Reference, normalised to one per action. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

export const ACCESS_LEVELS: readonly AccessLevel[] = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

/** Condition key value types as IAM documents them. */
export type ConditionKeyType =
  | 'String'
  | 'ArrayOfString'
  | 'ARN'
  | 'ArrayOfARN'
  | 'Bool'
  | 'ArrayOfBool'
  | 'Numeric'
  | 'ArrayOfNumeric'
  | 'Date'
  | 'ArrayOfDate'
  | 'IPAddress'
  | 'ArrayOfIPAddress'
  | 'Binary'
  | 'ArrayOfBinary'
  | 'Null';

export interface Service {
  /** Service prefix as used in actions, e.g. `s3`. */
  readonly prefix: string;
  /** Human name, e.g. `Amazon S3`. */
  readonly name: string;
  /** Service Authorization Reference page for this service. */
  readonly docsUrl: string;
}

export interface ActionResourceType {
  /** Resource type name as the service names it, e.g. `object`. */
  readonly name: string;
  readonly required: boolean;
  readonly conditionKeys: readonly string[];
}

export interface Action {
  readonly service: Service;
  /** Action name in the service's canonical casing, e.g. `GetObject`. */
  readonly name: string;
  /** `service:Name`, e.g. `s3:GetObject`. */
  readonly fullName: string;
  readonly description: string;
  readonly accessLevel: AccessLevel;
  readonly resourceTypes: readonly ActionResourceType[];
  /** Condition keys the action supports (beyond those of its resource types). */
  readonly conditionKeys: readonly string[];
  /** True when the action supports no resource types: only `Resource: "*"` can grant it. */
  readonly wildcardOnly: boolean;
}

export interface ResourceType {
  readonly service: Service;
  readonly name: string;
  /** ARN format with `${Placeholders}`, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  readonly arnFormat: string;
  readonly conditionKeys: readonly string[];
}

export interface ConditionKey {
  /** Canonical casing, e.g. `s3:prefix`, `aws:RequestTag/${TagKey}`. */
  readonly name: string;
  readonly type: ConditionKeyType;
  readonly description: string;
  /** `aws` for global keys, otherwise the service prefix. */
  readonly service: string;
}

export interface Suggestion {
  /** The suggested replacement, e.g. `s3:GetObject`. */
  readonly value: string;
  /** Edit distance from the input (case-insensitive). */
  readonly distance: number;
}

export interface Expansion {
  /** Matching actions, sorted by service prefix then action name. */
  readonly actions: readonly Action[];
  /** When nothing matched: the closest known services or actions, best first. */
  readonly suggestions: readonly Suggestion[];
}

export type ArnMatch = 'match' | 'no-match' | 'unknown';

/** The six parts of an ARN: `arn:partition:service:region:account:resource`. */
export interface ParsedArn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the fifth colon; may itself contain `:` and `/`. */
  readonly resource: string;
}

/**
 * A piece of an ARN as written in a policy. A string is literal text (with IAM wildcards `*` and `?`);
 * `{ unknown }` stands for a value only known at deploy time, such as CloudFormation's
 * `${AWS::AccountId}` or a Terraform interpolation; the string is a label for messages.
 */
export type ArnPart = string | { readonly unknown: string };

/** An ARN as written in a policy: plain text, or pieces some of which are unknown. */
export type ArnInput = string | readonly ArnPart[];

/** A resource type together with how an ARN matches its format. */
export interface ResourceTypeMatch {
  readonly resourceType: ResourceType;
  /** Never `'no-match'`: only candidates are reported. */
  readonly match: Exclude<ArnMatch, 'no-match'>;
}
