import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { ACCESS_LEVELS } from './types';
import { FORMAT_VERSION, type CatalogFile, type ServiceRow } from './format';

/** Why a catalog could not be loaded. */
export type CatalogLoadFailure = 'missing' | 'unreadable' | 'not-json' | 'wrong-version' | 'wrong-shape';

/** The catalog file is missing, unreadable, not JSON, of another format version, or malformed. */
export class CatalogLoadError extends Error {
  override readonly name = 'CatalogLoadError';

  constructor(
    /** The file (or `<data>` for in-memory data) that failed to load. */
    readonly file: string,
    readonly reason: CatalogLoadFailure,
    detail: string,
  ) {
    super(`Loading the IAM catalog from ${file} failed: ${detail}`);
  }
}

/** Reads and validates a catalog file; throws CatalogLoadError naming the file and the problem. */
export function readCatalogFile(file: string): CatalogFile {
  let text: string;
  try {
    const bytes = readFileSync(file);
    // The build escapes every non-ASCII character, and ASCII decodes fastest as Latin-1 (a plain copy
    // into a one-byte string); anything else is decoded as the UTF-8 JSON must be.
    text = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new CatalogLoadError(file, 'missing', 'the file does not exist (run `npm run build:catalog`).');
    }
    throw new CatalogLoadError(file, 'unreadable', `the file cannot be read (${code ?? String(error)}).`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CatalogLoadError(file, 'not-json', `the file is not valid JSON (${(error as Error).message}).`);
  }
  return validateCatalogData(data, file);
}

/**
 * Checks that `data` has the layout of format.ts: every field's type, every index's range. It does not
 * count the entries of each service's joined action columns: that would cost more than the rest of the
 * load (66,000 separator searches in code that has not been optimised yet), so columns.ts checks the
 * counts when it splits a column, and the `refs` entries are decoded defensively.
 */
export function validateCatalogData(data: unknown, file = '<data>'): CatalogFile {
  const fail = (what: string): never => {
    throw new CatalogLoadError(file, 'wrong-shape', `${what}.`);
  };
  if (!isRecord(data)) return fail('the top level is not an object');
  if (data.formatVersion !== FORMAT_VERSION) {
    throw new CatalogLoadError(
      file,
      'wrong-version',
      `formatVersion is ${JSON.stringify(data.formatVersion)}, this version of CloudWarden reads ${FORMAT_VERSION} (rebuild it with \`npm run build:catalog -- --force\`).`,
    );
  }
  if (typeof data.dataDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(data.dataDate))
    fail('dataDate is not a YYYY-MM-DD date');
  if (typeof data.sourcePackage !== 'string') fail('sourcePackage is not a string');
  if (typeof data.sourceVersion !== 'string') fail('sourceVersion is not a string');
  if (!sameStrings(data.accessLevels, ACCESS_LEVELS)) fail(`accessLevels is not ${JSON.stringify(ACCESS_LEVELS)}`);
  if (!isStringArray(data.conditionKeyTypes)) fail('conditionKeyTypes is not an array of strings');
  if (typeof data.descriptionLeadIn !== 'string') fail('descriptionLeadIn is not a string');

  const keys = data.conditionKeys;
  if (!isRecord(keys) || !isStringArray(keys.names)) return fail('conditionKeys.names is not an array of strings');
  const keyCount = keys.names.length;
  if (!isIndexArray(keys.types, (data.conditionKeyTypes as string[]).length) || keys.types.length !== keyCount) {
    fail('conditionKeys.types does not hold one valid type index per key');
  }
  if (!isStringArray(keys.descriptions) || keys.descriptions.length !== keyCount)
    fail('conditionKeys.descriptions does not hold one string per key');
  if (!isIntArray(keys.owners) || keys.owners.length !== keyCount)
    fail('conditionKeys.owners does not hold one number per key');
  if (!isIndexArray(data.globalConditionKeys, keyCount))
    fail('globalConditionKeys is not an array of condition key indices');

  if (!Array.isArray(data.services) || data.services.length === 0) return fail('services is not a non-empty array');
  const services = data.services as unknown[];
  for (let i = 0; i < services.length; i++) {
    validateService(services[i], i, keyCount, fail);
    // Look-ups binary-search the prefixes, so their order is part of the format.
    if (i > 0 && !((services[i - 1] as ServiceRow)[0].toLowerCase() < (services[i] as ServiceRow)[0].toLowerCase())) {
      fail(`services[${i}] (${(services[i] as ServiceRow)[0]}) is out of prefix order`);
    }
  }
  const owners = keys.owners as number[];
  for (let k = 0; k < owners.length; k++) {
    if (owners[k]! < -1 || owners[k]! >= services.length)
      fail(`conditionKeys.owners[${k}] is not -1 or a service index`);
  }
  return data as unknown as CatalogFile;
}

function validateService(
  row: unknown,
  i: number,
  keyCount: number,
  fail: (what: string) => never,
): asserts row is ServiceRow {
  const where = `services[${i}]`;
  if (!Array.isArray(row) || row.length !== 9) fail(`${where} is not a 9-element array`);
  const [prefix, name, docsUrl, names, levels, descriptions, refs, resourceTypes, conditionKeys] = row as unknown[];
  if (typeof prefix !== 'string' || prefix === '' || typeof name !== 'string' || typeof docsUrl !== 'string') {
    fail(`${where} has no prefix, name or docsUrl`);
  }
  if (typeof levels !== 'string' || !/^[0-4]*$/.test(levels))
    fail(`${where} (${prefix}) levels are not access-level digits`);
  if (typeof names !== 'string' || typeof descriptions !== 'string' || typeof refs !== 'string')
    fail(`${where} (${prefix}) action columns are not strings`);
  if (!Array.isArray(resourceTypes)) return fail(`${where} (${prefix}) resourceTypes is not an array`);
  for (let r = 0; r < resourceTypes.length; r++) {
    const rt: unknown = resourceTypes[r];
    if (
      !Array.isArray(rt) ||
      typeof rt[0] !== 'string' ||
      typeof rt[1] !== 'string' ||
      !isIndexArray(rt[2], keyCount)
    ) {
      fail(`${where} (${prefix}) has a malformed resource type`);
    }
  }
  if (!isIndexArray(conditionKeys, keyCount)) fail(`${where} (${prefix}) conditionKeys are not condition key indices`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Plain loops rather than every(): this runs once, before the JIT has optimised anything, where a
// callback per element costs several times more.
function isStringArray(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
  return true;
}

function isIntArray(value: unknown): value is number[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!Number.isInteger(value[i])) return false;
  return true;
}

function isIndexArray(value: unknown, size: number): value is number[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= size) return false;
  }
  return true;
}

function sameStrings(value: unknown, expected: readonly string[]): boolean {
  return Array.isArray(value) && value.length === expected.length && value.every((v, i) => v === expected[i]);
}
