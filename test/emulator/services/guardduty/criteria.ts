/**
 * GuardDuty's FindingCriteria and SortCriteria over the seeded findings. A criterion names a finding
 * attribute (`severity`, `type`, `service.archived`, `updatedAt`, …) and conditions on it: `eq`/`neq`
 * (lists of strings, as the Condition model has them: `service.archived` is `"true"` or `"false"`),
 * `gt`/`gte`/`lt`/`lte` on numbers (times in epoch milliseconds), and the long names of the same
 * (`equals`, `greaterThanOrEqual`, …). Every criterion must hold; values of one `eq` are alternatives.
 */
import { AwsError } from '../../errors';
import type { SeededDetector, SeededGuardDutyFinding } from './seed';

type Value = string | number | boolean;

/** The attributes a criterion or a sort may name, and how each is read from a finding. */
const ATTRIBUTES: Readonly<Record<string, (f: SeededGuardDutyFinding, d: SeededDetector) => Value>> = {
  id: (f) => f.id,
  type: (f) => f.type,
  severity: (f) => f.severity,
  accountId: (_f, d) => d.account,
  region: (_f, d) => d.region,
  createdAt: (f) => f.createdAt,
  updatedAt: (f) => f.updatedAt,
  'resource.resourceType': (f) => String(f.resource['resourceType'] ?? ''),
  'service.archived': (f) => f.archived,
  'service.count': (f) => f.count,
};

type Test = (value: Value) => boolean;

/** The tests of a FindingCriteria; an unknown attribute or condition is GuardDuty's BadRequestException. */
export function readCriteria(value: unknown): readonly [string, Test][] {
  if (value === undefined) return [];
  const criterion = isObject(value) ? value['criterion'] : undefined;
  if (criterion === undefined) return [];
  if (!isObject(criterion)) throw badRequest('findingCriteria.criterion must be a map.');
  return Object.entries(criterion).map(([key, condition]) => {
    if (ATTRIBUTES[key] === undefined) throw badRequest(`The criterion attribute ${key} is not supported.`);
    if (!isObject(condition)) throw badRequest(`The condition of ${key} must be an object.`);
    const tests = Object.entries(condition).map(([op, operand]) => conditionTest(key, op, operand));
    return [key, (v: Value) => tests.every((t) => t(v))];
  });
}

const LISTS: Readonly<Record<string, boolean>> = { eq: true, equals: true, neq: false, notEquals: false };
const NUMBERS: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  gt: (a, b) => a > b,
  greaterThan: (a, b) => a > b,
  gte: (a, b) => a >= b,
  greaterThanOrEqual: (a, b) => a >= b,
  lt: (a, b) => a < b,
  lessThan: (a, b) => a < b,
  lte: (a, b) => a <= b,
  lessThanOrEqual: (a, b) => a <= b,
};

function conditionTest(key: string, op: string, operand: unknown): Test {
  const inList = LISTS[op];
  if (inList !== undefined) {
    if (!Array.isArray(operand) || !operand.every((o) => typeof o === 'string'))
      throw badRequest(`${key}.${op} must be a list of strings.`);
    return (v) => operand.includes(String(v)) === inList;
  }
  const compare = NUMBERS[op];
  if (compare === undefined) throw badRequest(`The condition ${op} of ${key} is not supported.`);
  if (typeof operand !== 'number') throw badRequest(`${key}.${op} must be a number.`);
  return (v) => typeof v === 'number' && compare(v, operand);
}

/** The detector's findings that pass every test. */
export function matching(detector: SeededDetector, tests: readonly [string, Test][]): SeededGuardDutyFinding[] {
  return detector.findings.filter((f) => tests.every(([key, test]) => test(ATTRIBUTES[key]!(f, detector))));
}

/** The findings sorted as SortCriteria asks (`attributeName`, `orderBy` ASC or DESC); as seeded without it. */
export function sortFindings(
  findings: SeededGuardDutyFinding[],
  detector: SeededDetector,
  sort: unknown,
): SeededGuardDutyFinding[] {
  if (sort === undefined) return findings;
  if (!isObject(sort)) throw badRequest('sortCriteria must be an object.');
  const { attributeName, orderBy = 'ASC' } = sort;
  const read = typeof attributeName === 'string' ? ATTRIBUTES[attributeName] : undefined;
  if (read === undefined) throw badRequest(`The sort attribute ${String(attributeName)} is not supported.`);
  if (orderBy !== 'ASC' && orderBy !== 'DESC') throw badRequest(`orderBy must be ASC or DESC.`);
  const sign = orderBy === 'ASC' ? 1 : -1;
  const key = (f: SeededGuardDutyFinding): Value => read(f, detector);
  return [...findings].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
  });
}

/** GuardDuty's answer to a request it rejects (HTTP 400, `{"message", "__type"}`). */
export function badRequest(message: string): AwsError {
  return new AwsError('BadRequestException', 400, message, { __type: 'InvalidInputException' });
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
