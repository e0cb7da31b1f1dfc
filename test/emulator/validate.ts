/**
 * Small shape checks for hand-written JSON (seed files, faults posted to the control endpoint).
 * Every failure names the field by its path, so a typo in a seed file is found from the message.
 */

/** A value that does not have the expected shape; the message starts with the field's path. */
export class ValidationError extends Error {
  override name = 'ValidationError';
}

/** A JSON object read field by field. */
export type Fields = Readonly<Record<string, unknown>>;

function fail(path: string, expected: string, got: unknown): never {
  throw new ValidationError(`${path}: expected ${expected}, got ${describe(got)}`);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : JSON.stringify(value);
}

/** The value as an object whose keys are all in `allowed` (unknown keys are usually typos); any keys when `allowed` is absent. */
export function fields(value: unknown, path: string, allowed?: readonly string[]): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
  if (allowed === undefined) return value as Fields;
  const unknown = Object.keys(value).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    throw new ValidationError(`${path}: unknown field "${unknown[0]}" (known: ${allowed.join(', ')})`);
  }
  return value as Fields;
}

/** A required string field, optionally matching a pattern described by `expected`. */
export function requiredString(
  obj: Fields,
  key: string,
  path: string,
  format?: { pattern: RegExp; expected: string },
): string {
  const value = obj[key];
  const at = `${path}.${key}`;
  if (typeof value !== 'string' || value === '') fail(at, 'a non-empty string', value);
  if (format && !format.pattern.test(value)) fail(at, format.expected, value);
  return value;
}

/** An optional string field; see {@link requiredString}. */
export function optionalString(
  obj: Fields,
  key: string,
  path: string,
  format?: { pattern: RegExp; expected: string },
): string | undefined {
  return obj[key] === undefined ? undefined : requiredString(obj, key, path, format);
}

/** An optional integer field within [min, max]. */
export function optionalInteger(obj: Fields, key: string, path: string, min: number, max: number): number | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${path}.${key}`, `an integer from ${min} to ${max}`, value);
  }
  return value;
}

/** An optional number field within [min, max] (fractions allowed). */
export function optionalNumber(obj: Fields, key: string, path: string, min: number, max: number): number | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    fail(`${path}.${key}`, `a number from ${min} to ${max}`, value);
  }
  return value;
}

/** An optional boolean field. */
export function optionalBoolean(obj: Fields, key: string, path: string): boolean | undefined {
  const value = obj[key];
  if (value !== undefined && typeof value !== 'boolean') fail(`${path}.${key}`, 'true or false', value);
  return value;
}

/** An optional field that must be one of `choices`. */
export function optionalChoice<T extends string | number>(
  obj: Fields,
  key: string,
  path: string,
  choices: readonly T[],
): T | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (!choices.includes(value as T))
    fail(`${path}.${key}`, `one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`, value);
  return value as T;
}

/** An optional array field (missing reads as empty). */
export function optionalArray(obj: Fields, key: string, path: string): readonly unknown[] {
  const value = obj[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) fail(`${path}.${key}`, 'an array', value);
  return value;
}

/** A required, non-empty array field. */
export function requiredArray(obj: Fields, key: string, path: string): readonly unknown[] {
  const value = obj[key];
  if (!Array.isArray(value) || value.length === 0) fail(`${path}.${key}`, 'a non-empty array', value);
  return value;
}
