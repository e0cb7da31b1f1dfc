/**
 * Generated policies for the scale tests and bench/scale.bench.ts: one statement with N resources, one
 * statement with N actions, N statements, and a policy of a given size (27 MB in the benchmark) made of
 * statements of the shapes real policies have, with the findings real policies get (wildcards,
 * `"Resource": "*"`, repeated and covered entries, NotAction, conditions, duplicate Sids, PassRole).
 * Everything is deterministic: the same arguments give the same text.
 */
import type { Catalog } from '../../src/core/catalog/catalog';

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACCOUNT = '111122223333';
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];

function policy(statements: readonly string[]): string {
  return `{\n  "Version": "2012-10-17",\n  "Statement": [\n${statements.join(',\n')}\n  ]\n}\n`;
}

function list(values: readonly string[], indent: string): string {
  return `[\n${values.map((v) => `${indent}  ${JSON.stringify(v)}`).join(',\n')}\n${indent}]`;
}

/**
 * The i-th resource ARN of a statement of many resources, as lists of them are written: a bucket beside
 * its objects (`arn:aws:s3:::b` and `arn:aws:s3:::b/*`), a table beside its indexes, queues, functions
 * with their versions, log groups and roles; about half of them wildcards. One in 50 is a broader
 * wildcard that covers an entry further down, and one in 100 repeats an earlier entry.
 */
function resourceAt(i: number, random: () => number): string {
  if (i > 0 && i % 100 === 99) return resourceAt(Math.floor(random() * i), seeded(i));
  const region = REGIONS[i % REGIONS.length]!;
  if (i % 50 === 0) {
    switch ((i / 50) % 3) {
      case 0:
        return `arn:aws:sqs:*:${ACCOUNT}:jobs-${i + 4}*`;
      case 1:
        return `arn:aws:s3:::bucket-${i + 8}*`;
      default:
        return `arn:aws:dynamodb:*:${ACCOUNT}:table/t-${i + 2}/*`;
    }
  }
  switch (i % 8) {
    case 0:
      return `arn:aws:s3:::bucket-${i}`;
    case 1:
      return `arn:aws:s3:::bucket-${i - 1}/*`;
    case 2:
      return `arn:aws:dynamodb:${region}:${ACCOUNT}:table/t-${i}`;
    case 3:
      return `arn:aws:dynamodb:${region}:${ACCOUNT}:table/t-${i - 1}/index/*`;
    case 4:
      return `arn:aws:sqs:${region}:${ACCOUNT}:jobs-${i}`;
    case 5:
      return `arn:aws:lambda:${region}:${ACCOUNT}:function:worker-${i}:*`;
    case 6:
      return `arn:aws:logs:${region}:${ACCOUNT}:log-group:/aws/lambda/worker-${i}:*`;
    default:
      return `arn:aws:iam::${ACCOUNT}:role/app/service-${i}`;
  }
}

/** The `n` resources of resourcesPolicy. */
export function resourceListOf(n: number): string[] {
  const random = seeded(n);
  return Array.from({ length: n }, (_, i) => resourceAt(i, random));
}

/** One Allow statement with `n` resources (see resourceAt) and a few actions that apply to them. */
export function resourcesPolicy(n: number): string {
  const resources = resourceListOf(n);
  const actions = [
    's3:GetObject',
    's3:ListBucket',
    'dynamodb:GetItem',
    'dynamodb:Query',
    'sqs:SendMessage',
    'lambda:InvokeFunction',
    'logs:PutLogEvents',
    'iam:GetRole',
  ];
  return policy([
    `    {\n      "Sid": "ManyResources",\n      "Effect": "Allow",\n      "Action": ${list(actions, '      ')},\n      "Resource": ${list(resources, '      ')}\n    }`,
  ]);
}

/** Every action of the catalog, `service:Name`, in a fixed shuffled order. */
export function shuffledActions(catalog: Catalog, seed = 1): string[] {
  const names = catalog.allActions().map((a) => a.fullName);
  const random = seeded(seed);
  for (let i = names.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [names[i], names[j]] = [names[j]!, names[i]!];
  }
  return names;
}

/**
 * A pattern made from a real action: the service and the first word of its name (`s3:Get*`), or the
 * action with a letter replaced by `?`, or with its service written as a wildcard (`s?s:GetObject`).
 */
function patternOf(action: string, k: number): string {
  const [service, name] = action.split(':') as [string, string];
  switch (k % 4) {
    case 0:
      return `${service}:${/^[A-Z][a-z]+/.exec(name)?.[0] ?? name.slice(0, 3)}*`;
    case 1:
      return `${service}:*${name.slice(-6)}`;
    case 2:
      return `${service}:${name.slice(0, -1)}?`;
    default:
      return `${service.slice(0, -1)}*:${name}`;
  }
}

/**
 * One Allow statement with `n` actions: distinct real actions, one in 20 replaced by a pattern made
 * from it (which covers it and others of the list), one in 200 repeated, on one bucket's objects.
 */
export function actionsPolicy(catalog: Catalog, n: number): string {
  const names = shuffledActions(catalog);
  if (n > names.length) throw new Error(`actionsPolicy: the catalog has only ${names.length} actions`);
  const random = seeded(n);
  const actions = names.slice(0, n).map((name, i) => {
    if (i % 200 === 199) return names[Math.floor(random() * i)]!;
    return i % 20 === 10 ? patternOf(name, i / 20) : name;
  });
  return policy([
    `    {\n      "Sid": "ManyActions",\n      "Effect": "Allow",\n      "Action": ${list(actions, '      ')},\n      "Resource": "arn:aws:s3:::bucket-1/*"\n    }`,
  ]);
}

/** The services statements are drawn from, with the wildcards real policies use on them. */
const SERVICES = [
  's3',
  'dynamodb',
  'sqs',
  'sns',
  'lambda',
  'logs',
  'kms',
  'ec2',
  'iam',
  'ssm',
  'secretsmanager',
  'cloudwatch',
  'ecr',
  'ecs',
  'sts',
  'glue',
  'states',
  'events',
  'kinesis',
  'rds',
];
const VERBS = ['Get', 'List', 'Describe', 'Put', 'Create', 'Delete', 'Update'];

/** An ARN of one of a service's resource types, named after the statement. */
function arnFor(service: string, i: number): string {
  const region = REGIONS[i % REGIONS.length]!;
  const arn = (type: string) => `arn:aws:${service}:${region}:${ACCOUNT}:${type}`;
  switch (service) {
    case 's3':
      return `arn:aws:s3:::data-${i}/*`;
    case 'iam':
    case 'sts':
      return `arn:aws:iam::${ACCOUNT}:role/app-${i}`;
    case 'dynamodb':
      return arn(`table/t-${i}`);
    case 'sqs':
    case 'sns':
      return arn(`q-${i}`);
    case 'lambda':
      return arn(`function:f-${i}`);
    case 'logs':
      return arn(`log-group:/app/${i}:*`);
    case 'kms':
      return arn(`key/0000-${i}`);
    case 'ec2':
      return arn(`instance/i-${i.toString(16).padStart(8, '0')}`);
    case 'ssm':
      return arn(`parameter/app/${i}`);
    case 'secretsmanager':
      return arn(`secret:app/${i}-AbCdEf`);
    case 'cloudwatch':
      return arn(`alarm:a-${i}`);
    case 'ecr':
      return arn(`repository/r-${i}`);
    case 'ecs':
      return arn(`service/main/s-${i}`);
    case 'glue':
      return arn(`table/db/t-${i}`);
    case 'states':
      return arn(`stateMachine:sm-${i}`);
    case 'events':
      return arn(`rule/r-${i}`);
    case 'kinesis':
      return arn(`stream/s-${i}`);
    default:
      return arn(`db:db-${i}`);
  }
}

/**
 * The i-th statement of a generated policy, of one of the shapes real policies have; `names` holds each
 * service's real actions. About 4 in 10 draw a finding: wildcards on `"*"`, repeated entries, a
 * pattern beside an action it covers, StringLike on an ARN key, PassRole on `"*"`, NotAction, a
 * duplicate Sid, administrator access (rarely).
 */
function statementAt(i: number, random: () => number, names: ReadonlyMap<string, readonly string[]>): string {
  const service = SERVICES[Math.floor(random() * SERVICES.length)]!;
  const actionsOf = names.get(service)!;
  const pick = () => `${service}:${actionsOf[Math.floor(random() * actionsOf.length)]!}`;
  const sid = i % 97 === 96 ? `S${i - 50}` : `S${i}`;
  const roll = random();
  let effect = 'Allow';
  let actionKey = 'Action';
  let actions: string[];
  let resources: string[];
  let condition = '';
  if (roll < 0.4) {
    // Named actions on named resources, sometimes with a pattern beside what it covers.
    actions = Array.from({ length: 1 + Math.floor(random() * 5) }, pick);
    if (random() < 0.15) actions.push(`${actions[0]!.slice(0, actions[0]!.indexOf(':') + 4)}*`);
    resources = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, k) => arnFor(service, i * 3 + k));
    if (random() < 0.1) resources.push(resources[0]!);
  } else if (roll < 0.6) {
    // A verb's wildcard on every resource: resource-star, unconstrained-write or permissions-management.
    actions = [`${service}:${VERBS[Math.floor(random() * VERBS.length)]!}*`, pick()];
    resources = ['*'];
  } else if (roll < 0.7) {
    actions = [`${service}:*`];
    resources = random() < 0.5 ? ['*'] : [arnFor(service, i)];
  } else if (roll < 0.8) {
    actions = [pick(), pick()];
    resources = [arnFor(service, i)];
    condition =
      random() < 0.5
        ? `{ "StringLike": { "aws:SourceArn": "arn:aws:sns:*:${ACCOUNT}:topic-${i}" }, "Bool": { "aws:SecureTransport": "true" } }`
        : `{ "StringEquals": { "aws:RequestedRegion": "${REGIONS[i % 3]!}", "aws:PrincipalTag/team": "t${i % 7}" } }`;
  } else if (roll < 0.85) {
    actions = ['iam:PassRole', ...(random() < 0.5 ? ['lambda:CreateFunction'] : ['ec2:RunInstances'])];
    resources = random() < 0.5 ? ['*'] : [arnFor('iam', i)];
  } else if (roll < 0.88) {
    // NotAction: Allow (allow-not-action, grants every other action) or a guard Deny.
    actionKey = 'NotAction';
    effect = random() < 0.5 ? 'Allow' : 'Deny';
    actions = ['iam:*', 'organizations:*', 'account:*'];
    resources = ['*'];
  } else if (roll < 0.881) {
    actions = ['*'];
    resources = ['*'];
  } else {
    actions = Array.from({ length: 2 + Math.floor(random() * 8) }, pick);
    resources = [arnFor(service, i), `${arnFor(service, i)}-archive`];
  }
  const parts = [
    `"Sid": "${sid}"`,
    `"Effect": "${effect}"`,
    `"${actionKey}": ${actions.length === 1 ? JSON.stringify(actions[0]) : list(actions, '      ')}`,
    `"Resource": ${resources.length === 1 ? JSON.stringify(resources[0]) : list(resources, '      ')}`,
  ];
  if (condition) parts.push(`"Condition": ${condition}`);
  return `    {\n      ${parts.join(',\n      ')}\n    }`;
}

function actionNames(catalog: Catalog): Map<string, readonly string[]> {
  return new Map(SERVICES.map((s) => [s, catalog.actionsOf(s).map((a) => a.name)]));
}

/** A policy of `n` statements (statementAt). */
export function statementsPolicy(catalog: Catalog, n: number): string {
  const random = seeded(7);
  const names = actionNames(catalog);
  return policy(Array.from({ length: n }, (_, i) => statementAt(i, random, names)));
}

/** A policy of at least `bytes` characters made of statementAt's statements; also says how many. */
export function sizedPolicy(catalog: Catalog, bytes: number): { text: string; statements: number } {
  const random = seeded(27);
  const names = actionNames(catalog);
  const statements: string[] = [];
  let size = 0;
  while (size < bytes) {
    const statement = statementAt(statements.length, random, names);
    statements.push(statement);
    size += statement.length + 2;
  }
  return { text: policy(statements), statements: statements.length };
}
