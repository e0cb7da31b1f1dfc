import type { Suggestion } from './types';
import { editDistance, maxEdits } from './distance';
import { matchesAny } from './expand';
import { compileGlob, hasWildcard } from './glob';
import { indexOfSorted, type NameIndex } from './names';

/** How many near services an unknown service part is corrected to before its action part is. */
const SERVICE_CANDIDATES = 5;

/**
 * Did-you-mean for an action or action pattern, best first. Case-insensitive; surrounding whitespace
 * is dropped and counted as edits. Returns nothing when the input already matches as typed.
 *
 * The work is bounded for per-keystroke use: a known service's action part is compared only with that
 * service's actions; an unknown service part is corrected against the ~450 prefixes, and only the few
 * nearest services' actions are compared. Only a wildcard service part (`*:GetObjekt`) compares
 * against every action, with a cheap length filter first.
 */
export function suggestActions(index: NameIndex, input: string, limit = 3): Suggestion[] {
  const text = input.trim();
  if (text === '' || limit <= 0) return [];
  const out = new Suggestions(input.length - text.length);
  if (matchesAny(index, text)) {
    if (text !== input) out.add(text, 0);
    return out.best(limit);
  }
  const colon = text.indexOf(':');
  if (colon < 0) {
    suggestForServiceOnly(index, text.toLowerCase(), out);
  } else {
    const servicePart = text.slice(0, colon);
    const service = servicePart.toLowerCase();
    const action = text.slice(colon + 1);
    if (hasWildcard(service)) {
      const glob = compileGlob(service);
      for (let s = 0; s < index.prefixes.length; s++) {
        const prefix = index.prefixes[s]!;
        if (prefix.startsWith(glob.prefix) && glob.testRest(prefix)) {
          suggestInService(index, s, action, 0, out, servicePart);
        }
      }
    } else {
      const s = indexOfSorted(index.prefixes, service);
      if (s >= 0) suggestInService(index, s, action, 0, out);
      else suggestForUnknownService(index, service, action, out);
    }
  }
  return out.best(limit);
}

/** `s3` → `s3:*`; `s4` → the nearest prefixes. */
function suggestForServiceOnly(index: NameIndex, service: string, out: Suggestions): void {
  if (hasWildcard(service)) return;
  if (indexOfSorted(index.prefixes, service) >= 0) {
    out.add(`${service}:*`, 2);
    return;
  }
  for (const { s, distance } of nearestServices(index, service)) out.add(index.prefixes[s]!, distance);
}

/**
 * `s4:GetObject`, `sss:GetObject` → `s3:GetObject`. Services that have exactly the typed action are
 * allowed a larger service distance (a service prefix is short, and the action pins down the intent);
 * otherwise the nearest services are tried with the action part corrected too.
 */
function suggestForUnknownService(index: NameIndex, service: string, action: string, out: Suggestions): void {
  const lowerAction = action.toLowerCase();
  if (lowerAction !== '' && !hasWildcard(lowerAction)) {
    const max = Math.max(2, Math.ceil(service.length / 2));
    for (let s = 0; s < index.prefixes.length; s++) {
      const a = indexOfSorted(index.lowerNames(s), lowerAction);
      if (a < 0) continue;
      const d = editDistance(service, index.prefixes[s]!, max);
      if (d <= max) out.add(`${index.prefixes[s]}:${index.names(s)[a]}`, d);
    }
  }
  for (const { s, distance } of nearestServices(index, service)) suggestInService(index, s, action, distance, out);
}

/**
 * Suggestions within service `s` for the action part, adding `base` (the edits already spent on the
 * service part). `servicePart` is what to write before the colon (the user's wildcard pattern, or the
 * canonical prefix).
 */
function suggestInService(index: NameIndex, s: number, action: string, base: number, out: Suggestions, servicePart = index.prefixes[s]!): void {
  const lower = action.toLowerCase();
  const prefix = index.prefixes[s]!;
  if (lower === '') {
    out.add(`${servicePart}:*`, base + 1);
    return;
  }
  if (hasWildcard(lower)) {
    if (base > 0 && matchesAny(index, `${prefix}:${lower}`)) out.add(`${servicePart}:${action}`, base);
    else suggestPatternInService(index, s, action, base, out, servicePart);
    return;
  }
  const lowerNames = index.lowerNames(s);
  const exact = indexOfSorted(lowerNames, lower);
  if (exact >= 0) {
    if (base > 0) out.add(`${servicePart}:${index.names(s)[exact]}`, base);
    return;
  }
  const max = maxEdits(lower.length);
  for (let a = 0; a < lowerNames.length; a++) {
    const d = editDistance(lower, lowerNames[a]!, max);
    if (d <= max) out.add(`${servicePart}:${index.names(s)[a]}`, base + d);
  }
}

/**
 * `s3:GetObjekt*` → `s3:GetObject*`: correct the literal text before the first wildcard against the
 * beginnings of the service's action names, keep the rest of the pattern, and keep only corrections
 * that then match something.
 */
function suggestPatternInService(index: NameIndex, s: number, action: string, base: number, out: Suggestions, servicePart: string): void {
  const first = action.search(/[*?]/);
  const literal = action.slice(0, first).toLowerCase();
  const rest = action.slice(first);
  if (literal === '') return;
  const max = maxEdits(literal.length);
  const tried = new Set<string>();
  const lowerNames = index.lowerNames(s);
  for (let a = 0; a < lowerNames.length; a++) {
    for (let k = Math.max(1, literal.length - max); k <= literal.length + max; k++) {
      const head = lowerNames[a]!.slice(0, k);
      if (head.length < k || tried.has(head)) continue;
      tried.add(head);
      const d = editDistance(literal, head, max);
      const candidate = index.names(s)[a]!.slice(0, k) + rest;
      if (d > 0 && d <= max && matchesAny(index, `${index.prefixes[s]}:${candidate}`)) out.add(`${servicePart}:${candidate}`, base + d);
    }
  }
}

/** The services nearest to an unknown prefix, within the typo allowance for its length. */
function nearestServices(index: NameIndex, service: string): { s: number; distance: number }[] {
  const max = maxEdits(service.length);
  const found = [];
  for (let s = 0; s < index.prefixes.length; s++) {
    const distance = editDistance(service, index.prefixes[s]!, max);
    if (distance <= max) found.push({ s, distance });
  }
  found.sort((x, y) => x.distance - y.distance || x.s - y.s);
  return found.slice(0, SERVICE_CANDIDATES);
}

/** Collects suggestions, keeping the smallest distance per (case-insensitive) value. */
class Suggestions {
  private readonly byValue = new Map<string, Suggestion>();

  /** `extra` edits apply to every suggestion (the whitespace trimmed from the input). */
  constructor(private readonly extra: number) {}

  add(value: string, distance: number): void {
    const key = value.toLowerCase();
    const known = this.byValue.get(key);
    if (known === undefined || distance + this.extra < known.distance) this.byValue.set(key, { value, distance: distance + this.extra });
  }

  best(limit: number): Suggestion[] {
    return [...this.byValue.values()]
      .sort((a, b) => a.distance - b.distance || compare(a.value.toLowerCase(), b.value.toLowerCase()))
      .slice(0, limit);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
