import type { Suggestion } from './types';
import { editDistance, maxEdits } from './distance';
import { matchesAny } from './expand';
import { compileGlob, hasWildcard } from './glob';
import { indexOfSorted, lowerBound, type NameIndex } from './names';
import { agreesWithWords, missingWords, wordsOf } from './words';

/** How many near services an unknown service part is corrected to before its action part is. */
const SERVICE_CANDIDATES = 5;

/**
 * How a suggested action relates to the typed action part, best first. Within a service the kinds
 * rank in this order whatever their edit distance: what was typed is more telling than how many
 * letters differ (`lambda:UpdateFunction` is the start of `UpdateFunctionCode`, four letters away,
 * not a misspelling of `CreateFunction`, three letters away).
 */
const enum Kind {
  /** The typed name exactly, in another service than the one typed (`s4:GetObject` → `s3:GetObject`). */
  Exact = 0,
  /** A name that starts with the typed text: the user has not finished typing it. */
  Completion = 1,
  /** A name one slip away: a letter missing, extra, wrong, or two letters swapped. */
  OneSlip = 2,
  /**
   * A name that has the typed words, in order, and words that were not typed; the last typed word may
   * be begun only (`lambda:GetConfiguration` → `GetFunctionConfiguration`). After one slip, because a
   * word left out is a bigger change than a letter (`ListBuildForProject` is `ListBuildsForProject`
   * before it is `ListBuildBatchesForProject`).
   */
  Words = 3,
  /** A name within the typo allowance of the typed text (edit distance), beyond one slip. */
  NearEdit = 4,
  /**
   * A name that starts with the typed text but not with its words: `iam:Getser` begins
   * `GetServerCertificate`, but its lower-case `s` says the `S` of `GetUser` is missing.
   */
  CaseDisagreeingCompletion = 5,
}

/**
 * Did-you-mean for an action or action pattern, best first. Case-insensitive; surrounding whitespace
 * is dropped and counted as edits. Returns nothing when the input already matches as typed.
 *
 * Ranking (see Kind): a corrected service part first by how far it is from the typed one; then the
 * action part: completions of the typed text (the fewest letters still missing first); names one slip
 * away; names that have the typed CamelCase words with words left out (the fewest left out first);
 * names within a few edits; last, completions whose word starts the typed capitals contradict. Near
 * edits of the same distance are ordered by how much of the typed text they keep at both ends (a
 * missing letter before a wrong one), then by shared words, then by the shared beginning.
 * `distance` is the edit distance of each suggestion; it only grows from one suggestion to the next
 * among near edits.
 *
 * The work is bounded for per-keystroke use: a known service's action part is compared only with that
 * service's actions (completions are found by binary search, words and edits in one pass over its
 * names); an unknown service part is corrected against the ~450 prefixes, and only the few nearest
 * services' actions are compared. Only a wildcard service part (`*:GetObjekt`) or a missing one
 * (`:GetObject`, `GetObject`) looks at every service.
 */
export function suggestActions(index: NameIndex, input: string, limit = 3): Suggestion[] {
  const text = input.trim();
  if (text === '' || limit <= 0) return [];
  const out = new Suggestions(input.length - text.length);
  if (matchesAny(index, text)) {
    if (text !== input) out.add(text, 0, [0]);
    return out.best(limit);
  }
  const colon = text.indexOf(':');
  if (colon < 0) {
    suggestForServiceOnly(index, text, out);
  } else {
    const servicePart = text.slice(0, colon);
    const service = servicePart.toLowerCase();
    const action = text.slice(colon + 1);
    if (service === '') {
      suggestMissingService(index, action, out);
    } else if (hasWildcard(service)) {
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

/** `s3` → `s3:*`; `s4` → the nearest prefixes; `GetObject` → the actions of that name (`s3:GetObject`). */
function suggestForServiceOnly(index: NameIndex, text: string, out: Suggestions): void {
  const service = text.toLowerCase();
  if (hasWildcard(service)) return;
  if (indexOfSorted(index.prefixes, service) >= 0) {
    out.add(`${service}:*`, 2, [0, Kind.Completion, 2]);
    return;
  }
  for (const { s, distance } of nearestServices(index, service))
    out.add(index.prefixes[s]!, distance, [distance, Kind.OneSlip, distance]);
  suggestMissingService(index, text, out);
}

/**
 * `:GetObject`, `GetObject` → every service's action of exactly that name, the shortest prefix first
 * (the edits are the prefix and its colon).
 */
function suggestMissingService(index: NameIndex, action: string, out: Suggestions): void {
  const lower = action.toLowerCase();
  if (lower === '' || hasWildcard(lower)) return;
  for (let s = 0; s < index.prefixes.length; s++) {
    const a = indexOfSorted(index.lowerNames(s), lower);
    if (a < 0) continue;
    const edits = index.prefixes[s]!.length + 1;
    out.add(`${index.prefixes[s]}:${index.names(s)[a]}`, edits, [edits, Kind.Exact]);
  }
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
      if (d <= max) out.add(`${index.prefixes[s]}:${index.names(s)[a]}`, d, [d, Kind.Exact]);
    }
  }
  for (const { s, distance } of nearestServices(index, service)) suggestInService(index, s, action, distance, out);
}

/**
 * Suggestions within service `s` for the action part, adding `base` (the edits already spent on the
 * service part). `servicePart` is what to write before the colon (the user's wildcard pattern, or the
 * canonical prefix).
 */
function suggestInService(
  index: NameIndex,
  s: number,
  action: string,
  base: number,
  out: Suggestions,
  servicePart = index.prefixes[s]!,
): void {
  const lower = action.toLowerCase();
  const prefix = index.prefixes[s]!;
  if (lower === '') {
    out.add(`${servicePart}:*`, base + 1, [base, Kind.Completion, 1]);
    return;
  }
  if (hasWildcard(lower)) {
    if (base > 0 && matchesAny(index, `${prefix}:${lower}`))
      out.add(`${servicePart}:${action}`, base, [base, Kind.Exact]);
    else suggestPatternInService(index, s, action, base, out, servicePart);
    return;
  }
  const lowerNames = index.lowerNames(s);
  const names = index.names(s);
  const exact = indexOfSorted(lowerNames, lower);
  if (exact >= 0) {
    if (base > 0) out.add(`${servicePart}:${names[exact]}`, base, [base, Kind.Exact]);
    return;
  }
  // Completions: the sorted names that start with the typed text are one range.
  for (let a = lowerBound(lowerNames, lower); a < lowerNames.length && lowerNames[a]!.startsWith(lower); a++) {
    const missing = lowerNames[a]!.length - lower.length;
    const kind = agreesWithWords(action, names[a]!) ? Kind.Completion : Kind.CaseDisagreeingCompletion;
    out.add(`${servicePart}:${names[a]}`, base + missing, [base, kind, missing]);
  }
  const typedWords = wordsOf(action);
  const max = maxEdits(lower.length);
  for (let a = 0; a < lowerNames.length; a++) {
    const name = lowerNames[a]!;
    // Completions were added above, with a better rank.
    if (typedWords.length >= 2 && name.length > lower.length && hasAll(name, typedWords) && !name.startsWith(lower)) {
      const left = missingWords(typedWords, names[a]!, name);
      if (left >= 0) {
        const d = editDistance(lower, name);
        out.add(
          `${servicePart}:${names[a]}`,
          base + d,
          d <= 1 ? nearEditKey(base, d, action, typedWords, names[a]!) : [base, Kind.Words, left, d],
        );
        continue;
      }
    }
    const d = editDistance(lower, name, max);
    if (d <= max) out.add(`${servicePart}:${names[a]}`, base + d, nearEditKey(base, d, action, typedWords, names[a]!));
  }
}

/**
 * The rank of a near edit: edit distance, then (on a tie) how much of the typed text the name keeps at
 * its two ends, so that a missing letter (`Listlots` → `ListSlots`) comes before a wrong one
 * (`ListBots`); then the same with case, so that `Ecrypt` is `Encrypt` and `ecrypt` is `Decrypt`;
 * then how many typed words the name has whole; then how long a beginning they share.
 */
function nearEditKey(base: number, d: number, typed: string, typedWords: readonly string[], name: string): number[] {
  const lower = typed.toLowerCase();
  const lowerName = name.toLowerCase();
  const nameWords = typedWords.length > 1 ? wordsOf(name) : [];
  const shared = typedWords.filter((w) => nameWords.includes(w)).length;
  const head = commonPrefix(lower, lowerName);
  return [base, d <= 1 ? Kind.OneSlip : Kind.NearEdit, d, -kept(lower, lowerName), -kept(typed, name), -shared, -head];
}

/** How many letters of `a` are kept, as they are, at the beginning and the end of `b`. */
function kept(a: string, b: string): number {
  const head = commonPrefix(a, b);
  return head + Math.min(commonSuffix(a, b), Math.min(a.length, b.length) - head);
}

/**
 * `s3:GetObjekt*` → `s3:GetObject*`: correct the literal text before the first wildcard against the
 * beginnings of the service's action names, keep the rest of the pattern, and keep only corrections
 * that then match something.
 */
function suggestPatternInService(
  index: NameIndex,
  s: number,
  action: string,
  base: number,
  out: Suggestions,
  servicePart: string,
): void {
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
      if (d > 0 && d <= max && matchesAny(index, `${index.prefixes[s]}:${candidate}`)) {
        // On a tie, a correction as long as what was typed (`Gte*` → `Get*`, not `Ge*`), then the longest shared beginning.
        out.add(`${servicePart}:${candidate}`, base + d, [
          base,
          d <= 1 ? Kind.OneSlip : Kind.NearEdit,
          d,
          Math.abs(k - literal.length),
          -commonPrefix(literal, head),
        ]);
      }
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

/** A quick filter before matching words: the name starts with the first typed word and contains every other. */
function hasAll(name: string, typedWords: readonly string[]): boolean {
  if (!name.startsWith(typedWords[0]!)) return false;
  for (let w = 1; w < typedWords.length; w++) if (!name.includes(typedWords[w]!, typedWords[0]!.length)) return false;
  return true;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

interface Ranked extends Suggestion {
  /** Compared element by element, smaller first; a shorter key is padded with zeros. */
  readonly rank: readonly number[];
}

/** Collects suggestions, keeping the best rank per (case-insensitive) value. */
class Suggestions {
  private readonly byValue = new Map<string, Ranked>();

  /** `extra` edits apply to every suggestion (the whitespace trimmed from the input). */
  constructor(private readonly extra: number) {}

  add(value: string, distance: number, rank: readonly number[]): void {
    const key = value.toLowerCase();
    const known = this.byValue.get(key);
    if (known === undefined || compareRanks(rank, known.rank) < 0)
      this.byValue.set(key, { value, distance: distance + this.extra, rank });
  }

  best(limit: number): Suggestion[] {
    return [...this.byValue.values()]
      .sort((a, b) => compareRanks(a.rank, b.rank) || compare(a.value.toLowerCase(), b.value.toLowerCase()))
      .slice(0, limit)
      .map(({ value, distance }) => ({ value, distance }));
  }
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
