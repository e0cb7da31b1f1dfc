/**
 * The words of an action name as its CamelCase writes them: `UpdateFunctionCode` is Update|Function|Code,
 * `DescribeDBInstances` is Describe|DB|Instances, `ListThingPrincipalsV2` is List|Thing|Principals|V|2.
 * Did-you-mean compares typed text with names word by word (suggest.ts).
 */

/** Whether a word starts at position `i` of `text`. */
function isWordStart(text: string, i: number): boolean {
  if (i === 0) return true;
  const c = text.charCodeAt(i);
  const before = text.charCodeAt(i - 1);
  if (isDigit(c)) return !isDigit(before);
  if (!isUpper(c)) return false;
  // An upper-case letter after a lower-case letter or a digit starts a word; inside a run of capitals
  // only the last one does, when a lower-case letter follows (`DBInstances` → DB|Instances).
  return !isUpper(before) || (i + 1 < text.length && isLower(text.charCodeAt(i + 1)));
}

/** The words of `text`, lower-cased. Text in one case throughout is one word. */
export function wordsOf(text: string): string[] {
  const words: string[] = [];
  let start = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || isWordStart(text, i)) {
      words.push(text.slice(start, i).toLowerCase());
      start = i;
    }
  }
  return text === '' ? [] : words;
}

/**
 * How `typed` (lower-cased words, at least one) matches `name` word by word: each typed word is one of
 * the name's words, in order, the first one at the start of the name; the last typed word may be the
 * beginning of a name word only (it may still be being typed). A typed word may span name words (`db`
 * in `DBInstances`). Returns how many of the name's words no typed word covers (`GetConfiguration` in
 * `GetFunctionConfiguration`: 1), or -1 when they do not match. `lowerName` is `name` lower-cased.
 * Each typed word takes the earliest word that fits, which leaves the most room for the rest, so a
 * match is found whenever one exists.
 */
export function missingWords(typed: readonly string[], name: string, lowerName = name.toLowerCase()): number {
  if (!fits(typed, 0, name, lowerName, 0)) return -1;
  let i = typed[0]!.length;
  let missing = 0;
  for (let w = 1; w < typed.length; w++) {
    while (i < name.length && !(isWordStart(name, i) && fits(typed, w, name, lowerName, i))) {
      if (isWordStart(name, i)) missing++;
      i++;
    }
    if (i >= name.length) return -1;
    i += typed[w]!.length;
  }
  for (; i < name.length; i++) if (isWordStart(name, i)) missing++;
  return missing;
}

/** Whether typed word `w` stands at position `i` of the name: whole, or begun if it is the last one. */
function fits(typed: readonly string[], w: number, name: string, lowerName: string, i: number): boolean {
  const word = typed[w]!;
  if (!lowerName.startsWith(word, i)) return false;
  const end = i + word.length;
  return w === typed.length - 1 || end === name.length || isWordStart(name, end);
}

/**
 * Whether typed text that `name` starts with (case-insensitively) also agrees with its capitals: where
 * a word of the name starts, after the first letter, the typed text has a capital too. Text typed in
 * one case throughout says nothing about words and always agrees.
 */
export function agreesWithWords(typed: string, name: string): boolean {
  if (typed === typed.toLowerCase() || typed === typed.toUpperCase()) return true;
  for (let i = 1; i < typed.length; i++) {
    if (isWordStart(name, i) && !isUpper(typed.charCodeAt(i)) && !isDigit(typed.charCodeAt(i))) return false;
  }
  return true;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}
