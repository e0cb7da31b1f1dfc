/**
 * Path globs of the project file (`ignore`, `suppressions[].path`), matched against paths relative to
 * the project file's folder with `/` separators. Deliberately small, with gitignore's two conveniences:
 * - a pattern without a `/` (other than a trailing one) matches a name at any depth (`*.generated.json`);
 * - a pattern that matches a folder matches everything under it (`vendor`, `build/`).
 * `*` and `?` stay within one path segment, `**` spans segments, `{a,b}` is either.
 */
export type PathMatcher = (relativePath: string) => boolean;

export function compilePathGlob(pattern: string): PathMatcher {
  let p = pattern.trim().split('\\').join('/');
  if (p.startsWith('./')) p = p.slice(2);
  const anchored = p.startsWith('/');
  if (anchored) p = p.slice(1);
  if (p.endsWith('/')) p = p.slice(0, -1);
  if (!anchored && !p.includes('/')) p = `**/${p}`;
  const re = new RegExp(`^${translate(p)}(?:/.*)?$`);
  return (relativePath) => re.test(relativePath.split('\\').join('/'));
}

function translate(p: string): string {
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*' && p[i + 1] === '*' && (i === 0 || p[i - 1] === '/') && (i + 2 === p.length || p[i + 2] === '/')) {
      // `**/` is zero or more whole segments; a final `**` is anything.
      if (p[i + 2] === '/') {
        re += '(?:[^/]*/)*';
        i += 2;
      } else {
        re += '.*';
        i += 1;
      }
    } else if (c === '*') {
      while (p[i + 1] === '*') i++;
      re += '[^/]*';
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '{' && p.indexOf('}', i) > i) {
      const close = p.indexOf('}', i);
      re += `(?:${p
        .slice(i + 1, close)
        .split(',')
        .map(translate)
        .join('|')})`;
      i = close;
    } else {
      re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
    }
  }
  return re;
}
