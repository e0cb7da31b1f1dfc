/**
 * Access Analyzer's analyzers and findings as the seed gives them (`services.access-analyzer`): each
 * analyzer by its ARN (which says its Region) and type; an unused-access analyzer with its
 * `unusedAccessAge` and its findings, each about one IAM role or user: unused permissions (per
 * service, the whole service or some of its actions), an unused role, an unused access key or
 * password; a finding of unused permissions may carry the recommendation Access Analyzer would make.
 */
import type { Seed } from '../../seed';
import {
  type Fields,
  fields,
  optionalArray,
  optionalChoice,
  optionalInteger,
  optionalString,
  requiredArray,
  requiredString,
  ValidationError,
} from '../../validate';
import { optionalAge, requiredAge } from '../seedTimes';

export const ANALYZER_TYPES = [
  'ACCOUNT',
  'ORGANIZATION',
  'ACCOUNT_UNUSED_ACCESS',
  'ORGANIZATION_UNUSED_ACCESS',
  'ACCOUNT_INTERNAL_ACCESS',
  'ORGANIZATION_INTERNAL_ACCESS',
] as const;
const FINDING_TYPES = ['UnusedPermission', 'UnusedIAMRole', 'UnusedIAMUserAccessKey', 'UnusedIAMUserPassword'] as const;
const STATUSES = ['ACTIVE', 'ARCHIVED', 'RESOLVED'] as const;

interface UnusedService {
  readonly namespace: string;
  readonly lastAccessed?: number;
  /** Absent when the whole service is unused. */
  readonly actions?: readonly { readonly action: string; readonly lastAccessed?: number }[];
}

interface RecommendedStep {
  readonly action: 'CREATE_POLICY' | 'DETACH_POLICY';
  readonly existingPolicyId?: string;
  /** The policy document, sent as a JSON string. */
  readonly recommendedPolicy?: string;
}

/** What generating a finding's recommendation comes to: its steps, or the error it fails with. */
export type Recommendation =
  | { readonly steps: readonly RecommendedStep[] }
  | { readonly error: { readonly code: string; readonly message: string } };

export interface SeededFinding {
  readonly id: string;
  readonly type: (typeof FINDING_TYPES)[number];
  readonly resource: string;
  readonly resourceType: 'AWS::IAM::Role' | 'AWS::IAM::User';
  readonly resourceOwnerAccount: string;
  readonly status: (typeof STATUSES)[number];
  readonly createdAt: number;
  readonly updatedAt: number;
  /** UnusedPermission only. */
  readonly services: readonly UnusedService[];
  /** UnusedIAMRole, access key and password: when last used, if ever. */
  readonly lastAccessed?: number;
  /** UnusedIAMUserAccessKey only. */
  readonly accessKeyId?: string;
  readonly recommendation?: Recommendation;
}

export interface SeededAnalyzer {
  readonly arn: string;
  readonly name: string;
  readonly region: string;
  readonly type: (typeof ANALYZER_TYPES)[number];
  readonly status: 'ACTIVE' | 'CREATING' | 'DISABLED' | 'FAILED';
  readonly createdAt: number;
  /** When it last analyzed a principal: every finding's `analyzedAt`. */
  readonly analyzedAt: number;
  /** Unused-access analyzers only. */
  readonly unusedAccessAge?: number;
  readonly findings: readonly SeededFinding[];
}

export interface AnalyzerSeed {
  readonly analyzers: readonly SeededAnalyzer[];
  /** The most findings, finding details or recommended steps one page holds, whatever maxResults asks. */
  readonly pageSize: number;
}

const SECTION = 'seed.services.access-analyzer';
const ANALYZER_ARN = /^arn:aws[a-z-]*:access-analyzer:([a-z]{2}(?:-[a-z0-9]+)+-\d+):\d{12}:analyzer\/([\w.-]+)$/;
const RESOURCE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):(role|user)\/\S+$/;
const DEFAULT_PAGE_SIZE = 100;

/** Reads and checks the seed's `services.access-analyzer` section. */
export function readAnalyzerSeed(seed: Seed, startedAtMs: number): AnalyzerSeed {
  const section = fields(seed.services['access-analyzer'] ?? {}, SECTION, ['$comment', 'pageSize', 'analyzers']);
  const analyzers = optionalArray(section, 'analyzers', SECTION).map((a, i) =>
    readAnalyzer(a, `${SECTION}.analyzers[${i}]`, startedAtMs),
  );
  const ids = new Set<string>();
  for (const finding of analyzers.flatMap((a) => a.findings)) {
    if (ids.has(finding.id)) throw new ValidationError(`${SECTION}: duplicate finding id ${finding.id}`);
    ids.add(finding.id);
  }
  return { analyzers, pageSize: optionalInteger(section, 'pageSize', SECTION, 1, 1000) ?? DEFAULT_PAGE_SIZE };
}

function readAnalyzer(value: unknown, path: string, startedAtMs: number): SeededAnalyzer {
  const obj = fields(value, path, [
    'arn',
    'type',
    'status',
    'createdDaysAgo',
    'analyzedDaysAgo',
    'unusedAccessAge',
    'findings',
  ]);
  const arn = requiredString(obj, 'arn', path, { pattern: ANALYZER_ARN, expected: 'an analyzer ARN' });
  const [, region = '', name = ''] = ANALYZER_ARN.exec(arn) ?? [];
  const type = optionalChoice(obj, 'type', path, ANALYZER_TYPES);
  if (type === undefined) throw new ValidationError(`${path}.type: required, one of ${ANALYZER_TYPES.join(', ')}`);
  const unused = type.endsWith('_UNUSED_ACCESS');
  const unusedAccessAge = optionalInteger(obj, 'unusedAccessAge', path, 1, 365);
  if (!unused && (unusedAccessAge !== undefined || obj['findings'] !== undefined))
    throw new ValidationError(`${path}: only an unused-access analyzer has unusedAccessAge and findings here`);
  const findings = optionalArray(obj, 'findings', path).map((f, i) =>
    readFinding(f, `${path}.findings[${i}]`, startedAtMs),
  );
  return {
    arn,
    name,
    region,
    type,
    status: optionalChoice(obj, 'status', path, ['ACTIVE', 'CREATING', 'DISABLED', 'FAILED'] as const) ?? 'ACTIVE',
    createdAt: requiredAge(obj, 'createdDaysAgo', path, startedAtMs),
    analyzedAt: optionalAge(obj, 'analyzedDaysAgo', path, startedAtMs) ?? startedAtMs,
    ...(unused && { unusedAccessAge: unusedAccessAge ?? 90 }),
    findings,
  };
}

function readFinding(value: unknown, path: string, startedAtMs: number): SeededFinding {
  const obj = fields(value, path, [
    'id',
    'type',
    'resource',
    'status',
    'createdDaysAgo',
    'updatedDaysAgo',
    'services',
    'lastUsedDaysAgo',
    'accessKeyId',
    'recommendation',
  ]);
  const type = optionalChoice(obj, 'type', path, FINDING_TYPES);
  if (type === undefined) throw new ValidationError(`${path}.type: required, one of ${FINDING_TYPES.join(', ')}`);
  const resource = requiredString(obj, 'resource', path, {
    pattern: RESOURCE_ARN,
    expected: "an IAM role's or user's ARN",
  });
  const [, account = '', kind] = RESOURCE_ARN.exec(resource) ?? [];
  const permission = type === 'UnusedPermission';
  const services = permission
    ? requiredArray(obj, 'services', path).map((s, i) => readService(s, `${path}.services[${i}]`, startedAtMs))
    : [];
  if (!permission && (obj['services'] !== undefined || obj['recommendation'] !== undefined))
    throw new ValidationError(`${path}: only an UnusedPermission finding has services and a recommendation`);
  const lastAccessed = permission ? undefined : optionalAge(obj, 'lastUsedDaysAgo', path, startedAtMs);
  const accessKeyId = optionalString(obj, 'accessKeyId', path);
  if ((type === 'UnusedIAMUserAccessKey') !== (accessKeyId !== undefined))
    throw new ValidationError(`${path}.accessKeyId: required for, and only for, an UnusedIAMUserAccessKey finding`);
  const recommendation =
    obj['recommendation'] === undefined
      ? undefined
      : readRecommendation(obj['recommendation'], `${path}.recommendation`);
  return {
    id: requiredString(obj, 'id', path, { pattern: /^[0-9a-f-]{36}$/, expected: 'a finding id (a UUID)' }),
    type,
    resource,
    resourceType: kind === 'role' ? 'AWS::IAM::Role' : 'AWS::IAM::User',
    resourceOwnerAccount: account,
    status: optionalChoice(obj, 'status', path, STATUSES) ?? 'ACTIVE',
    createdAt: requiredAge(obj, 'createdDaysAgo', path, startedAtMs),
    updatedAt:
      optionalAge(obj, 'updatedDaysAgo', path, startedAtMs) ?? requiredAge(obj, 'createdDaysAgo', path, startedAtMs),
    services,
    ...(lastAccessed !== undefined && { lastAccessed }),
    ...(accessKeyId !== undefined && { accessKeyId }),
    ...(recommendation && { recommendation }),
  };
}

function readService(value: unknown, path: string, startedAtMs: number): UnusedService {
  const obj = fields(value, path, ['namespace', 'lastUsedDaysAgo', 'actions']);
  const namespace = requiredString(obj, 'namespace', path, { pattern: /^[a-z0-9-]+$/, expected: 'a service prefix' });
  const lastAccessed = optionalAge(obj, 'lastUsedDaysAgo', path, startedAtMs);
  const actions =
    obj['actions'] === undefined
      ? undefined
      : requiredArray(obj, 'actions', path).map((a, i) => {
          const at = `${path}.actions[${i}]`;
          const action = fields(a, at, ['action', 'lastUsedDaysAgo']);
          const last = optionalAge(action, 'lastUsedDaysAgo', at, startedAtMs);
          return {
            action: requiredString(action, 'action', at, {
              pattern: /^[a-z0-9-]+:[A-Za-z0-9]+$/,
              expected: 'an action like s3:GetObject',
            }),
            ...(last !== undefined && { lastAccessed: last }),
          };
        });
  return { namespace, ...(lastAccessed !== undefined && { lastAccessed }), ...(actions && { actions }) };
}

function readRecommendation(value: unknown, path: string): Recommendation {
  const obj = fields(value, path, ['steps', 'error']);
  if (obj['error'] !== undefined) {
    const error = fields(obj['error'], `${path}.error`, ['code', 'message']);
    return {
      error: {
        code: requiredString(error, 'code', `${path}.error`),
        message: requiredString(error, 'message', `${path}.error`),
      },
    };
  }
  return { steps: requiredArray(obj, 'steps', path).map((s, i) => readStep(s, `${path}.steps[${i}]`)) };
}

function readStep(value: unknown, path: string): RecommendedStep {
  const obj: Fields = fields(value, path, ['action', 'existingPolicyId', 'recommendedPolicy']);
  const action = optionalChoice(obj, 'action', path, ['CREATE_POLICY', 'DETACH_POLICY'] as const);
  if (action === undefined) throw new ValidationError(`${path}.action: required, CREATE_POLICY or DETACH_POLICY`);
  const existingPolicyId = optionalString(obj, 'existingPolicyId', path);
  const policy = obj['recommendedPolicy'];
  if ((action === 'CREATE_POLICY') !== (policy !== undefined))
    throw new ValidationError(`${path}.recommendedPolicy: required for, and only for, CREATE_POLICY`);
  return {
    action,
    ...(existingPolicyId !== undefined && { existingPolicyId }),
    ...(policy !== undefined && { recommendedPolicy: JSON.stringify(fields(policy, `${path}.recommendedPolicy`)) }),
  };
}
