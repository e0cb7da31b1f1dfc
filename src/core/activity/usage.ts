/**
 * What a source counts of its events, whatever the source (the log index, Athena, CloudTrail Lake): the
 * events of each day (the timeline's bars) and the actions each principal used (what unused-permission
 * analysis compares with the policies). One shape, so the features above never ask which source answered.
 */

/** One day's events. */
export interface DayCount {
  /** YYYY-MM-DD (UTC). */
  readonly day: string;
  readonly count: number;
  /** The failed calls among them, when the source counts them (Athena and Lake do, in the same query). */
  readonly errors?: number;
}

/** One action a principal used. */
export interface ActionUse {
  /** The IAM action (`s3:GetObject`); the event source and name when no IAM action authorises the event. */
  readonly action: string;
  readonly count: number;
  /** Epoch ms of the latest call. */
  readonly last: number;
}

/** The actions one identity used in a window. */
export interface PrincipalActions {
  /** The identity whose policies authorised the calls: a role's ARN for its sessions, else the ARN, else the name. */
  readonly principal: string;
  /** Calls that were allowed (those that failed for another reason than access included: IAM let them through). */
  readonly actions: readonly ActionUse[];
  /** Calls refused for want of permission (AccessDenied and its kin), when the source tells them apart. */
  readonly denied?: readonly ActionUse[];
}

/**
 * Error codes that mean the caller lacked permission (CloudTrail writes the service's own code):
 * IAM/STS/S3 `AccessDenied`, the JSON services' `AccessDeniedException`, EC2's `UnauthorizedOperation`
 * (and its `Client.` form in older records).
 */
const DENIED_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'Client.UnauthorizedOperation',
  'UnauthorizedAccess',
]);

export function isDeniedCode(errorCode: string | undefined): boolean {
  return errorCode !== undefined && DENIED_CODES.has(errorCode);
}
