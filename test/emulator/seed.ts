/**
 * The seed: the accounts, credentials and (later) per-service data the emulator starts from,
 * usually a JSON file under `test/fixtures/emulator/`. It is checked on load so that a mistake
 * shows as a message naming the field rather than as a puzzling signature failure later.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Fault, parseFault } from './faults';
import {
  type Fields,
  fields,
  optionalArray,
  optionalBoolean,
  optionalString,
  requiredArray,
  requiredString,
  ValidationError,
} from './validate';

/** An AWS account the seeded identities belong to. */
interface SeedAccount {
  /** The 12-digit account id. */
  readonly id: string;
  readonly alias?: string;
}

/** An access key the emulator accepts, and the identity it authenticates as. */
export interface SeedCredential {
  /** `AKIA…` for a long-term key, `ASIA…` for a session (which needs `sessionToken`). */
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Required as `X-Amz-Security-Token` on every request signed with this key. */
  readonly sessionToken?: string;
  /** ISO 8601; requests after it fail with `ExpiredToken`. */
  readonly expiresAt?: string;
  /** The caller's ARN as STS reports it (`arn:aws:iam::…:user/…` or `arn:aws:sts::…:assumed-role/…`). */
  readonly arn: string;
  /** The caller's unique id as STS reports it (`AIDA…`, or `AROA…:session` for a role session). */
  readonly userId: string;
  /** The account id; must be one of the seed's accounts and the ARN's account. */
  readonly account: string;
}

/** A validated seed. */
export interface Seed {
  readonly accounts: readonly SeedAccount[];
  readonly credentials: readonly SeedCredential[];
  /** Faults active from the start. */
  readonly faults: readonly Fault[];
  /** Whether AWS's documented request rates are enforced (CloudTrail LookupEvents: 2 a second); on by default. */
  readonly throttling: boolean;
  /**
   * Per-service data by service id (`cloudtrail`, `kms`, …). Each service module reads and checks
   * its own section when it is added; the seed only requires an object per service.
   */
  readonly services: Readonly<Record<string, Fields>>;
}

/** A seed as written: `faults`, `throttling` and `services` may be left out. */
export type SeedInput = Omit<Seed, 'faults' | 'throttling' | 'services'> &
  Partial<Pick<Seed, 'faults' | 'throttling' | 'services'>>;

const ACCOUNT_ID = { pattern: /^\d{12}$/, expected: 'a 12-digit account id' };
const ACCESS_KEY_ID = {
  pattern: /^(AKIA|ASIA)[A-Z0-9]{16}$/,
  expected: 'an access key id like AKIA… or ASIA… (20 characters)',
};
const PRINCIPAL_ARN = { pattern: /^arn:aws[a-z-]*:(iam|sts)::\d{12}:\S+$/, expected: 'an IAM or STS principal ARN' };

/** Checks a parsed JSON value and returns it as a seed; `source` prefixes every error message. */
export function parseSeed(value: unknown, source = 'seed'): Seed {
  const top = fields(value, source, ['$comment', 'accounts', 'credentials', 'faults', 'throttling', 'services']);
  const accounts = requiredArray(top, 'accounts', source).map((a, i) => parseAccount(a, `${source}.accounts[${i}]`));
  const accountIds = new Set<string>();
  accounts.forEach((a, i) => {
    if (accountIds.has(a.id)) throw new ValidationError(`${source}.accounts[${i}].id: duplicate account ${a.id}`);
    accountIds.add(a.id);
  });
  const credentials = requiredArray(top, 'credentials', source).map((c, i) =>
    parseCredential(c, `${source}.credentials[${i}]`, accountIds),
  );
  const keys = new Set<string>();
  credentials.forEach((c, i) => {
    if (keys.has(c.accessKeyId))
      throw new ValidationError(`${source}.credentials[${i}].accessKeyId: duplicate key ${c.accessKeyId}`);
    keys.add(c.accessKeyId);
  });
  const faults = optionalArray(top, 'faults', source).map((f, i) => parseFault(f, `${source}.faults[${i}]`));
  const throttling = optionalBoolean(top, 'throttling', source) ?? true;
  return { accounts, credentials, faults, throttling, services: parseServices(top, source) };
}

function parseAccount(value: unknown, path: string): SeedAccount {
  const obj = fields(value, path, ['id', 'alias']);
  const alias = optionalString(obj, 'alias', path, {
    pattern: /^[a-z0-9](-?[a-z0-9])*$/,
    expected: 'an account alias (lower-case letters, digits, hyphens)',
  });
  const id = requiredString(obj, 'id', path, ACCOUNT_ID);
  return alias === undefined ? { id } : { id, alias };
}

function parseCredential(value: unknown, path: string, accounts: ReadonlySet<string>): SeedCredential {
  const obj = fields(value, path, [
    'accessKeyId',
    'secretAccessKey',
    'sessionToken',
    'expiresAt',
    'arn',
    'userId',
    'account',
  ]);
  const accessKeyId = requiredString(obj, 'accessKeyId', path, ACCESS_KEY_ID);
  const secretAccessKey = requiredString(obj, 'secretAccessKey', path);
  const sessionToken = optionalString(obj, 'sessionToken', path);
  // AWS issues ASIA keys only with a session token and AKIA keys only without one.
  if (accessKeyId.startsWith('ASIA') !== (sessionToken !== undefined)) {
    throw new ValidationError(
      `${path}.sessionToken: ${sessionToken === undefined ? 'required for a session key (ASIA…)' : 'a long-term key (AKIA…) has no session token'}`,
    );
  }
  const expiresAt = optionalString(obj, 'expiresAt', path, {
    pattern: /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/,
    expected: 'an ISO 8601 date-time with a zone',
  });
  if (expiresAt !== undefined && Number.isNaN(Date.parse(expiresAt)))
    throw new ValidationError(`${path}.expiresAt: not a valid date: ${expiresAt}`);
  const arn = requiredString(obj, 'arn', path, PRINCIPAL_ARN);
  const userId = requiredString(obj, 'userId', path);
  const account = requiredString(obj, 'account', path, ACCOUNT_ID);
  if (!accounts.has(account)) throw new ValidationError(`${path}.account: ${account} is not in accounts`);
  if (arn.split(':')[4] !== account) throw new ValidationError(`${path}.arn: the ARN's account is not ${account}`);
  const credential: SeedCredential = { accessKeyId, secretAccessKey, arn, userId, account };
  return {
    ...credential,
    ...(sessionToken === undefined ? {} : { sessionToken }),
    ...(expiresAt === undefined ? {} : { expiresAt }),
  };
}

function parseServices(top: Fields, source: string): Record<string, Fields> {
  const raw = top['services'];
  if (raw === undefined) return {};
  const out: Record<string, Fields> = {};
  for (const [id, data] of Object.entries(fields(raw, `${source}.services`)))
    out[id] = fields(data, `${source}.services.${id}`);
  return out;
}

/** Reads and checks a seed file; errors name the file and the field. */
export function readSeedFile(file: string): Seed {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ValidationError(`${file}: cannot read the seed file (${(e as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ValidationError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  return parseSeed(value, file);
}

/** A seed given as an object (checked here) or as a path to a JSON file. */
export function loadSeed(seed: SeedInput | string): Seed {
  return typeof seed === 'string' ? readSeedFile(seed) : parseSeed(seed);
}

/** Where the default seed lives, relative to the project root. */
const DEFAULT_SEED_PATH = join('test', 'fixtures', 'emulator', 'seed.json');

/**
 * The project's default seed file. Searched upwards from this module and from the working directory,
 * because this module is bundled into several places under `out/`.
 */
export function findDefaultSeedFile(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = resolve(start); ; dir = dirname(dir)) {
      const candidate = join(dir, DEFAULT_SEED_PATH);
      if (existsSync(candidate)) return candidate;
      if (dirname(dir) === dir) break;
    }
  }
  throw new ValidationError(`no seed given and ${DEFAULT_SEED_PATH} not found above ${__dirname} or ${process.cwd()}`);
}

/** The credential with this access key id, if the seed has one. */
export function findCredential(seed: Seed, accessKeyId: string): SeedCredential | undefined {
  return seed.credentials.find((c) => c.accessKeyId === accessKeyId);
}
