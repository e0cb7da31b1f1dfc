/**
 * Security Hub as the seed gives it (`services.securityhub`): the Regions it is enabled in (`hubs`)
 * and its findings, each an AWS Security Finding Format object written as Security Hub returns it
 * (PascalCase members), with ages (`createdDaysAgo`, `updatedDaysAgo`) in place of its four times.
 * The members the emulator filters on are checked; the rest is passed through as written.
 */
import type { Seed } from '../../seed';
import {
  type Fields,
  fields,
  optionalArray,
  optionalInteger,
  requiredArray,
  requiredString,
  ValidationError,
} from '../../validate';
import { optionalAge, requiredAge } from '../seedTimes';

export interface SeededHub {
  readonly region: string;
  readonly subscribedAt: number;
}

/** An ASFF finding, times filled in. */
export type AsffFinding = Fields & { readonly Id: string; readonly Region: string };

export interface SecurityHubSeed {
  readonly hubs: readonly SeededHub[];
  readonly findings: readonly AsffFinding[];
  /** The most findings one GetFindings page holds, whatever MaxResults asks. */
  readonly pageSize: number;
}

const SECTION = 'seed.services.securityhub';
const REGION = { pattern: /^[a-z]{2}(-[a-z0-9]+)+-\d+$/, expected: 'a Region' };
const LABELS = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const WORKFLOW = ['NEW', 'NOTIFIED', 'RESOLVED', 'SUPPRESSED'];
const RECORD_STATES = ['ACTIVE', 'ARCHIVED'];
const COMPLIANCE = ['PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE'];
const MAX_PAGE = 100;

/** Reads and checks the seed's `services.securityhub` section. */
export function readSecurityHubSeed(seed: Seed, startedAtMs: number): SecurityHubSeed {
  const section = fields(seed.services['securityhub'] ?? {}, SECTION, ['$comment', 'pageSize', 'hubs', 'findings']);
  const hubs = optionalArray(section, 'hubs', SECTION).map((h, i) => {
    const path = `${SECTION}.hubs[${i}]`;
    const obj = fields(h, path, ['region', 'subscribedDaysAgo']);
    return {
      region: requiredString(obj, 'region', path, REGION),
      subscribedAt: requiredAge(obj, 'subscribedDaysAgo', path, startedAtMs),
    };
  });
  const findings = optionalArray(section, 'findings', SECTION).map((f, i) =>
    readFinding(f, `${SECTION}.findings[${i}]`, startedAtMs),
  );
  return { hubs, findings, pageSize: optionalInteger(section, 'pageSize', SECTION, 1, MAX_PAGE) ?? MAX_PAGE };
}

function readFinding(value: unknown, path: string, startedAtMs: number): AsffFinding {
  const { createdDaysAgo: _c, updatedDaysAgo: _u, ...asff } = fields(value, path);
  const obj = fields(value, path);
  for (const key of ['Id', 'ProductArn', 'ProductName', 'CompanyName', 'AwsAccountId', 'Title', 'Description'])
    requiredString(obj, key, path);
  const region = requiredString(obj, 'Region', path, REGION);
  choice(fields(obj['Severity'], `${path}.Severity`), 'Label', `${path}.Severity`, LABELS);
  choice(fields(obj['Workflow'], `${path}.Workflow`), 'Status', `${path}.Workflow`, WORKFLOW);
  choice(obj, 'RecordState', path, RECORD_STATES);
  if (obj['Compliance'] !== undefined)
    choice(fields(obj['Compliance'], `${path}.Compliance`), 'Status', `${path}.Compliance`, COMPLIANCE);
  requiredArray(obj, 'Resources', path).forEach((r, i) => {
    const resource = fields(r, `${path}.Resources[${i}]`);
    requiredString(resource, 'Type', `${path}.Resources[${i}]`);
    requiredString(resource, 'Id', `${path}.Resources[${i}]`);
  });
  const created = requiredAge(obj, 'createdDaysAgo', path, startedAtMs);
  const updated = new Date(optionalAge(obj, 'updatedDaysAgo', path, startedAtMs) ?? created).toISOString();
  const createdAt = new Date(created).toISOString();
  return {
    ...asff,
    Id: requiredString(obj, 'Id', path),
    Region: region,
    FirstObservedAt: createdAt,
    LastObservedAt: updated,
    CreatedAt: createdAt,
    UpdatedAt: updated,
  };
}

function choice(obj: Fields, key: string, path: string, choices: readonly string[]): void {
  const value = requiredString(obj, key, path);
  if (!choices.includes(value)) throw new ValidationError(`${path}.${key}: expected one of ${choices.join(', ')}`);
}
