import { compileGlob } from '../catalog/glob';
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

export { hasWildcard } from '../catalog/glob';

/**
 * A matcher for an IAM wildcard pattern (`*` any run, `?` one character), on the catalog's glob
 * compiler. Case-insensitive by default (action names); ARNs are compared case-sensitively.
 */
export function globMatcher(pattern: string, caseSensitive = false): (text: string) => boolean {
  const fold = (t: string) => (caseSensitive ? t : t.toLowerCase());
  const glob = compileGlob(fold(pattern));
  return (text) => {
    const t = fold(text);
    return glob.literal ? t === glob.prefix : t.startsWith(glob.prefix) && glob.testRest(t);
  };
}
