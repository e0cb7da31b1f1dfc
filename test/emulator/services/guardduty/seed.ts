/**
 * GuardDuty's detectors and findings as the seed gives them (`services.guardduty`): a detector per
 * Region that has one (a Region without a detector is one GuardDuty is not enabled in), each with its
 * findings. A finding's `resource` and `action` are GuardDuty's own JSON members, passed through as
 * written, so a seed can say anything the Finding model does; the times are ages, as elsewhere.
 */
import type { Seed } from '../../seed';
import {
  type Fields,
  fields,
  optionalArray,
  optionalBoolean,
  optionalInteger,
  optionalNumber,
  requiredString,
  ValidationError,
} from '../../validate';
import { optionalAge, requiredAge } from '../seedTimes';

export interface SeededGuardDutyFinding {
  readonly id: string;
  readonly type: string;
  readonly severity: number;
  readonly title: string;
  readonly description: string;
  readonly resource: Fields;
  readonly action?: Fields;
  readonly archived: boolean;
  readonly count: number;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
}

export interface SeededDetector {
  readonly id: string;
  readonly region: string;
  readonly account: string;
  readonly createdAt: number;
  readonly findings: readonly SeededGuardDutyFinding[];
}

export interface GuardDutySeed {
  readonly detectors: readonly SeededDetector[];
  /** The most ids one ListFindings or ListDetectors page holds, whatever maxResults asks. */
  readonly pageSize: number;
}

const SECTION = 'seed.services.guardduty';
/** GuardDuty's detector and finding ids: 32 lower-case hex characters. */
const ID = { pattern: /^[0-9a-f]{32}$/, expected: 'a GuardDuty id (32 hex characters)' };
const REGION = { pattern: /^[a-z]{2}(-[a-z0-9]+)+-\d+$/, expected: 'a Region' };
/** GuardDuty's finding types: ThreatPurpose:ResourceTypeAffected/ThreatFamilyName.DetectionMechanism!Artifact. */
const FINDING_TYPE = { pattern: /^[A-Za-z]+:[A-Za-z0-9]+\/[\w.!-]+$/, expected: 'a GuardDuty finding type' };
const MAX_PAGE = 50;

/** Reads and checks the seed's `services.guardduty` section. */
export function readGuardDutySeed(seed: Seed, startedAtMs: number): GuardDutySeed {
  const section = fields(seed.services['guardduty'] ?? {}, SECTION, ['$comment', 'pageSize', 'detectors']);
  const detectors = optionalArray(section, 'detectors', SECTION).map((d, i) =>
    readDetector(d, `${SECTION}.detectors[${i}]`, startedAtMs),
  );
  const regions = new Set<string>();
  for (const d of detectors) {
    if (regions.has(d.region)) throw new ValidationError(`${SECTION}: a second detector in ${d.region}`);
    regions.add(d.region);
  }
  return { detectors, pageSize: optionalInteger(section, 'pageSize', SECTION, 1, MAX_PAGE) ?? MAX_PAGE };
}

function readDetector(value: unknown, path: string, startedAtMs: number): SeededDetector {
  const obj = fields(value, path, ['id', 'region', 'account', 'createdDaysAgo', 'findings']);
  const findings = optionalArray(obj, 'findings', path).map((f, i) =>
    readFinding(f, `${path}.findings[${i}]`, startedAtMs),
  );
  return {
    id: requiredString(obj, 'id', path, ID),
    region: requiredString(obj, 'region', path, REGION),
    account: requiredString(obj, 'account', path, { pattern: /^\d{12}$/, expected: 'a 12-digit account id' }),
    createdAt: requiredAge(obj, 'createdDaysAgo', path, startedAtMs),
    findings,
  };
}

function readFinding(value: unknown, path: string, startedAtMs: number): SeededGuardDutyFinding {
  const obj = fields(value, path, [
    'id',
    'type',
    'severity',
    'title',
    'description',
    'resource',
    'action',
    'archived',
    'count',
    'createdDaysAgo',
    'updatedDaysAgo',
    'firstSeenDaysAgo',
    'lastSeenDaysAgo',
  ]);
  const severity = optionalNumber(obj, 'severity', path, 1, 10);
  if (severity === undefined) throw new ValidationError(`${path}.severity: required, from 1 to 10`);
  const createdAt = requiredAge(obj, 'createdDaysAgo', path, startedAtMs);
  const updatedAt = optionalAge(obj, 'updatedDaysAgo', path, startedAtMs) ?? createdAt;
  const action = obj['action'] === undefined ? undefined : fields(obj['action'], `${path}.action`);
  return {
    id: requiredString(obj, 'id', path, ID),
    type: requiredString(obj, 'type', path, FINDING_TYPE),
    severity,
    title: requiredString(obj, 'title', path),
    description: requiredString(obj, 'description', path),
    resource: fields(obj['resource'], `${path}.resource`),
    ...(action && { action }),
    archived: optionalBoolean(obj, 'archived', path) ?? false,
    count: optionalInteger(obj, 'count', path, 1, 1_000_000) ?? 1,
    createdAt,
    updatedAt,
    firstSeen: optionalAge(obj, 'firstSeenDaysAgo', path, startedAtMs) ?? createdAt,
    lastSeen: optionalAge(obj, 'lastSeenDaysAgo', path, startedAtMs) ?? updatedAt,
  };
}
