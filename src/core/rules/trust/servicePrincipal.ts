/**
 * The confused deputy: a resource policy that lets an AWS service in without saying on whose behalf.
 * The service acts for every one of its customers, so a bucket, topic, queue or key that trusts
 * `cloudtrail.amazonaws.com` alone can be written to by a trail in anybody's account.
 */
import type { Catalog } from '../../catalog/catalog';
import type { Statement, Value } from '../../policy/model';
import { addConditionEntry, refTo } from '../insertions';
import type { Fix, Rule, RuleContext } from '../types';
import { isAllow, literal } from '../../policy/values';
import { namingEntries, requiresAnyKey } from '../requiredConditions';

/** Keys that tie a service's request to the resource or account it acts for. */
const SOURCE_KEYS = ['aws:SourceArn', 'aws:SourceAccount', 'aws:SourceOrgID', 'aws:SourceOrgPaths'];

/** The placeholder account of AWS's documentation, for policies outside a template. */
const PLACEHOLDER_ACCOUNT = '111122223333';

function servicePrincipals(statement: Statement): Value[] {
  const principal = statement.principal;
  if (!principal || principal.unknown) return [];
  return principal.entries
    .filter((e) => e.kind === 'Service' && !e.values.unknown)
    .flatMap((e) => e.values.values)
    .filter((v) => literal(v)?.includes('.') === true);
}

/**
 * KMS key policies may name the source in the encryption context instead (`kms:EncryptionContext:aws:logs:arn`,
 * `...:aws:cloudtrail:arn`), as the CloudWatch Logs and CloudTrail guides show: that ties the key's use to the resource too.
 */
function namesSourceInKeyContext(statement: Statement, catalog: Catalog): boolean {
  return namingEntries(statement, catalog).some(({ entry }) =>
    /^kms:EncryptionContext:aws:[a-z0-9-]+:arn$/i.test(entry.key.text),
  );
}

export const serviceWithoutSource: Rule = {
  meta: {
    id: 'service-principal-without-source',
    name: 'Service principal without a source',
    family: 'trust-and-resource',
    defaultSeverity: 'warning',
    equivalents: {
      accessAnalyzer: ['RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL', 'RECOMMENDED_CONDITION_KEY_FOR_SERVICE_PRINCIPAL'],
    },
    docs: {
      what: 'An Allow statement of a resource policy (S3 bucket, SNS topic, SQS queue, KMS key, Secrets Manager secret...) names a service principal (`cloudtrail.amazonaws.com`, `events.amazonaws.com`...) with no `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOrgID` or `aws:SourceOrgPaths` condition (`...IfExists` does not count, nor does an entry with no values or matching anything, such as `ArnLike "*"`; in a key policy, `kms:EncryptionContext:aws:<service>:arn` names the source too). Role trust policies are not reported: a role\'s trust in `lambda.amazonaws.com` or `ec2.amazonaws.com` lets the service use the role only for the functions and instances someone in the account attached it to, after being allowed `iam:PassRole`; that is where the control lives, and Access Analyzer does not ask for a source key there either.',
      why: 'The service acts for all of its customers. Without a condition naming your account or resource, another customer can point the same service at your resource (a trail, a rule, a subscription in their account) and have it read or write here: the confused deputy problem.',
      example:
        '{ "Effect": "Allow", "Principal": { "Service": "cloudtrail.amazonaws.com" }, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::trail-logs/AWSLogs/*" }',
      fix: 'Add `"Condition": { "StringEquals": { "aws:SourceAccount": "<your account>" } }`, or better `"ArnLike": { "aws:SourceArn": "<the trail, rule or resource>" }`. In a template the quick fix uses `{"Ref": "AWS::AccountId"}`; in a bare policy it writes the placeholder account 111122223333 for you to replace.',
    },
  },
  check(document, ctx) {
    if (document.kind !== 'resource') return;
    for (const statement of document.statements) {
      if (statement.unknown || !isAllow(statement) || statement.condition?.unknown) continue;
      const services = servicePrincipals(statement);
      if (
        services.length === 0 ||
        requiresAnyKey(statement, ctx.catalog, SOURCE_KEYS) ||
        namesSourceInKeyContext(statement, ctx.catalog)
      )
        continue;
      const names = services.map((v) => literal(v)!);
      ctx.report({
        span: services[0]!.span,
        message: `${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} allowed with no aws:SourceArn or aws:SourceAccount condition: the service acting for any other AWS customer gets the same access (confused deputy).`,
        fixes: sourceAccountFix(ctx, statement),
      });
    }
  },
};

function sourceAccountFix(ctx: RuleContext, statement: Statement): Fix[] {
  const template = ctx.source.shape === 'cloudformation';
  const edit = addConditionEntry(
    ctx.text,
    ctx.source.format,
    statement,
    'StringEquals',
    'aws:SourceAccount',
    template ? refTo('AWS::AccountId') : PLACEHOLDER_ACCOUNT,
  );
  if (!edit) return [];
  return [
    template
      ? { title: "Require aws:SourceAccount to be the stack's account", edits: [edit], preferred: true }
      : { title: `Require aws:SourceAccount (placeholder ${PLACEHOLDER_ACCOUNT}: put your account id)`, edits: [edit] },
  ];
}
