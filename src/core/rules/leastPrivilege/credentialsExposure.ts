import type { Rule } from '../types';
import { RESTRICTING_CONDITION_DOC } from '../requiredConditions';
import { nameList, reportSensitive, type SensitiveAction } from './sensitiveActions';

/**
 * Actions whose response holds credentials (keys, passwords, tokens, secrets), after Parliament's
 * CREDENTIALS_EXPOSURE list and cloudsplaining's credentials-exposure category, each checked against the
 * catalog. Left out on purpose:
 * - iam:CreateAccessKey, iam:CreateLoginProfile, iam:UpdateLoginProfile: privilege-escalation reports
 *   them (Rhino's methods 4 to 6), with the principal;
 * - sts:GetSessionToken, ecr:GetAuthorizationToken, ecr-public:GetAuthorizationToken,
 *   codeartifact:GetAuthorizationToken, sts:GetServiceBearerToken: the token carries only the caller's
 *   own permissions, the first four support only `"*"`, and every image pull needs the ECR one;
 * - sso:GetRoleCredentials, iot:AssumeRoleWithCertificate: not authorised by IAM policies (an IAM
 *   Identity Center token, a device certificate), so not in the catalog;
 * - cognito-identity:GetCredentialsForIdentity: a public API (the Amazon Cognito API Reference: "you
 *   do not need any credentials to call this API"), which identity pool roles are commonly granted:
 *   granting it gives nothing the caller does not already have.
 */
const CREDENTIAL_ACTIONS: readonly SensitiveAction[] = [
  {
    action: 'iam:CreateServiceSpecificCredential',
    why: 'creates a CodeCommit, Keyspaces or Bedrock password for a user',
  },
  { action: 'iam:ResetServiceSpecificCredential', why: 'resets and returns a service-specific password' },
  { action: 'iam:UpdateAccessKey', why: 'reactivates a deactivated access key, whose secret may have leaked' },
  { action: 'sts:AssumeRole', why: 'returns the credentials of any role that trusts the account' },
  { action: 'sts:AssumeRoleWithSAML', why: 'returns role credentials' },
  { action: 'sts:AssumeRoleWithWebIdentity', why: 'returns role credentials' },
  { action: 'sts:GetFederationToken', why: 'returns credentials for a federated user of any name' },
  { action: 'redshift:GetClusterCredentials', why: 'returns a database password for any database user' },
  { action: 'redshift:GetClusterCredentialsWithIAM', why: 'returns a database password' },
  { action: 'redshift-serverless:GetCredentials', why: 'returns a database password' },
  { action: 'rds-db:connect', why: 'logs in to any database as any IAM-enabled user' },
  { action: 'cognito-idp:DescribeUserPoolClient', why: 'returns an app client secret' },
  { action: 'lightsail:GetInstanceAccessDetails', why: 'returns SSH keys or passwords of instances' },
  { action: 'lightsail:GetRelationalDatabaseMasterUserPassword', why: 'returns a database master password' },
  { action: 'lightsail:DownloadDefaultKeyPair', why: 'returns the default SSH private key' },
  { action: 'codepipeline:PollForJobs', why: "returns credentials for a pipeline's artifact bucket" },
  { action: 'chime:CreateApiKey', why: 'creates an API key' },
  { action: 'gamelift:GetInstanceAccess', why: 'returns credentials to log in to fleet instances' },
  { action: 'gamelift:GetComputeAccess', why: 'returns credentials for fleet computes' },
  { action: 'gamelift:RequestUploadCredentials', why: 'returns S3 upload credentials' },
];

export const credentialsExposure: Rule = {
  meta: {
    id: 'credentials-exposure',
    name: 'Credentials from any resource',
    family: 'least-privilege',
    defaultSeverity: 'warning',
    equivalents: { parliament: ['CREDENTIALS_EXPOSURE'], checkov: ['CKV_AWS_107', 'CKV_AWS_287'] },
    docs: {
      what:
        'An Allow statement of an identity policy grants, on every resource (`"*"`, or every resource of the action\'s type such as `arn:aws:iam::*:role/*`) and without conditions, an action that returns credentials: ' +
        '`sts:AssumeRole`, `sts:GetFederationToken`, `redshift:GetClusterCredentials`, `rds-db:connect`, `iam:CreateServiceSpecificCredential`, `cognito-idp:DescribeUserPoolClient`, `lightsail:GetInstanceAccessDetails`, `codepipeline:PollForJobs` and a few more. ' +
        "The same actions on named resources (`sts:AssumeRole` on one role ARN) are the normal use and are not reported. Left out: tokens that carry only the caller's own permissions (`ecr:GetAuthorizationToken`, which every image pull needs, `sts:GetSessionToken`, `codeartifact:GetAuthorizationToken`), " +
        'and `iam:CreateAccessKey`/`CreateLoginProfile`/`UpdateLoginProfile`, which privilege-escalation reports. NotAction is left to allow-not-action and `*` on `*` to admin-access. ' +
        RESTRICTING_CONDITION_DOC,
      why: 'Credentials outlive the request: whoever can fetch them for any role, user or database can act as it from anywhere until they expire or are rotated.',
      example: '{ "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*" }',
      fix: 'Name the roles, database users or clusters the workload needs (`arn:aws:iam::111122223333:role/reporting`), or add a condition such as `aws:ResourceTag/...`.',
    },
  },
  check(document, ctx) {
    reportSensitive(document, ctx, CREDENTIAL_ACTIONS, (written, actions, everywhere) => {
      const where = everywhere ? '"Resource": "*"' : 'every resource of its type';
      const first = actions[0]!;
      if (actions.length === 1 && first.fullName.toLowerCase() === written.toLowerCase()) {
        const why = CREDENTIAL_ACTIONS.find((c) => c.action.toLowerCase() === first.fullName.toLowerCase())!.why;
        return `${first.fullName} on ${where} returns credentials: it ${why}.`;
      }
      return `'${written}' on ${where} includes ${actions.length === 1 ? 'an action' : `${actions.length} actions`} that return${actions.length === 1 ? 's' : ''} credentials: ${nameList(actions)}.`;
    });
  },
};
