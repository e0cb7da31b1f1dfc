/**
 * IAM's last-accessed data as the seed gives it (`services.iam`): per principal (a user's or a role's
 * ARN), the services its policies allow, when each was last used and, for the services IAM tracks at
 * action level, the same per tracked action. A service or action without `lastUsedDaysAgo` was never
 * used in IAM's tracking period.
 */
import type { Seed } from '../../seed';
import {
  fields,
  optionalArray,
  optionalInteger,
  optionalString,
  requiredString,
  ValidationError,
} from '../../validate';
import { optionalAge } from '../seedTimes';

/** When and where something was last used. */
interface LastUse {
  readonly at: number;
  readonly region?: string;
}

interface TrackedAction {
  /** The action's name without the service prefix, as IAM reports it (`GetObject`). */
  readonly name: string;
  readonly last?: LastUse;
}

export interface ServiceUse {
  readonly namespace: string;
  /** The service's name as IAM reports it (`Amazon Simple Storage Service`). */
  readonly name: string;
  readonly last?: LastUse;
  /** Present for a service IAM tracks at action level: the tracked actions the policies allow. */
  readonly actions?: readonly TrackedAction[];
}

export interface IamPrincipal {
  readonly arn: string;
  readonly services: readonly ServiceUse[];
  /** When present, a report on this principal ends FAILED with this error instead. */
  readonly jobError?: { readonly code: string; readonly message: string };
}

/** What the IAM module serves. */
export interface IamSeed {
  /** By ARN. */
  readonly principals: ReadonlyMap<string, IamPrincipal>;
  /** The most services one page holds (AWS may answer fewer than MaxItems, and says IsTruncated). */
  readonly pageSize: number;
}

const SECTION = 'seed.services.iam';
/** An IAM user's or role's ARN: what GenerateServiceLastAccessedDetails is asked about here. */
export const PRINCIPAL_ARN =
  /^arn:aws[a-z-]*:iam::(\d{12}):(user|role|group|policy)\/(?:[\w+=,.@/-]+\/)?([\w+=,.@-]+)$/;
const REGION = { pattern: /^[a-z]{2}(-[a-z0-9]+)+-\d+$/, expected: 'a Region like us-east-1' };
const DEFAULT_PAGE_SIZE = 100;

/** Reads and checks the seed's `services.iam` section. */
export function readIamSeed(seed: Seed, startedAtMs: number): IamSeed {
  const section = fields(seed.services['iam'] ?? {}, SECTION, ['$comment', 'pageSize', 'principals']);
  const principals = new Map<string, IamPrincipal>();
  optionalArray(section, 'principals', SECTION).forEach((value, i) => {
    const principal = readPrincipal(value, `${SECTION}.principals[${i}]`, startedAtMs);
    if (principals.has(principal.arn))
      throw new ValidationError(`${SECTION}.principals[${i}].arn: duplicate principal ${principal.arn}`);
    principals.set(principal.arn, principal);
  });
  return { principals, pageSize: optionalInteger(section, 'pageSize', SECTION, 1, 1000) ?? DEFAULT_PAGE_SIZE };
}

function readPrincipal(value: unknown, path: string, startedAtMs: number): IamPrincipal {
  const obj = fields(value, path, ['arn', 'services', 'jobError']);
  const arn = requiredString(obj, 'arn', path, {
    pattern: /^arn:aws[a-z-]*:iam::\d{12}:(user|role)\/\S+$/,
    expected: "an IAM user's or role's ARN",
  });
  // A principal without services has no policy that allows anything.
  const services = optionalArray(obj, 'services', path).map((s, i) =>
    readService(s, `${path}.services[${i}]`, startedAtMs),
  );
  if (obj['jobError'] === undefined) return { arn, services };
  const error = fields(obj['jobError'], `${path}.jobError`, ['code', 'message']);
  return {
    arn,
    services,
    jobError: {
      code: requiredString(error, 'code', `${path}.jobError`),
      message: requiredString(error, 'message', `${path}.jobError`),
    },
  };
}

function readService(value: unknown, path: string, startedAtMs: number): ServiceUse {
  const obj = fields(value, path, ['namespace', 'name', 'lastUsedDaysAgo', 'region', 'actions']);
  const namespace = requiredString(obj, 'namespace', path, { pattern: /^[a-z0-9-]+$/, expected: 'a service prefix' });
  const name = requiredString(obj, 'name', path);
  const last = lastUse(obj, path, startedAtMs);
  const actions =
    obj['actions'] === undefined
      ? undefined
      : optionalArray(obj, 'actions', path).map((a, i) => readAction(a, `${path}.actions[${i}]`, startedAtMs));
  return { namespace, name, ...(last && { last }), ...(actions && { actions }) };
}

function readAction(value: unknown, path: string, startedAtMs: number): TrackedAction {
  const obj = fields(value, path, ['name', 'lastUsedDaysAgo', 'region']);
  const name = requiredString(obj, 'name', path, {
    pattern: /^[A-Za-z0-9]+$/,
    expected: 'an action name like GetObject',
  });
  const last = lastUse(obj, path, startedAtMs);
  return { name, ...(last && { last }) };
}

function lastUse(obj: Readonly<Record<string, unknown>>, path: string, startedAtMs: number): LastUse | undefined {
  const at = optionalAge(obj, 'lastUsedDaysAgo', path, startedAtMs);
  const region = optionalString(obj, 'region', path, REGION);
  if (at === undefined && region !== undefined)
    throw new ValidationError(`${path}.region: only something used (lastUsedDaysAgo) has a Region`);
  return at === undefined ? undefined : { at, ...(region !== undefined && { region }) };
}
