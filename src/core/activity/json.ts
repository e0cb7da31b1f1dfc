/** Reading untyped JSON (a CloudTrail record parsed from someone else's file) without trusting its shape. */

export type JsonObject = Readonly<Record<string, unknown>>;

/** The value as an object, or undefined for null, arrays and scalars. */
export function objectOf(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** A non-empty string, or undefined: CloudTrail writes "" for absent values (accessKeyId of a console session). */
export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * A copy of the object without its undefined fields, so the result holds only what was recorded. A plain
 * loop: it runs a few times per event of a log file, where entries/filter/fromEntries cost microseconds.
 */
export function compact<T extends object>(value: T): T {
  const copy: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  for (const key in source) {
    const field = source[key];
    if (field !== undefined) copy[key] = field;
  }
  return copy as T;
}

/** A value quoted for a message, cut short: a reason must stay readable whatever the record holds. */
export function quoted(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : describeType(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function describeType(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/** `table[key]` when the table itself holds the key: an event named "constructor" must not find Object's. */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
