import type { PolicySource } from '../../policy/model';
import { stringOf } from '../../sources/tree';
import type { Rule } from '../types';
import { propertiesUnknown, propertyOf, referencedId, resourceSpan, resourcesOfType } from './template';

/** What the template's rotation schedules point at; `unknown` when any of them cannot be told. */
interface RotatedSecrets {
  readonly ids: ReadonlySet<string>;
  readonly literals: readonly string[];
  readonly unknown: boolean;
}

function rotatedSecrets(source: PolicySource): RotatedSecrets {
  const ids = new Set<string>();
  const literals: string[] = [];
  let unknown = false;
  for (const schedule of resourcesOfType(source, 'AWS::SecretsManager::RotationSchedule')) {
    const secretId = propertyOf(schedule, 'SecretId');
    const id = referencedId(secretId);
    const literal = stringOf(secretId);
    if (id !== undefined) ids.add(id);
    else if (literal !== undefined) literals.push(literal);
    else unknown = true; // `!Sub`, `!ImportValue`, `!If`, a missing SecretId: it may be any secret
  }
  return { ids, literals, unknown };
}

/** A SecretId written as the secret's name, or as an ARN ending in the name (and the 6-character suffix). */
function namesSecret(secretId: string, name: string): boolean {
  if (secretId === name) return true;
  const at = secretId.indexOf(':secret:');
  if (at < 0) return false;
  const rest = secretId.slice(at + ':secret:'.length);
  return rest === name || (rest.startsWith(`${name}-`) && rest.length === name.length + 7);
}

export const secretRotation: Rule = {
  meta: {
    id: 'secret-rotation',
    name: 'Secret never rotated',
    family: 'hygiene',
    defaultSeverity: 'info',
    equivalents: { checkov: ['CKV2_AWS_57'], cdkNag: ['SMG4'] },
    docs: {
      what: 'An `AWS::SecretsManager::Secret` of a template has no `AWS::SecretsManager::RotationSchedule` whose `SecretId` names it (`!Ref Secret`, `{"Ref": "Secret"}`, its `Name`, or an ARN ending in it). When any rotation schedule\'s `SecretId` cannot be read (a parameter, `!ImportValue`, `!If`), nothing is reported: it may be any secret. Reported as information: a secret issued by a third party (an API key) may not be rotatable from AWS.',
      why: 'A secret that never changes stays valid however often it was copied, logged or leaked; rotation bounds how long a leaked value is useful.',
      example:
        '"DbSecret": { "Type": "AWS::SecretsManager::Secret", "Properties": { "GenerateSecretString": { "GenerateStringKey": "password", "SecretStringTemplate": "{\\"username\\": \\"app\\"}" } } }',
      fix: 'Add an `AWS::SecretsManager::RotationSchedule` with `SecretId: !Ref DbSecret`, and a `HostedRotationLambda` (RDS, Redshift, DocumentDB) or your own `RotationLambdaARN`, with `RotationRules: {ScheduleExpression: rate(30 days)}`.',
    },
  },
  checkSource(source, ctx) {
    const secrets = resourcesOfType(source, 'AWS::SecretsManager::Secret');
    if (secrets.length === 0) return;
    const rotated = rotatedSecrets(source);
    if (rotated.unknown) return;
    for (const secret of secrets) {
      if (rotated.ids.has(secret.id.text)) continue;
      const nameNode = propertyOf(secret, 'Name');
      const name = stringOf(nameNode);
      if (name !== undefined && rotated.literals.some((id) => namesSecret(id, name))) continue;
      // A literal SecretId may name this secret when its own name is an intrinsic.
      const nameUnknown = (nameNode !== undefined && name === undefined) || propertiesUnknown(secret);
      if (nameUnknown && rotated.literals.length > 0) continue;
      ctx.report({
        span: resourceSpan(secret),
        message: `The secret ${secret.id.text} has no rotation schedule in this template: its value never changes.`,
      });
    }
  },
};

export const secretWithoutCmk: Rule = {
  meta: {
    id: 'secret-without-cmk',
    name: 'Secret encrypted with the AWS managed key',
    family: 'hygiene',
    defaultSeverity: 'info',
    equivalents: { checkov: ['CKV_AWS_149'] },
    docs: {
      what: "An `AWS::SecretsManager::Secret` has no `KmsKeyId`, or names the AWS managed key `alias/aws/secretsmanager`: it is encrypted with the account's AWS managed key for Secrets Manager.",
      why: "The AWS managed key's policy cannot be changed: every principal of the account with `secretsmanager:GetSecretValue` can decrypt, no key policy can narrow that, and the secret cannot be shared with another account.",
      example: '"ApiKey": { "Type": "AWS::SecretsManager::Secret", "Properties": { "Name": "partner-api-key" } }',
      fix: 'Create an `AWS::KMS::Key` whose key policy names the principals that may decrypt, and set `KmsKeyId: !Ref SecretsKey`.',
    },
  },
  checkSource(source, ctx) {
    for (const secret of resourcesOfType(source, 'AWS::SecretsManager::Secret')) {
      if (propertiesUnknown(secret)) continue;
      const kmsKeyId = propertyOf(secret, 'KmsKeyId');
      if (kmsKeyId === undefined) {
        ctx.report({
          span: resourceSpan(secret),
          message: `The secret ${secret.id.text} has no KmsKeyId: it is encrypted with the AWS managed key, whose policy cannot be narrowed.`,
        });
      } else if (stringOf(kmsKeyId) === 'alias/aws/secretsmanager') {
        ctx.report({
          span: kmsKeyId.span,
          message: `The secret ${secret.id.text} uses the AWS managed key, whose policy cannot be narrowed: use a customer managed key.`,
        });
      }
    }
  },
};
