/** True when the text contains an IAM wildcard (`*` or `?`). */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

/** A compiled IAM wildcard pattern over lowercase names. */
export interface Glob {
  /** No wildcards: the pattern only matches itself. */
  readonly literal: boolean;
  /** The text before the first wildcard; every match starts with it. */
  readonly prefix: string;
  /** Whether a name that starts with `prefix` matches (callers narrow to the prefix range first). */
  readonly testRest: (name: string) => boolean;
}

const always = (): boolean => true;

/**
 * Compiles a lowercase IAM pattern: `*` matches any run of characters, `?` exactly one, everything
 * else itself (regular-expression metacharacters are escaped, so `get.*` matches nothing). The
 * RegExp is built once per pattern; a trailing-`*`-only pattern needs no RegExp at all, since the
 * prefix range already decides it.
 */
export function compileGlob(pattern: string): Glob {
  const first = pattern.search(/[*?]/);
  if (first < 0) return { literal: true, prefix: pattern, testRest: always };
  const prefix = pattern.slice(0, first);
  if (first === pattern.length - 1 && pattern.endsWith('*')) return { literal: false, prefix, testRest: always };
  let source = '^';
  for (const ch of pattern) {
    if (ch === '*') source += '.*';
    else if (ch === '?') source += '.';
    else source += ch.replace(/[\\^$.|+()[\]{}*?/-]/g, '\\$&');
  }
  const regex = new RegExp(source + '$', 's');
  return { literal: false, prefix, testRest: (name) => regex.test(name) };
}
