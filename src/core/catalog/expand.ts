import { compileGlob, type Glob } from './glob';
import { indexOfSorted, lowerBound, type NameIndex } from './names';

/** Receives each match; returning `false` stops the search. */
export type MatchVisitor = (service: number, action: number) => boolean | void;

/**
 * Calls `visit(service, action)` for every action an IAM action pattern matches, in catalog order
 * (service prefix, then case-insensitive action name). IAM semantics: case-insensitive, `*` and `?`
 * allowed in both the service and the action part, and `*` alone is every action. Returns false,
 * visiting nothing, when the pattern is malformed (no colon, an empty part); it never throws.
 * Whitespace is not trimmed: IAM does not trim it either, so `" s3:GetObject"` matches nothing.
 */
export function forEachMatch(index: NameIndex, pattern: string, visit: MatchVisitor): boolean {
  const lower = pattern.toLowerCase();
  if (lower === '*') {
    const all = compileGlob('*');
    forEachInRange(index.prefixes, all, (s) => forEachInRange(index.lowerNames(s), all, (a) => visit(s, a)));
    return true;
  }
  const colon = lower.indexOf(':');
  if (colon <= 0 || colon === lower.length - 1) return false;
  const serviceGlob = compileGlob(lower.slice(0, colon));
  const actionGlob = compileGlob(lower.slice(colon + 1));
  forEachInRange(index.prefixes, serviceGlob, (s) =>
    forEachInRange(index.lowerNames(s), actionGlob, (a) => visit(s, a)),
  );
  return true;
}

/** Whether the pattern matches at least one action (stops at the first). */
export function matchesAny(index: NameIndex, pattern: string): boolean {
  let found = false;
  forEachMatch(index, pattern, () => {
    found = true;
    return false;
  });
  return found;
}

/**
 * Visits the positions of a sorted list that a glob matches, searching only the range of names that
 * start with its literal prefix. Returns false when a visitor asked to stop.
 */
function forEachInRange(sorted: readonly string[], glob: Glob, visit: (i: number) => boolean | void): boolean {
  if (glob.literal) {
    const i = indexOfSorted(sorted, glob.prefix);
    return i < 0 || visit(i) !== false;
  }
  for (let i = glob.prefix === '' ? 0 : lowerBound(sorted, glob.prefix); i < sorted.length; i++) {
    const name = sorted[i]!;
    if (!name.startsWith(glob.prefix)) break;
    if (glob.testRest(name) && visit(i) === false) return false;
  }
  return true;
}
