/**
 * A resource an event names only by name (`bucketName`, `functionName`, an instance id) made into its
 * ARN, where that is certain: the ARN format of one of the action's resource types (the catalog's) whose
 * only placeholder besides the partition, the Region and the account is the name, filled with the
 * event's own partition, Region and account. What cannot be known is refused with the reason, never
 * guessed: an IAM name without its path, a secret without its random suffix, a name that would be a
 * pattern.
 */
import { partitionOfRegion } from '../catalog/partitions';
import type { ResourceType } from '../catalog/types';
import type { ActivityPrincipal, ActivityResource } from './event';
import { describeArn } from './resourceTypes';

/** Where an event was recorded and who made it: what a name in it is read against. */
export interface EventPlace {
  readonly region: string;
  /** recipientAccountId, else the caller's. */
  readonly account?: string;
  readonly principal: ActivityPrincipal;
}

/** The resource's ARN, or why its name gives none. */
export type Naming = { readonly arn: string } | { readonly reason: string };

/**
 * The ARN of `resource` as one of `types` (an action's resource types), or why its name makes none;
 * undefined when none of the types can be a resource of its type (a trail's bucket is no resource of
 * cloudtrail:CreateTrail) or it has neither ARN nor name and type.
 */
export function arnOfName(
  resource: ActivityResource,
  types: readonly ResourceType[],
  place: EventPlace,
): Naming | undefined {
  if (resource.arn !== undefined) return { arn: resource.arn };
  const { name, type } = resource;
  if (name === undefined || type === undefined) return undefined;
  const formats = types.flatMap((t) => {
    const format = nameFormatOf(t);
    return format !== undefined && fits(format, type) ? [format] : [];
  });
  if (formats.length === 0) return undefined;
  const own = callersOwn(type, name, place.principal);
  if (own !== undefined) return { arn: own };
  const label = `the ${formats[0]!.type.name}`;
  const reason = refusal(type, name, formats, label);
  if (reason !== undefined) return { reason };
  const where = placeOf(place, label, formats);
  if ('reason' in where) return where;
  const arns = [...new Set(formats.map((f) => fill(f, name, where)))];
  if (arns.length > 1) return { reason: `${label} name fits ${arns.length} ARN formats of the action` };
  return readsBack(arns[0]!, type, name)
    ? { arn: arns[0]! }
    : { reason: `${label} name that its ARN would not give back` };
}

/** An ARN format whose one placeholder besides the partition, the Region and the account is the name. */
interface NameFormat {
  readonly type: ResourceType;
  /** The catalog's name of that placeholder (`BucketName`, `RoleNameWithPath`). */
  readonly variable: string;
}

const PLACE_VARIABLES = new Set(['Partition', 'Region', 'Account']);
const formatCache = new WeakMap<ResourceType, NameFormat | null>();

function nameFormatOf(type: ResourceType): NameFormat | undefined {
  let format = formatCache.get(type);
  if (format === undefined) {
    const text = type.arnFormat;
    const names = [...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]!).filter((v) => !PLACE_VARIABLES.has(v));
    // Alternatives (`, `), a literal `*` and `{Name}` without `$` are placeholders too (catalog/arn.ts):
    // such a format is not filled, nor one whose partition is written out.
    const plain = !/,\s|\*|(^|[^$])\{/.test(text) && text.startsWith('arn:${Partition}:');
    format = plain && names.length === 1 ? { type, variable: names[0]! } : null;
    formatCache.set(type, format);
  }
  return format ?? undefined;
}

const fitCache = new WeakMap<ResourceType, Map<string, boolean>>();

/**
 * Whether the format names resources of the event model's type: a name filled in reads back from the
 * ARN as that type and name (resourceTypes.ts), so an EC2 instance id makes `instance/…`, never
 * `image/…`, and a KMS alias (`alias/x`, whose format holds the `alias/`) is not taken for a key.
 */
function fits(format: NameFormat, type: string): boolean {
  let known = fitCache.get(format.type);
  if (known === undefined) fitCache.set(format.type, (known = new Map()));
  let answer = known.get(type);
  if (answer === undefined) {
    const probe = fill(format, 'x', { partition: 'aws', region: 'us-east-1', account: '123456789012' });
    known.set(type, (answer = readsBack(probe, type, 'x')));
  }
  return answer;
}

function readsBack(arn: string, type: string, name: string): boolean {
  const described = describeArn(arn, type);
  return described.type === type && described.name === name;
}

/** IAM names are unique in their account whatever the path: the caller's own user or role has its ARN in the event. */
function callersOwn(type: string, name: string, principal: ActivityPrincipal): string | undefined {
  return [principal.arn, principal.roleArn].find((arn) => arn !== undefined && readsBack(arn, type, name));
}

/**
 * Types whose ARN holds more than the name an event gives. IAM's path (`role/team/x`: CreateRole's
 * `path`, not repeated by the calls that name the role) is also known by the catalog's `…WithPath`
 * placeholders; the event model keeps a queue's name from its URL, whose account may be another's.
 */
const MORE_THAN_THE_NAME: Readonly<Record<string, string>> = {
  'AWS::IAM::Role': 'its ARN holds a path the event does not give',
  'AWS::IAM::User': 'its ARN holds a path the event does not give',
  'AWS::IAM::Group': 'its ARN holds a path the event does not give',
  'AWS::IAM::ManagedPolicy': 'its ARN holds a path the event does not give',
  'AWS::IAM::InstanceProfile': 'its ARN holds a path the event does not give',
  // Secrets Manager User Guide, "Secret ARN": a hyphen and six random characters follow the name.
  'AWS::SecretsManager::Secret': 'its ARN ends in six random characters the name lacks',
  'AWS::SQS::Queue': 'the queue URL it was read from may be of another account',
};

/** Types whose names are paths (`/aws/lambda/f`, `/app/db`): elsewhere a `/` would name something else. */
const SLASHED_NAMES = new Set(['AWS::Logs::LogGroup', 'AWS::SSM::Parameter']);

function refusal(type: string, name: string, formats: readonly NameFormat[], label: string): string | undefined {
  const more =
    MORE_THAN_THE_NAME[type] ??
    (formats.some((f) => f.variable.endsWith('WithPath')) ? 'its ARN holds a path the event does not give' : undefined);
  if (more !== undefined) return `${label} named by name only: ${more}`;
  // In a policy `*` and `?` are wildcards and `${…}` a variable; a `:` is a qualifier or a partial ARN.
  const char = /[*?:]|\$\{/.exec(name)?.[0] ?? (!SLASHED_NAMES.has(type) && name.includes('/') ? '/' : undefined);
  if (char !== undefined) return `${label} name with "${char}", which in an ARN would name something else`;
  return undefined;
}

interface Filled {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

/** The partition, Region and account the formats need, from the event. */
function placeOf(place: EventPlace, label: string, formats: readonly NameFormat[]): Filled | { reason: string } {
  const partition = partitionOfRegion(place.region);
  if (partition === undefined) return { reason: `${label} named in "${place.region}", a Region of no known partition` };
  if (!formats.some((f) => f.type.arnFormat.includes('${Account}')))
    return { partition, region: place.region, account: '' };
  const caller = place.principal.account;
  const account = place.account ?? caller;
  if (account === undefined || !/^\d{12}$/.test(account))
    return { reason: `${label} named in an event that gives no account` };
  // A name alone is the caller's own account's resource; an event of another account's makes that unsure.
  if (caller !== undefined && caller !== account)
    return { reason: `${label} named by a caller of another account than the event's` };
  return { partition, region: place.region, account };
}

function fill(format: NameFormat, name: string, where: Filled): string {
  // SSM's `parameter/${ParameterNameWithoutLeadingSlash}`: `/app/db` is `parameter/app/db`.
  const value = format.variable.endsWith('WithoutLeadingSlash') && name.startsWith('/') ? name.slice(1) : name;
  return format.type.arnFormat.replace(/\$\{([^}]*)\}/g, (_, variable: string) =>
    variable === 'Partition'
      ? where.partition
      : variable === 'Region'
        ? where.region
        : variable === 'Account'
          ? where.account
          : value,
  );
}
