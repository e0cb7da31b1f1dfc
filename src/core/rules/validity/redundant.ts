import type { Value } from '../../policy/model';
import type { Rule, RuleContext } from '../types';
import { removeListItem } from '../edits';
import { globMatcher, hasWildcard, literal } from '../../policy/values';
import { GlobIndex } from '../../catalog/globIndex';

/** A wildcard entry of a list: the first index of its text, and the text as written. */
interface Wide {
  readonly index: number;
  readonly text: string;
}

/**
 * For each literal value of a list, the first other value that covers it, reported on the covered one
 * with a fix that removes it. Duplicates (compared in the list's case rule): the later one is reported.
 *
 * Only wildcard entries can cover others. They are indexed once (GlobIndex), and each entry asks which
 * of them match it instead of testing every pair: a list of 20,000 resources took a minute. `coveredBy`
 * gets the entry and `wides(text)`, the wildcard entries (that `canCover`) matching `text` in the list's
 * case rule, by index, the entry's own text excluded; it returns the index of the first that covers it, or -1.
 */
function reportCovered(
  values: readonly Value[],
  ctx: RuleContext,
  coveredBy: (narrow: string, wides: (text: string) => readonly Wide[]) => number,
  message: (narrow: string, wide: string) => string,
  caseSensitive: boolean,
  canCover: (wide: string) => boolean = () => true,
): void {
  const texts = values.map(literal);
  const lower = caseSensitive ? texts : texts.map((t) => t?.toLowerCase());
  const spans = values.map((v) => v.span);
  const index = new GlobIndex();
  texts.forEach((t, k) => t !== undefined && hasWildcard(t) && canCover(t) && index.add(lower[k]!, k));
  const firstIndex = new Map<string, number>();
  lower.forEach((t, k) => t !== undefined && !firstIndex.has(t) && firstIndex.set(t, k));
  texts.forEach((narrow, i) => {
    if (narrow === undefined) return;
    const first = firstIndex.get(lower[i]!)!;
    const wides = (text: string): Wide[] =>
      index
        .matches(caseSensitive ? text : text.toLowerCase())
        .flatMap((m) => (m.pattern === lower[i] ? [] : [{ index: m.ids[0]!, text: texts[m.ids[0]!]! }]))
        .sort((a, b) => a.index - b.index);
    const j = first < i ? first : coveredBy(narrow, wides);
    if (j < 0) return;
    const edit = removeListItem(ctx.text, spans, i);
    ctx.report({
      span: values[i]!.span,
      message: message(narrow, texts[j]!),
      fixes: edit ? [{ title: `Remove '${narrow}'`, edits: [edit], preferred: true }] : [],
    });
  });
}

export const redundantAction: Rule = {
  meta: {
    id: 'redundant-action',
    name: 'Redundant action',
    family: 'validity',
    defaultSeverity: 'info',
    equivalents: { accessAnalyzer: ['REDUNDANT_ACTION'] },
    docs: {
      what: "An action in a statement's Action or NotAction list is already covered by another entry of the same list (`s3:GetObject` beside `s3:Get*`), or repeated.",
      why: 'It changes nothing, and it misleads the reader: a reviewer sees `s3:GetObject` and misses that `s3:Get*` grants 60 more actions.',
      example: '"Action": ["s3:Get*", "s3:GetObject"]',
      fix: 'Remove the covered entry (the quick fix does), or replace the wider pattern with the actions you need.',
    },
  },
  check(document, ctx) {
    for (const statement of document.statements) {
      for (const element of [statement.action, statement.notAction]) {
        if (!element || element.list.unknown || !element.list.isArray) continue;
        // Lists of a thousand actions exist (ReadOnlyAccess): build each matcher and expansion once.
        const matcher = memoizedMatcher(false);
        const expansions = new Map<string, readonly string[]>();
        const expansion = (p: string) =>
          expansions.get(p) ??
          expansions
            .set(
              p,
              ctx.catalog.expand(p).actions.map((a) => a.fullName),
            )
            .get(p)!;
        reportCovered(
          element.list.values,
          ctx,
          (narrow, wides) => {
            if (!hasWildcard(narrow)) return wides(narrow)[0]?.index ?? -1;
            // A pattern is covered when every action it grants is granted by the wider one: only the
            // wildcards that match its first action can.
            const granted = expansion(narrow);
            if (granted.length === 0) return -1;
            return wides(granted[0]!).find((wide) => granted.every(matcher(wide.text)))?.index ?? -1;
          },
          (narrow, wide) =>
            narrow.toLowerCase() === wide.toLowerCase()
              ? `'${narrow}' is listed twice.`
              : `'${narrow}' is redundant: '${wide}' already covers it.`,
          false,
        );
      }
    }
  },
};

export const redundantResource: Rule = {
  meta: {
    id: 'redundant-resource',
    name: 'Redundant resource',
    family: 'validity',
    defaultSeverity: 'info',
    equivalents: { accessAnalyzer: ['REDUNDANT_RESOURCE'] },
    docs: {
      what: "A resource in a statement's Resource or NotResource list is already covered by another entry of the same list (`arn:aws:s3:::b/reports/*` beside `arn:aws:s3:::b/*`), or repeated.",
      why: 'It changes nothing and suggests a narrower grant than the statement makes.',
      example: '"Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::b/reports/*"]',
      fix: 'Remove the covered entry (the quick fix does), or narrow the wider one.',
    },
  },
  check(document, ctx) {
    for (const statement of document.statements) {
      for (const element of [statement.resource, statement.notResource]) {
        if (!element || element.list.unknown || !element.list.isArray) continue;
        // IAM matches ARNs case-sensitively; a wildcard covers a narrower literal or pattern textually.
        reportCovered(
          element.list.values,
          ctx,
          (narrow, wides) => wides(narrow)[0]?.index ?? -1,
          (narrow, wide) =>
            narrow === wide ? `'${narrow}' is listed twice.` : `'${narrow}' is redundant: '${wide}' already covers it.`,
          true,
          // A policy variable stands for text unknown here: such an entry covers nothing for sure.
          (wide) => !/\$\{/.test(wide),
        );
      }
    }
  },
};

/** globMatcher, compiled once per pattern (a wide pattern is tested against many entries). */
function memoizedMatcher(caseSensitive: boolean): (pattern: string) => (text: string) => boolean {
  const cache = new Map<string, (text: string) => boolean>();
  return (pattern) => cache.get(pattern) ?? cache.set(pattern, globMatcher(pattern, caseSensitive)).get(pattern)!;
}
