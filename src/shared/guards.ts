/**
 * Run-time checks of data that crossed a boundary (a webview's message, a command's argument, state a
 * webview saved), built from small guards. `shape<T>` wants a guard for every key of T, so a field added
 * to a type and forgotten here fails the build.
 */

export type Guard<T> = (value: unknown) => value is T;

export const isString: Guard<string> = (value): value is string => typeof value === 'string';
export const isBoolean: Guard<boolean> = (value): value is boolean => typeof value === 'boolean';
export const isNumber: Guard<number> = (value): value is number => typeof value === 'number' && Number.isFinite(value);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optional<T>(guard: Guard<T>): Guard<T | undefined> {
  return (value): value is T | undefined => value === undefined || guard(value);
}

export function arrayOf<T>(guard: Guard<T>): Guard<T[]> {
  return (value): value is T[] => Array.isArray(value) && value.every((item) => guard(item));
}

export function oneOf<const T extends string>(...values: readonly T[]): Guard<T> {
  return (value): value is T => typeof value === 'string' && (values as readonly string[]).includes(value);
}

/** A string of at most `max` characters (titles and filters a page or a link may send). */
export function shortString(max: number): Guard<string> {
  return (value): value is string => typeof value === 'string' && value.length <= max;
}

/** An object whose every listed field passes its guard; fields not listed are let through unread. */
export function shape<T>(fields: { readonly [K in keyof T]-?: Guard<T[K]> }): Guard<T> {
  const entries = Object.entries(fields) as [string, Guard<unknown>][];
  return (value): value is T => isRecord(value) && entries.every(([key, guard]) => guard(value[key]));
}
