/**
 * "Replace a wildcard with its expansion": the actions a pattern such as `s3:Get*` grants, written out
 * in place in the file's own style (a JSON array one per line or inline, a YAML block or flow sequence),
 * either all of them or only the Read and List ones. Naming actions keeps a policy from silently
 * growing when AWS adds actions that match the pattern.
 */
import type { Catalog } from '../../catalog/catalog';
import type { SourceFormat, Value, ValueList } from '../../policy/model';
import { withQuotes } from '../edits';
import type { Fix, TextEdit } from '../types';
import { hasWildcard, literal } from '../../policy/values';
import { lineStartOf } from '../../text/lines';

/** Expansions longer than this are not offered: a list of hundreds of actions helps nobody. */
const MAX_EXPANSION = 100;

export function expandWildcardFixes(
  text: string,
  format: SourceFormat,
  catalog: Catalog,
  value: Value,
  list: ValueList,
): Fix[] {
  const pattern = literal(value);
  if (pattern === undefined || !hasWildcard(pattern)) return [];
  // A value written elsewhere than its list (a CDK `const` used in it) would be rewritten there, where
  // several items may not fit and other lists use it too.
  if (value.span.start < list.span.start || value.span.end > list.span.end) return [];
  const actions = catalog.expand(pattern).actions;
  const fixes: Fix[] = [];
  if (actions.length > 0 && actions.length <= MAX_EXPANSION) {
    fixes.push({
      title: `Replace '${pattern}' with its ${count(actions.length)}`,
      edits: [
        writeActions(
          text,
          format,
          value,
          list,
          actions.map((a) => a.fullName),
        ),
      ],
    });
  }
  const reads = actions.filter((a) => a.accessLevel === 'Read' || a.accessLevel === 'List');
  if (reads.length > 0 && reads.length < actions.length && reads.length <= MAX_EXPANSION) {
    fixes.push({
      title: `Replace '${pattern}' with its ${count(reads.length)} at Read and List level only`,
      edits: [
        writeActions(
          text,
          format,
          value,
          list,
          reads.map((a) => a.fullName),
        ),
      ],
    });
  }
  return fixes;
}

function count(n: number): string {
  return n === 1 ? '1 action' : `${n} actions`;
}

/**
 * An edit writing `actions` (full names) where `value` is, in the file's own style: items of the list
 * when `value` is one, else a list in place of the single value.
 */
export function writeActions(
  text: string,
  format: SourceFormat,
  value: Value,
  list: ValueList,
  actions: readonly string[],
): TextEdit {
  const span = withQuotes(text, value.span);
  // JSON and HCL strings take double quotes; TypeScript and YAML keep the quote the pattern was written with.
  const written =
    text[span.start] === "'" || text[span.start] === '"' || text[span.start] === '`' ? text[span.start]! : '';
  const quote = format === 'json' || format === 'terraform' ? '"' : format === 'typescript' ? written || "'" : written;
  const items = actions.map((a) => `${quote}${a}${quote}`);
  // The text before the value on its line, read only as far as it can decide: on a long line (minified
  // JSON) slicing it whole for each finding would cost the length of the line each time.
  const lineStart = lineStartOf(text, span.start);
  const lineIndent = text.slice(lineStart, lineStart + blanksAfter(text, lineStart, span.start));
  if (list.isArray) {
    const blanks = blanksBefore(text, span.start, lineStart);
    const rest = span.start - blanks;
    // A YAML block sequence entry: one `- ` line per action at the same column.
    if (
      blanks > 0 &&
      rest > lineStart &&
      text[rest - 1] === '-' &&
      blanksBefore(text, rest - 1, lineStart) === rest - 1 - lineStart
    ) {
      return { span, newText: items.join(`\n${text.slice(lineStart, rest - 1)}- `) };
    }
    // A JSON or flow array: one per line when its items are on lines of their own, else inline.
    const ownLine = rest === lineStart;
    return { span, newText: items.join(ownLine ? `,\n${text.slice(lineStart, span.start)}` : ', ') };
  }
  if (format !== 'yaml') {
    if (items.length <= 3) return { span, newText: `[${items.join(', ')}]` };
    const inner = `${lineIndent}  `;
    return { span, newText: `[\n${inner}${items.join(`,\n${inner}`)}\n${lineIndent}]` };
  }
  const before = text.slice(lineStart, span.start);
  // YAML: a scalar at the end of a block mapping's line becomes a block sequence under its key;
  // anywhere else (inside a flow mapping) a flow sequence.
  const rest = text.slice(span.end, text.indexOf('\n', span.end) < 0 ? text.length : text.indexOf('\n', span.end));
  const colon = /:[ \t]*$/.exec(text.slice(lineStart, span.start));
  if (!before.includes('{') && /^[ \t]*(#.*)?\r?$/.test(rest) && colon) {
    const start = lineStart + colon.index + 1;
    // Under the key's column (after any `- ` of a sequence entry on the same line), two deeper.
    const keyColumn = /^[ \t]*(?:-[ \t]+)*/.exec(before)![0].length;
    const indent = ' '.repeat(keyColumn + 2);
    return { span: { start, end: span.end }, newText: `\n${indent}- ${items.join(`\n${indent}- `)}` };
  }
  return { span, newText: `[${items.join(', ')}]` };
}

/** How many spaces and tabs there are from `from` on, up to `to`. */
function blanksAfter(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && (text[i] === ' ' || text[i] === '\t')) i++;
  return i - from;
}

/** How many spaces and tabs there are just before `offset`, down to `floor`. */
function blanksBefore(text: string, offset: number, floor: number): number {
  let i = offset;
  while (i > floor && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return offset - i;
}
