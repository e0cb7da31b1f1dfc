/**
 * CloudFormation's stacks as the seed gives them (`services.cloudformation.stacks`): each by its stack
 * ARN (which says its Region, account and name) with its resources (logical id, physical id, type),
 * and DescribeStackResources over them as CloudFormation answers it. Stacks are regional: a stack is
 * found only by a call signed for its Region. Errors are CloudFormation's ValidationError (HTTP 400),
 * with its wording: `Stack with id <name> does not exist`.
 */
import { AwsError } from '../../errors';
import type { XmlObject } from '../../protocols/xml';
import type { Seed } from '../../seed';
import { fields, optionalArray, optionalString, requiredArray, requiredString, ValidationError } from '../../validate';
import { requiredAge } from '../seedTimes';
import type { OperationContext, QueryParams } from '../types';

interface StackResource {
  readonly logicalId: string;
  readonly physicalId: string;
  readonly type: string;
  readonly status: string;
}

interface Stack {
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly updatedAt: Date;
  readonly resources: readonly StackResource[];
}

const SECTION = 'seed.services.cloudformation';
const STACK_ID =
  /^arn:aws[a-z-]*:cloudformation:([a-z]{2}(?:-[a-z0-9]+)+-\d+):\d{12}:stack\/([A-Za-z][A-Za-z0-9-]*)\/[0-9a-f-]{36}$/;

/** The seeded stacks of one running emulator. */
export class Stacks {
  private constructor(private readonly stacks: readonly Stack[]) {}

  /** Reads and checks the seed's `services.cloudformation` section. */
  static fromSeed(seed: Seed, startedAtMs: number): Stacks {
    const section = fields(seed.services['cloudformation'] ?? {}, SECTION, ['$comment', 'stacks']);
    const stacks = optionalArray(section, 'stacks', SECTION).map((s, i) =>
      readStack(s, `${SECTION}.stacks[${i}]`, startedAtMs),
    );
    return new Stacks(stacks);
  }

  describeStackResources(params: QueryParams, ctx: OperationContext): XmlObject {
    const name = params.get('StackName');
    const physical = params.get('PhysicalResourceId');
    const logical = params.get('LogicalResourceId');
    if ((name === undefined) === (physical === undefined))
      throw validationError('Either StackName or PhysicalResourceId must be specified, but not both.');
    const inRegion = this.stacks.filter((s) => s.region === ctx.region);
    const stack =
      name === undefined
        ? inRegion.find((s) => s.resources.some((r) => r.physicalId === physical))
        : inRegion.find((s) => s.name === name || s.id === name);
    if (stack === undefined)
      throw validationError(
        name === undefined ? `Stack for ${physical} does not exist` : `Stack with id ${name} does not exist`,
      );
    const resources = stack.resources.filter((r) => logical === undefined || r.logicalId === logical);
    if (logical !== undefined && resources.length === 0)
      throw validationError(`Resource ${logical} does not exist for stack ${stack.name}`);
    return { StackResources: resources.map((r) => resourceMember(stack, r)) };
  }
}

/** One StackResource, members in the order CloudFormation's documented answer has them. */
function resourceMember(stack: Stack, resource: StackResource): XmlObject {
  return {
    StackId: stack.id,
    StackName: stack.name,
    LogicalResourceId: resource.logicalId,
    PhysicalResourceId: resource.physicalId,
    ResourceType: resource.type,
    Timestamp: stack.updatedAt,
    ResourceStatus: resource.status,
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}

function readStack(value: unknown, path: string, startedAtMs: number): Stack {
  const obj = fields(value, path, ['stackId', 'updatedDaysAgo', 'resources']);
  const id = requiredString(obj, 'stackId', path, {
    pattern: STACK_ID,
    expected: 'a stack ARN like arn:aws:cloudformation:us-east-1:111122223333:stack/name/<uuid>',
  });
  const [, region = '', name = ''] = STACK_ID.exec(id) ?? [];
  const updatedAt = new Date(requiredAge(obj, 'updatedDaysAgo', path, startedAtMs));
  const resources = requiredArray(obj, 'resources', path).map((r, i) => readResource(r, `${path}.resources[${i}]`));
  const logicalIds = new Set<string>();
  resources.forEach((r, i) => {
    if (logicalIds.has(r.logicalId))
      throw new ValidationError(`${path}.resources[${i}].logicalId: duplicate logical id ${r.logicalId}`);
    logicalIds.add(r.logicalId);
  });
  return { id, name, region, updatedAt, resources };
}

function readResource(value: unknown, path: string): StackResource {
  const obj = fields(value, path, ['logicalId', 'physicalId', 'type', 'status']);
  return {
    logicalId: requiredString(obj, 'logicalId', path, { pattern: /^[A-Za-z0-9]+$/, expected: 'a logical id' }),
    physicalId: requiredString(obj, 'physicalId', path),
    type: requiredString(obj, 'type', path, { pattern: /^\w+::\w+::\w+$/, expected: 'a type like AWS::IAM::Role' }),
    status: optionalString(obj, 'status', path) ?? 'CREATE_COMPLETE',
  };
}

function validationError(message: string): AwsError {
  return new AwsError('ValidationError', 400, message);
}
