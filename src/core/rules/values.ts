import type { Statement, Value, ValueList } from '../policy/model';

/** The literal string of a value, or undefined when any part of it is unknown or it is not a string. */
export function literal(value: Value): string | undefined {
  return value.kind === 'string' && !value.parts ? value.text : undefined;
}

/** The values of an optional list element. */
export function valuesOf(element: { list: ValueList } | undefined): readonly Value[] {
  return element && !element.list.unknown ? element.list.values : [];
}

/** The literal `"*"` among the statement's Resource values, if any. */
export function starResource(statement: Statement): Value | undefined {
  return valuesOf(statement.resource).find((v) => literal(v) === '*');
}

/** The statement's Effect as written, when it is a literal. */
export function effectOf(statement: Statement): string | undefined {
  return statement.effect ? literal(statement.effect.value) : undefined;
}

/** True for statements that grant (Effect Allow, exactly). */
export function isAllow(statement: Statement): boolean {
  return effectOf(statement) === 'Allow';
}

/** True when a pattern contains IAM wildcards. */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** A case-insensitive matcher for an IAM wildcard pattern (`*` any run, `?` one character). */
export function globMatcher(pattern: string): (text: string) => boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  const re = new RegExp(`^${source}$`, 'i');
  return (text) => re.test(text);
}
