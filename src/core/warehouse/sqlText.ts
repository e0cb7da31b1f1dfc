/**
 * Values and names inside generated SQL. Nothing a user typed reaches the SQL text except through these
 * functions: a string becomes a quoted literal with `'` doubled, a LIKE pattern has its wildcards escaped
 * with `\` (and says `ESCAPE '\'`), a name becomes a double-quoted identifier with `"` doubled. Control
 * characters are refused outright: no engine needs them in a CloudTrail value, and a newline is the
 * first step of most injection tricks.
 */

/** Thrown for a value that cannot be put into SQL; the builders turn it into a reason. */
export class SqlValueError extends Error {}

const CONTROL = /[\u0000-\u001f\u007f]/;

function checked(value: string, what: string): string {
  if (CONTROL.test(value)) throw new SqlValueError(`${what} ${JSON.stringify(value)} holds a control character`);
  return value;
}

/** A string literal: `'it''s'`. */
export function literal(value: string): string {
  return `'${checked(value, 'the value').replaceAll("'", "''")}'`;
}

/** A list of literals for IN: `('a', 'b')`. */
export function literalList(values: readonly string[]): string {
  return `(${values.map(literal).join(', ')})`;
}

/** A quoted identifier: `"timestamp"`. */
export function identifier(name: string): string {
  if (name === '') throw new SqlValueError('an empty name');
  return `"${checked(name, 'the name').replaceAll('"', '""')}"`;
}

/** `text LIKE '<pattern>' ESCAPE '\'`, where `parts` are literal text and `%` wildcards between them. */
export function like(text: string, ...parts: readonly (string | typeof ANY)[]): string {
  const pattern = parts.map((part) => (part === ANY ? '%' : part.replace(/[\\%_]/g, '\\$&'))).join('');
  return `${text} LIKE ${literal(pattern)} ESCAPE '\\'`;
}

/** The `%` of a LIKE pattern, for {@link like}. */
export const ANY = Symbol('any');

/** A string as it appears inside a JSON document's quotes (so `"` and `\` are matched as JSON writes them). */
export function jsonInner(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}
