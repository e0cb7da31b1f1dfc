import type { ActivityPrincipal, ActivityResource } from './event';

/**
 * IAM actions that act on the calling user when the request names no user: the IAM API Reference says
 * of each one's UserName that, when it is not given, IAM takes the user from the access key that signed
 * the request (ChangePassword has no UserName: always the caller). Such a call names its resource only
 * through the caller's own ARN, which the event has (userIdentity.arn).
 */
const ON_THE_CALLER = new Set(
  [
    'ChangePassword',
    'CreateAccessKey',
    'DeleteAccessKey',
    'DeleteSigningCertificate',
    'GetUser',
    'ListAccessKeys',
    'ListMFADevices',
    'ListSSHPublicKeys',
    'ListServiceSpecificCredentials',
    'ListSigningCertificates',
    'UpdateAccessKey',
    'UpdateSigningCertificate',
    'UploadSigningCertificate',
  ].map((name) => `iam:${name.toLowerCase()}`),
);

/** Whether calls of `action` that name no user act on the calling user. */
export function actsOnCaller(action: string): boolean {
  return ON_THE_CALLER.has(action.toLowerCase());
}

/** The caller's own ARN when this call of `action` acted on it: an IAM user's call that named no user. */
export function callerTarget(
  action: string,
  resources: Iterable<ActivityResource>,
  principal: ActivityPrincipal,
): string | undefined {
  if (principal.type !== 'IAMUser' || principal.arn === undefined || !actsOnCaller(action)) return undefined;
  for (const r of resources) if (r.type === 'AWS::IAM::User') return undefined;
  return principal.arn;
}
