/**
 * `AWS::Lambda::Permission`, a one-statement resource policy written as properties: a service allowed
 * to invoke with no source (the confused deputy), and anyone allowed to invoke.
 */
import type { Value } from '../../policy/model';
import { valueOf } from '../../sources/intrinsics';
import { stringOf } from '../../sources/tree';
import type { Rule } from '../types';
import { literal } from '../../policy/values';
import { setResourceProperty } from './propertyEdits';
import { propertiesUnknown, propertyOf, resourcesOfType } from './template';
import type { TemplateResource } from '../../policy/model';

const SERVICE_SUFFIX = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;

/** `events.amazonaws.com`, or `!Sub events.${AWS::URLSuffix}`: the only unknown part the suffix. */
function isServicePrincipal(value: Value): boolean {
  const text = literal(value);
  if (text !== undefined) return SERVICE_SUFFIX.test(text);
  const parts = value.parts;
  if (!parts || parts.length !== 2) return false;
  const [name, suffix] = parts;
  return (
    typeof name === 'string' &&
    /^[a-z0-9][a-z0-9.-]*\.$/.test(name) &&
    typeof suffix !== 'string' &&
    suffix.unknown === 'AWS::URLSuffix'
  );
}

/**
 * True when SourceAccount or SourceArn ties the invocation to an account or a resource. Lambda compares
 * SourceArn with StringLike, so an ARN with a wildcard and no account (`arn:aws:s3:::*`: S3 ARNs hold
 * none) matches every account's resources; an empty value names nothing. Intrinsics count: no finding on
 * what cannot be read.
 */
function tiedToSource(permission: TemplateResource): boolean {
  const account = propertyOf(permission, 'SourceAccount');
  if (account && literal(valueOf(account)) !== '') return true;
  const arn = propertyOf(permission, 'SourceArn');
  if (!arn) return false;
  const text = literal(valueOf(arn));
  if (text === undefined) return true;
  return text !== '' && (!/[*?]/.test(text) || /^\d{12}$/.test(text.split(':')[4] ?? ''));
}

/** True when PrincipalOrgID names an organisation (an intrinsic may). */
function tiedToOrganisation(permission: TemplateResource): boolean {
  const org = propertyOf(permission, 'PrincipalOrgID');
  return org !== undefined && literal(valueOf(org)) !== '';
}

export const lambdaPermissionWithoutSource: Rule = {
  meta: {
    id: 'lambda-permission-without-source',
    name: 'Service may invoke from any account',
    family: 'trust-and-resource',
    defaultSeverity: 'warning',
    equivalents: { accessAnalyzer: ['RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL'], checkov: ['CKV_AWS_364'] },
    docs: {
      what: "An `AWS::Lambda::Permission` lets a service principal (`s3.amazonaws.com`, `events.amazonaws.com`, `sns.amazonaws.com`...) invoke a function with neither `SourceArn` nor `SourceAccount` that ties it to a source. Lambda compares `SourceArn` with `StringLike`: an ARN with a wildcard and no account (`arn:aws:s3:::*`, since S3 ARNs hold no account) matches every account's resources and does not count, nor does an empty value.",
      why: "The service then invokes the function on behalf of any of its customers: anyone who points their own bucket notification, rule or topic at your function's ARN can invoke it (the confused deputy problem).",
      example:
        '"Permission": { "Type": "AWS::Lambda::Permission", "Properties": { "Action": "lambda:InvokeFunction", "FunctionName": { "Ref": "Fn" }, "Principal": "s3.amazonaws.com" } }',
      fix: 'Set `SourceArn` to the bucket, rule, topic or API that invokes the function, and for S3 (whose bucket ARNs hold no account) also `SourceAccount: !Ref AWS::AccountId`.',
    },
  },
  checkSource(source, ctx) {
    for (const permission of resourcesOfType(source, 'AWS::Lambda::Permission')) {
      if (propertiesUnknown(permission)) continue;
      const principal = propertyOf(permission, 'Principal');
      if (!principal || !isServicePrincipal(valueOf(principal))) continue;
      if (tiedToSource(permission)) continue;
      const edit = setResourceProperty(ctx.text, permission, 'SourceAccount', '{"Ref": "AWS::AccountId"}');
      ctx.report({
        span: principal.span,
        message: `${valueOf(principal).text} may invoke the function on behalf of any account: set SourceArn (and SourceAccount) to the resource that calls it.`,
        ...(edit && { fixes: [{ title: 'Only on behalf of this account (SourceAccount)', edits: [edit] }] }),
      });
    }
  },
};

export const lambdaPermissionPublic: Rule = {
  meta: {
    id: 'lambda-permission-public',
    name: 'Anyone can invoke the function',
    family: 'trust-and-resource',
    defaultSeverity: 'error',
    equivalents: { checkov: ['CKV_AWS_301'] },
    docs: {
      what: 'An `AWS::Lambda::Permission` grants `Principal: "*"` with none of `SourceArn`, `SourceAccount`, `PrincipalOrgID` (counted as for lambda-permission-without-source: a wildcard ARN with no account or an empty value does not count), and without `FunctionUrlAuthType: AWS_IAM`.',
      why: "Any AWS account, and for a function URL with `FunctionUrlAuthType: NONE` anyone on the internet, can invoke the function: run its code with its role's permissions and run up its bill.",
      example:
        '"Permission": { "Type": "AWS::Lambda::Permission", "Properties": { "Action": "lambda:InvokeFunction", "FunctionName": { "Ref": "Fn" }, "Principal": "*" } }',
      fix: 'Name the account or service that calls the function as `Principal`, or keep `*` with `PrincipalOrgID` (your organisation) or `SourceArn`; for a function URL, use `FunctionUrlAuthType: AWS_IAM`. A deliberately public webhook: suppress here, with the reason.',
    },
  },
  checkSource(source, ctx) {
    for (const permission of resourcesOfType(source, 'AWS::Lambda::Permission')) {
      if (propertiesUnknown(permission)) continue;
      const principal = propertyOf(permission, 'Principal');
      if (stringOf(principal) !== '*' || !principal) continue;
      if (tiedToSource(permission) || tiedToOrganisation(permission)) continue;
      const authType = propertyOf(permission, 'FunctionUrlAuthType');
      // `AWS_IAM` needs a signed caller; an intrinsic may be it.
      if (authType && stringOf(authType) !== 'NONE') continue;
      ctx.report({
        span: principal.span,
        message: authType
          ? 'Anyone on the internet can invoke this function URL: Principal "*" with FunctionUrlAuthType NONE and no source or organisation condition.'
          : 'Any AWS account can invoke the function: Principal "*" with no SourceArn, SourceAccount or PrincipalOrgID.',
      });
    }
  },
};
