import type { Value } from '../../policy/model';
import type { Rule, RuleContext } from '../types';
import { removeListItem } from '../edits';
import { globMatcher, hasWildcard, literal } from '../values';

/**
 * For each literal value of a list, the first other value that covers it (by `covers`), reported on the
 * covered one with a fix that removes it. Duplicates (compared in the list's case rule): the later one is reported.
 */
function reportCovered(
  values: readonly Value[],
  ctx: RuleContext,
  covers: (wide: string, narrow: string) => boolean,
  message: (narrow: string, wide: string) => string,
  caseSensitive: boolean,
): void {
  const texts = values.map(literal);
  const lower = caseSensitive ? texts : texts.map((t) => t?.toLowerCase());
  const spans = values.map((v) => v.span);
  // Only wildcard entries can cover others; duplicates are found by text.
  const wide = texts.flatMap((t, k) => (t !== undefined && hasWildcard(t) ? [k] : []));
  const firstIndex = new Map<string, number>();
  lower.forEach((t, k) => t !== undefined && !firstIndex.has(t) && firstIndex.set(t, k));
  texts.forEach((narrow, i) => {
    if (narrow === undefined) return;
    const first = firstIndex.get(lower[i]!)!;
    const j = first < i ? first : wide.find((k) => k !== i && lower[k] !== lower[i] && covers(texts[k]!, narrow)) ?? -1;
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
      what: 'An action in a statement\'s Action or NotAction list is already covered by another entry of the same list (`s3:GetObject` beside `s3:Get*`), or repeated.',
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
        const expansion = (p: string) => expansions.get(p) ?? expansions.set(p, ctx.catalog.expand(p).actions.map((a) => a.fullName)).get(p)!;
        reportCovered(
          element.list.values,
          ctx,
          (wide, narrow) => {
            if (!hasWildcard(wide)) return false;
            const matches = matcher(wide);
            if (!hasWildcard(narrow)) return matches(narrow);
            // A pattern is covered when every action it grants is granted by the wider one.
            const granted = expansion(narrow);
            return granted.length > 0 && granted.every(matches);
          },
          (narrow, wide) => (narrow.toLowerCase() === wide.toLowerCase() ? `'${narrow}' is listed twice.` : `'${narrow}' is redundant: '${wide}' already covers it.`),
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
      what: 'A resource in a statement\'s Resource or NotResource list is already covered by another entry of the same list (`arn:aws:s3:::b/reports/*` beside `arn:aws:s3:::b/*`), or repeated.',
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
        const matcher = memoizedMatcher(true);
        reportCovered(
          element.list.values,
          ctx,
          (wide, narrow) => hasWildcard(wide) && !/\$\{/.test(wide) && matcher(wide)(narrow),
          (narrow, wide) => (narrow === wide ? `'${narrow}' is listed twice.` : `'${narrow}' is redundant: '${wide}' already covers it.`),
          true,
        );
      }
    }
  },
};

/** globMatcher, compiled once per pattern (coverage is tested for every pair of a list's entries). */
function memoizedMatcher(caseSensitive: boolean): (pattern: string) => (text: string) => boolean {
  const cache = new Map<string, (text: string) => boolean>();
  return (pattern) => cache.get(pattern) ?? cache.set(pattern, globMatcher(pattern, caseSensitive)).get(pattern)!;
}
