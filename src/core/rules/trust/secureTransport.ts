/**
 * S3 bucket policies that do not refuse plain-HTTP requests. S3 serves HTTP and HTTPS alike; only a
 * Deny on `aws:SecureTransport` false makes every request, whatever grants it, use TLS.
 */
import type { PolicyDocument, Statement, Value } from '../../policy/model';
import { appendItem, RawText, subOf, wrapWithItem, type Insertable } from '../insertions';
import type { Fix, Rule, RuleContext, TextEdit } from '../types';
import { effectOf, literal } from '../../policy/values';
import { parseOperator } from '../validity/conditions';

/** Whether a statement denies requests made without TLS; undefined when unknown parts hide it. */
function deniesPlainHttp(statement: Statement): boolean | undefined {
  if (statement.unknown) return undefined;
  const effect = statement.effect ? effectOf(statement) : 'Allow';
  if (effect === undefined) return undefined;
  if (effect !== 'Deny') return false;
  if (statement.condition?.unknown) return undefined;
  for (const block of statement.condition?.blocks ?? []) {
    if (parseOperator(block.operator.text)?.base !== 'Bool') continue;
    for (const entry of block.entries) {
      if (entry.key.text.toLowerCase() !== 'aws:securetransport') continue;
      if (entry.values.unknown) return undefined;
      // `false` written as a string or as a YAML/JSON boolean.
      if (entry.values.values.some((v) => v.kind === 'unknown' || v.parts || v.text.toLowerCase() === 'false'))
        return true;
    }
  }
  return false;
}

export const bucketSecureTransport: Rule = {
  meta: {
    id: 'bucket-secure-transport',
    name: 'Bucket policy allows plain HTTP',
    family: 'trust-and-resource',
    defaultSeverity: 'warning',
    equivalents: { cdkNag: ['AwsSolutions-S10'] },
    docs: {
      what: 'An S3 bucket policy has no Deny statement with the condition `"Bool": { "aws:SecureTransport": "false" }`. (AWS Security Hub control S3.5, CIS AWS Foundations 2.1.1; AWS Config rule s3-bucket-ssl-requests-only.) A policy with a statement whose Effect or Condition is an intrinsic is not reported.',
      why: 'S3 accepts plain-HTTP requests unless a policy refuses them: data and signed requests then travel unencrypted, readable and alterable on the network. An Allow that tests `aws:SecureTransport` "true" is not enough: identity policies of the account can still grant access over HTTP.',
      example:
        '{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/reader" }, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*" }] }',
      fix: 'Add `{ "Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::<bucket>", "arn:aws:s3:::<bucket>/*"], "Condition": { "Bool": { "aws:SecureTransport": "false" } } }`. The quick fix takes the bucket from the policy\'s resources (`!Sub arn:${AWS::Partition}:s3:::${Bucket}`, `!GetAtt Bucket.Arn` included).',
    },
  },
  check(document, ctx) {
    if (document.kind !== 'resource' || document.resourceService !== 's3' || !document.statementKey) return;
    if (document.statements.length === 0) return;
    let unknown = false;
    for (const statement of document.statements) {
      const denies = deniesPlainHttp(statement);
      if (denies) return;
      if (denies === undefined) unknown = true;
    }
    if (unknown) return;
    ctx.report({
      span: document.statementKey.span,
      message:
        'This bucket policy does not deny plain-HTTP requests: add a Deny statement on "aws:SecureTransport": "false".',
      fixes: denyHttpFix(ctx, document),
    });
  },
};

/** The bucket ARN (and its objects') for the new statement, or a resource copied from the policy. */
function bucketResources(
  ctx: RuleContext,
  document: PolicyDocument,
): { resources: Insertable[]; exact: boolean } | undefined {
  const values = document.statements.flatMap((s) =>
    s.resource && !s.resource.list.unknown ? s.resource.list.values : [],
  );
  for (const value of values) {
    const bucket = bucketArn(ctx, value);
    if (bucket) return { resources: bucket, exact: true };
  }
  const first = values[0];
  const copy = first && verbatim(ctx, first);
  return copy ? { resources: [copy], exact: false } : undefined;
}

/** `arn:aws:s3:::name`, `arn:${AWS::Partition}:s3:::${Bucket}/...` or `${Bucket.Arn}/...` → the bucket and its objects. */
function bucketArn(ctx: RuleContext, value: Value): Insertable[] | undefined {
  const text = literal(value);
  if (text !== undefined) {
    const match = /^(arn:aws[a-z-]*:s3:::[^/*?]+)(\/.*)?$/.exec(text);
    return match ? [match[1]!, `${match[1]}/*`] : undefined;
  }
  // Only a template's unknown parts are CloudFormation references to rebuild as `!Sub`; elsewhere (CDK,
  // Terraform) the value is copied as written instead.
  if (
    !value.parts ||
    ctx.source.shape !== 'cloudformation' ||
    subWithVariables(ctx.text.slice(value.span.start, value.span.end))
  )
    return undefined;
  // The value as a Sub template; its unknown parts are references (`Bucket`, `Bucket.Arn`, `AWS::Partition`).
  let template = '';
  for (const part of value.parts) {
    if (typeof part === 'string') template += part.replaceAll('${', '${!');
    else if (/^(AWS::[A-Za-z]+|[A-Za-z0-9]+(\.[A-Za-z0-9.]+)?)$/.test(part.unknown)) template += `\${${part.unknown}}`;
    else return undefined;
  }
  const match = /^(\$\{[A-Za-z0-9]+\.Arn\}|arn:(?:aws[a-z-]*|\$\{AWS::Partition\}):s3:::[^/*?]+)(\/.*)?$/.exec(
    template,
  );
  if (!match) return undefined;
  const bucket = match[1]!;
  const asValue = (t: string): Insertable => (t.includes('${') ? subOf(t) : t);
  return [asValue(bucket), asValue(`${bucket}/*`)];
}

/** True for `Fn::Sub` with a variable map: its `${name}`s mean nothing outside it. */
function subWithVariables(source: string): boolean {
  return /Fn::Sub"?\s*:\s*\[|!Sub\s*(\[|\r?\n\s*-)/.test(source);
}

/** The value's text as written, when it can be copied as one item of a list. */
function verbatim(ctx: RuleContext, value: Value): RawText | undefined {
  const quoted = ctx.text[value.span.start - 1];
  const span =
    (quoted === '"' || quoted === "'") && ctx.text[value.span.end] === quoted
      ? { start: value.span.start - 1, end: value.span.end + 1 }
      : value.span;
  const source = ctx.text.slice(span.start, span.end);
  if (source.includes('\n')) return undefined;
  // Plain YAML with flow indicators would change meaning inside a flow collection.
  if (ctx.source.format === 'yaml' && !/^["']/.test(source) && /[{}[\],#]/.test(source)) return undefined;
  return new RawText(source, source);
}

function denyHttpFix(ctx: RuleContext, document: PolicyDocument): Fix[] {
  // In CDK code the bucket's own setting is the fix: the CDK writes the statement.
  const tls = document.codeFixes?.enforceTls;
  if (tls)
    return [{ title: tls.title, edits: [{ span: tls.span, newText: tls.newText, native: true }], preferred: true }];
  const resources = bucketResources(ctx, document);
  if (!resources) return [];
  const sids = new Set(document.statements.map((s) => (s.sid ? literal(s.sid.value) : undefined)));
  let sid = 'DenyInsecureTransport';
  for (let n = 2; sids.has(sid); n++) sid = `DenyInsecureTransport${n}`;
  const statement: Insertable = {
    Sid: sid,
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: resources.resources,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
  const format = ctx.source.format;
  let edits: TextEdit[] | undefined;
  if (document.statementIsArray) {
    const edit = appendItem(
      ctx.text,
      format,
      document.statements.map((s) => s.span),
      statement,
    );
    edits = edit && [edit];
  } else {
    edits = wrapWithItem(ctx.text, format, document.statements[0]!.span, statement);
  }
  if (!edits) return [];
  const title = resources.exact
    ? 'Add a statement denying requests without TLS'
    : 'Add a statement denying requests without TLS (check its Resource: copied from the policy)';
  return [{ title, edits, preferred: resources.exact }];
}
