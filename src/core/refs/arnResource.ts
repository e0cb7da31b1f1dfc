/**
 * The resource an ARN identifies: its kind, its name, and how much of the written ARN is the resource's
 * own. Some ARNs name something inside a resource after the resource's ARN: an S3 object key
 * (`arn:aws:s3:::bucket/key`), a log group's streams (`log-group:/app:*`), a Lambda function's version
 * or alias (`function:f:prod`), a DynamoDB table's index or stream (`table/t/index/*`). Those refer to
 * the resource whose ARN they start with, and the reference spans that part only.
 *
 * Wildcards: an ARN with `*` or `?` in the resource's own part is a pattern, not one resource; LookupEvents
 * matches a name exactly, so a pattern finds nothing and is dropped (no reference). A wildcard after the
 * resource's part (`arn:aws:s3:::bucket/*`, the `:*` AWS itself writes after a log group's ARN) leaves
 * the resource named, and that is the reference. Interpolations (`${...}`, `{{...}}`) are unknown
 * values: dropped the same way, wherever they are in the resource's part.
 */
import { parseArn } from '../catalog/arn';
import { PARTITIONS, REGION_SHAPE } from '../catalog/partitions';
import { kindOf, type ResourceKind } from './kinds';

export interface ArnResource {
  /** The resource's ARN: the written ARN up to the end of the resource's part (`length` characters). */
  readonly arn: string;
  readonly length: number;
  readonly service: string;
  readonly kind?: ResourceKind;
  readonly name?: string;
}

/** How the resource part of one service's ARNs names a resource. */
interface Shape {
  readonly service: string;
  /** When true, the ARN must have neither region nor account (S3 buckets; an access point has both). */
  readonly global?: boolean;
  /** Matches the resource's part at the start of the resource field; group 1 is the name (the whole match when absent). */
  readonly pattern: RegExp;
  /** What may follow the resource's part (a key, a qualifier); nothing when absent. */
  readonly after?: RegExp;
  readonly type: string;
  /** The name CloudTrail records, from the matched name (an SSM parameter's leading slash). */
  readonly nameOf?: (matched: string) => string | undefined;
}

const SHAPES: readonly Shape[] = [
  { service: 's3', global: true, pattern: /^([^/]+)/, after: /^\//, type: 'AWS::S3::Bucket' },
  { service: 'iam', pattern: /^role\/(?:.*\/)?([^/]+)$/, type: 'AWS::IAM::Role' },
  { service: 'iam', pattern: /^user\/(?:.*\/)?([^/]+)$/, type: 'AWS::IAM::User' },
  { service: 'iam', pattern: /^group\/(?:.*\/)?([^/]+)$/, type: 'AWS::IAM::Group' },
  { service: 'iam', pattern: /^policy\/(?:.*\/)?([^/]+)$/, type: 'AWS::IAM::ManagedPolicy' },
  { service: 'iam', pattern: /^instance-profile\/(?:.*\/)?([^/]+)$/, type: 'AWS::IAM::InstanceProfile' },
  { service: 'iam', pattern: /^oidc-provider\/(.+)$/, type: 'AWS::IAM::OIDCProvider' },
  { service: 'lambda', pattern: /^function:([^:]+)/, after: /^:/, type: 'AWS::Lambda::Function' },
  { service: 'dynamodb', pattern: /^table\/([^/]+)/, after: /^\//, type: 'AWS::DynamoDB::Table' },
  { service: 'sqs', pattern: /^([^:/]+)$/, type: 'AWS::SQS::Queue' },
  { service: 'sns', pattern: /^([^:/]+)$/, type: 'AWS::SNS::Topic' },
  { service: 'kms', pattern: /^key\/([^/]+)$/, type: 'AWS::KMS::Key' },
  { service: 'kms', pattern: /^(alias\/.+)$/, type: 'AWS::KMS::Alias' },
  { service: 'secretsmanager', pattern: /^secret:(.+)$/, type: 'AWS::SecretsManager::Secret', nameOf: secretName },
  { service: 'logs', pattern: /^log-group:([^:]+)/, after: /^:/, type: 'AWS::Logs::LogGroup' },
  { service: 'kinesis', pattern: /^stream\/([^/]+)/, after: /^\//, type: 'AWS::Kinesis::Stream' },
  { service: 'states', pattern: /^stateMachine:([^:]+)/, after: /^:/, type: 'AWS::StepFunctions::StateMachine' },
  { service: 'ecr', pattern: /^repository\/(.+)$/, type: 'AWS::ECR::Repository' },
  { service: 'ssm', pattern: /^parameter\/(.+)$/, type: 'AWS::SSM::Parameter', nameOf: parameterName },
];

const SHAPES_BY_SERVICE: ReadonlyMap<string, readonly Shape[]> = groupByService(SHAPES);

/** An account field: twelve digits, `aws` (AWS managed policies), or empty (S3, IAM's global fields). */
const ACCOUNT = /^(?:\d{12}|aws|)$/;
/** A service prefix as IAM writes them. */
const SERVICE = /^[a-z0-9][a-z0-9-]*$/;
/**
 * Wildcards, and what interpolations and placeholders are written with (`${x}`, `{x}`, `{{x}}`, `%s`,
 * `$VAR`, `<name>`): no AWS resource name holds one of these, so a resource's part holding one is a
 * pattern or a value not known here.
 */
const NOT_LITERAL = /[*?{}$%<>]/;

/** The resource the ARN identifies, or undefined when it is not an ARN, or a pattern, or partly unknown. */
export function arnResource(written: string): ArnResource | undefined {
  const parsed = parseArn(written);
  if (!parsed) return undefined;
  const { partition, service, region, account, resource } = parsed;
  if (!PARTITIONS.includes(partition) || !SERVICE.test(service) || !ACCOUNT.test(account)) return undefined;
  if (region !== '' && !REGION_SHAPE.test(region)) return undefined;
  const head = written.length - resource.length;
  for (const shape of SHAPES_BY_SERVICE.get(service) ?? []) {
    if (shape.global && (region !== '' || account !== '')) continue;
    const match = shape.pattern.exec(resource);
    if (!match) continue;
    const rest = resource.slice(match[0].length);
    if (rest !== '' && !shape.after?.test(rest)) continue;
    if (NOT_LITERAL.test(match[0])) return undefined;
    const matched = match[1] ?? match[0];
    const name = shape.nameOf ? shape.nameOf(matched) : matched;
    const length = head + match[0].length;
    return {
      arn: written.slice(0, length),
      length,
      service,
      kind: kindOf(shape.type),
      ...(name !== undefined && { name }),
    };
  }
  // A resource part ending in a separator was cut short (`role/` before a placeholder): no resource.
  if (NOT_LITERAL.test(written) || /[/:]$/.test(written)) return undefined;
  return { arn: written, length: written.length, service };
}

/**
 * A secret's name from its ARN: Secrets Manager ends a secret's ARN with a hyphen and six random letters
 * and digits. Told by a capital or a digit among them, since a name may end in six lowercase letters
 * (`my-secret`); a partial ARN (without the suffix) is the name itself.
 */
function secretName(matched: string): string {
  const suffix = /-([A-Za-z0-9]{6})$/.exec(matched);
  return suffix && /[A-Z0-9]/.test(suffix[1]!) ? matched.slice(0, suffix.index) : matched;
}

/** A parameter's name from its ARN: names of several levels start with `/`, which the ARN leaves out. */
function parameterName(matched: string): string {
  return matched.includes('/') ? `/${matched}` : matched;
}

function groupByService(shapes: readonly Shape[]): Map<string, Shape[]> {
  const out = new Map<string, Shape[]>();
  for (const shape of shapes) out.set(shape.service, [...(out.get(shape.service) ?? []), shape]);
  return out;
}
