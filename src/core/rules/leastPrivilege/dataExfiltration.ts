import type { Rule } from '../types';
import { RESTRICTING_CONDITION_DOC } from '../requiredConditions';
import { nameList, reportSensitive, type SensitiveAction } from './sensitiveActions';

/**
 * cloudsplaining's data-exfiltration actions (the actions checkov's CKV_AWS_108/288 look for).
 * kms:Decrypt is not added: it needs ciphertext the caller already holds, and the key policy must
 * also allow it, so on its own it reads no data.
 */
const DATA_ACTIONS: readonly SensitiveAction[] = [
  { action: 's3:GetObject', why: 'reads any object of any bucket' },
  { action: 'ssm:GetParameter', why: 'reads any parameter, SecureString values decrypted' },
  { action: 'ssm:GetParameters', why: 'reads any parameter, SecureString values decrypted' },
  { action: 'ssm:GetParametersByPath', why: 'reads every parameter under a path, SecureString values decrypted' },
  { action: 'secretsmanager:GetSecretValue', why: 'reads any secret' },
];

export const dataExfiltration: Rule = {
  meta: {
    id: 'data-exfiltration',
    name: 'Reading any object, parameter or secret',
    family: 'least-privilege',
    defaultSeverity: 'warning',
    equivalents: { checkov: ['CKV_AWS_108', 'CKV_AWS_288'] },
    docs: {
      what:
        'An Allow statement of an identity policy grants `s3:GetObject`, `ssm:GetParameter`, `ssm:GetParameters`, `ssm:GetParametersByPath` or `secretsmanager:GetSecretValue` (directly or through a wildcard such as `s3:Get*`) on every resource (`"*"`, `arn:aws:s3:::*/*`, `arn:aws:secretsmanager:*:*:secret:*`) without conditions: cloudsplaining\'s DataExfiltration list. ' +
        '`kms:Decrypt` is not on it: it needs ciphertext the caller already has and a key policy that allows it. NotAction is left to allow-not-action and `*` on `*` to admin-access. ' +
        RESTRICTING_CONDITION_DOC,
      why: "These actions return the data itself: every object, parameter or secret in the account, not only the workload's own, can be read and taken away.",
      example: '{ "Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": "*" }',
      fix: 'Name the buckets (`arn:aws:s3:::reports/*`), parameter paths or secrets the workload reads, or add a condition such as `aws:ResourceTag/...`.',
    },
  },
  check(document, ctx) {
    reportSensitive(document, ctx, DATA_ACTIONS, (written, actions, everywhere) => {
      const exact = actions.length === 1 && actions[0]!.fullName.toLowerCase() === written.toLowerCase();
      const what = DATA_ACTIONS.find((d) => d.action.toLowerCase() === actions[0]!.fullName.toLowerCase())!.why;
      const where = everywhere ? '"Resource": "*"' : 'every resource of its type';
      return exact
        ? `${actions[0]!.fullName} on ${where} ${what} in the account.`
        : `'${written}' includes ${nameList(actions)} on ${where}: ${actions.length === 1 ? `it ${what}` : 'it reads any object, parameter or secret'} in the account.`;
    });
  },
};
