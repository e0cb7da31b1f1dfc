/**
 * `AWS::Lambda::Permission`, a one-statement resource policy written as properties: a service allowed
 * to invoke with no source (the confused deputy), and anyone allowed to invoke.
 */
import type { Value } from '../../policy/model';
import { valueOf } from '../../sources/intrinsics';
import { stringOf } from '../../sources/tree';
import type { Rule } from '../types';
import { literal } from '../values';
import { setResourceProperty } from './propertyEdits';
import { propertiesUnknown, propertyOf, resourcesOfType } from './template';

const SERVICE_SUFFIX = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;

/** `events.amazonaws.com`, or `!Sub events.${AWS::URLSuffix}`: the only unknown part the suffix. */
function isServicePrincipal(value: Value): boolean {
  const text = literal(value);
  if (text !== undefined) return SERVICE_SUFFIX.test(text);
  const parts = value.parts;
  if (!parts || parts.length !== 2) return false;
  const [name, suffix] = parts;
  return typeof name === 'string' && /^[a-z0-9][a-z0-9.-]*\.$/.test(name) && typeof suffix !== 'string' && suffix.unknown === 'AWS::URLSuffix';
}

const SOURCE_KEYS = ['SourceArn', 'SourceAccount'] as const;

export const lambdaPermissionWithoutSource: Rule = {
  meta: {
    id: 'lambda-permission-without-source',
    name: 'Service may invoke from any account',
    family: 'trust-and-resource',
    defaultSeverity: 'warning',
    equivalents: { accessAnalyzer: ['RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL'], checkov: ['CKV_AWS_364'] },
    docs: {
      what: 'An `AWS::Lambda::Permission` lets a service principal (`s3.amazonaws.com`, `events.amazonaws.com`, `sns.amazonaws.com`...) invoke a function with neither `SourceArn` nor `SourceAccount`.',
      why: 'The service then invokes the function on behalf of any of its customers: anyone who points their own bucket notification, rule or topic at your function\'s ARN can invoke it (the confused deputy problem).',
      example: '"Permission": { "Type": "AWS::Lambda::Permission", "Properties": { "Action": "lambda:InvokeFunction", "FunctionName": { "Ref": "Fn" }, "Principal": "s3.amazonaws.com" } }',
      fix: 'Set `SourceArn` to the bucket, rule, topic or API that invokes the function, and for S3 (whose bucket ARNs hold no account) also `SourceAccount: !Ref AWS::AccountId`.',
    },
  },
  checkSource(source, ctx) {
    for (const permission of resourcesOfType(source, 'AWS::Lambda::Permission')) {
      if (propertiesUnknown(permission)) continue;
      const principal = propertyOf(permission, 'Principal');
      if (!principal || !isServicePrincipal(valueOf(principal))) continue;
      if (SOURCE_KEYS.some((key) => propertyOf(permission, key) !== undefined)) continue;
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
      what: 'An `AWS::Lambda::Permission` grants `Principal: "*"` with none of `SourceArn`, `SourceAccount`, `PrincipalOrgID`, and without `FunctionUrlAuthType: AWS_IAM`.',
      why: 'Any AWS account, and for a function URL with `FunctionUrlAuthType: NONE` anyone on the internet, can invoke the function: run its code with its role\'s permissions and run up its bill.',
      example: '"Permission": { "Type": "AWS::Lambda::Permission", "Properties": { "Action": "lambda:InvokeFunction", "FunctionName": { "Ref": "Fn" }, "Principal": "*" } }',
      fix: 'Name the account or service that calls the function as `Principal`, or keep `*` with `PrincipalOrgID` (your organisation) or `SourceArn`; for a function URL, use `FunctionUrlAuthType: AWS_IAM`. A deliberately public webhook: suppress here, with the reason.',
    },
  },
  checkSource(source, ctx) {
    for (const permission of resourcesOfType(source, 'AWS::Lambda::Permission')) {
      if (propertiesUnknown(permission)) continue;
      const principal = propertyOf(permission, 'Principal');
      if (stringOf(principal) !== '*' || !principal) continue;
      if ([...SOURCE_KEYS, 'PrincipalOrgID'].some((key) => propertyOf(permission, key) !== undefined)) continue;
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
