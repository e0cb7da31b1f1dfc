/**
 * One CloudTrail event, normalised once whatever its source (a LookupEvents answer, a log file, later an
 * Athena row), so that everything above reads the same plain data. The fields keep CloudTrail's values
 * as recorded; only their shape is made regular (optional fields absent, never empty strings).
 */
export interface ActivityEvent {
  readonly eventId: string;
  /** ISO 8601 as recorded. */
  readonly eventTime: string;
  /** `eventTime` in epoch milliseconds. */
  readonly time: number;
  readonly eventVersion?: string;
  /** The service's host, as recorded: `s3.amazonaws.com`. */
  readonly eventSource: string;
  readonly eventName: string;
  /**
   * The IAM action that authorised the call (`s3:PutBucketPolicy`); undefined when no IAM action did,
   * for the reasons noAction.ts lists (a console sign-in, an event the service emitted itself, ...).
   */
  readonly action?: string;
  readonly principal: ActivityPrincipal;
  readonly accessKeyId?: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
  readonly region: string;
  /** recipientAccountId, else userIdentity.accountId. */
  readonly account?: string;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly readOnly?: boolean;
  readonly category: 'management' | 'data' | 'insight' | 'networkActivity' | 'unknown';
  readonly resources: readonly ActivityResource[];
  /** The log file the event was read from (log-file sources only). */
  readonly file?: string;
}

/** Who made the request. */
export interface ActivityPrincipal {
  /**
   * userIdentity.type as recorded ('IAMUser', 'AssumedRole', 'Root', 'AWSService', 'AWSAccount',
   * 'FederatedUser', 'IdentityCenterUser', 'SAMLUser', 'WebIdentityUser', 'Unknown'), or 'Anonymous'.
   */
  readonly type: string;
  /** A short display name: user name, 'RoleName/session', service host, 'root', 'anonymous'. */
  readonly name: string;
  /** The identity's ARN (for an assumed role: the session ARN). */
  readonly arn?: string;
  readonly account?: string;
  /** For an assumed role: the issuer role's ARN (sessionContext.sessionIssuer.arn). */
  readonly roleArn?: string;
  readonly sessionName?: string;
  /** A service acting for the principal. */
  readonly invokedBy?: string;
}

/** A resource the event names. */
export interface ActivityResource {
  readonly arn?: string;
  /**
   * The identifier CloudTrail's LookupEvents ResourceName would match (bucket name, role name, key id or
   * alias, secret name, function name, ...).
   */
  readonly name?: string;
  /** The CloudFormation type name: 'AWS::S3::Bucket'. */
  readonly type?: string;
  /** Where it was read: the record's resources[], its request or response, or the LookupEvents answer. */
  readonly from: 'resources' | 'requestParameters' | 'responseElements' | 'lookup';
}

/** A normalised event, or why the input is not one. */
export type Normalised =
  { readonly ok: true; readonly event: ActivityEvent } | { readonly ok: false; readonly reason: string };
