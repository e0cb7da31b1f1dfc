import type { ActivityEvent } from '../activity/event';
import { ATTACK, eventDetection, pairs } from './define';
import { succeeded, who } from './detection';

const IAM = 'iam.amazonaws.com';

/** The calls that change what an IAM identity may do (its policies, a managed policy's versions, a role's trust). */
const POLICY_CHANGES = [
  'PutUserPolicy',
  'PutGroupPolicy',
  'PutRolePolicy',
  'DeleteUserPolicy',
  'DeleteGroupPolicy',
  'DeleteRolePolicy',
  'AttachUserPolicy',
  'AttachGroupPolicy',
  'AttachRolePolicy',
  'DetachUserPolicy',
  'DetachGroupPolicy',
  'DetachRolePolicy',
  'CreatePolicy',
  'DeletePolicy',
  'CreatePolicyVersion',
  'DeletePolicyVersion',
  'SetDefaultPolicyVersion',
  'UpdateAssumeRolePolicy',
];

export const iamPolicyModified = eventDetection(
  {
    id: 'iam-policy-modified',
    title: 'IAM policy changed',
    severity: 'LOW',
    description:
      "An identity's inline or attached policies, a managed policy's versions, or a role's trust policy changed. Routine where infrastructure as code deploys IAM; worth a look where it does not.",
    mitre: { technique: 'T1098.003', name: 'Account Manipulation: Additional Cloud Roles' },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-edit.html',
      `${ATTACK}T1098/003/`,
    ],
    panther: 'AWS.IAM.PolicyModified',
    eventNames: pairs(IAM, POLICY_CHANGES),
  },
  (event) => {
    if (!succeeded(event)) return undefined;
    const target = event.resources.map((r) => r.name ?? r.arn).filter((name) => name !== undefined);
    return `${who(event)} called ${event.eventName}${target.length > 0 ? ` on ${target.join(', ')}` : ''}`;
  },
);

/**
 * Whether `userName` is the caller: an IAM user by its name (recorded or from its ARN), a role session
 * by its session name (Identity Center and most federation name the session after the person).
 */
function isCaller(event: ActivityEvent, userName: string): boolean {
  const { principal } = event;
  return (
    principal.name === userName ||
    principal.sessionName === userName ||
    (principal.arn !== undefined && principal.arn.endsWith(`/${userName}`))
  );
}

export const accessKeyForOtherUser = eventDetection(
  {
    id: 'access-key-for-other-user',
    title: 'Access key created for another user',
    severity: 'MEDIUM',
    description:
      'A principal created an access key for an IAM user other than itself: a way to keep access through a user nobody watches.',
    mitre: { technique: 'T1098.001', name: 'Account Manipulation: Additional Cloud Credentials' },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html',
      `${ATTACK}T1098/001/`,
    ],
    panther: 'AWS.IAM.Backdoor.User.Keys',
    eventNames: pairs(IAM, ['CreateAccessKey']),
  },
  (event, facts) => {
    const user = facts?.targetUser;
    if (!succeeded(event) || user === undefined || isCaller(event, user)) return undefined;
    return `${who(event)} created an access key for the user ${user}`;
  },
);

export const loginProfileForOtherUser = eventDetection(
  {
    id: 'login-profile-for-other-user',
    title: 'Console password set for another user',
    severity: 'MEDIUM',
    description:
      "A principal created or changed another IAM user's console password without requiring a reset at next sign-in: whoever set it can sign in as that user.",
    mitre: { technique: 'T1098', name: 'Account Manipulation' },
    references: [
      'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_admin-change-user.html',
      `${ATTACK}T1098/`,
    ],
    panther: 'AWS.CloudTrail.LoginProfileCreatedOrModified',
    pantherAlso: ['AWS.User.Login.Profile.Modified'],
    eventNames: pairs(IAM, ['CreateLoginProfile', 'UpdateLoginProfile']),
  },
  (event, facts) => {
    const user = facts?.targetUser;
    if (!succeeded(event) || user === undefined || facts?.passwordResetRequired === true) return undefined;
    if (isCaller(event, user)) return undefined;
    const verb = event.eventName === 'CreateLoginProfile' ? 'created' : 'changed';
    return `${who(event)} ${verb} the console password of ${user}, no reset required`;
  },
);
