/**
 * Edits that add text to a policy while keeping the file's style: a property added to an object, an item
 * appended to an array, in JSON (multi-line or one-line), YAML block mappings and sequences, and YAML
 * flow collections. Values are given as data and rendered in the style of the place they go to.
 */
import { withQuotes } from './edits';
import type { SourceFormat, Span, Statement } from '../policy/model';
import type { TextEdit } from './types';
import { lastTextMemo, lineStartOf } from '../text/lines';

/** Text that is written as is: a CloudFormation intrinsic, or a value copied from the file. */
export class RawText {
  constructor(
    /** The text in a JSON file (and inside YAML flow collections, where JSON is valid too). */
    readonly json: string,
    /** The text in a YAML file. */
    readonly yaml: string,
  ) {}
}

/** A value to insert: JSON-like data, with `RawText` for what must be written verbatim. */
export type Insertable =
  string | number | boolean | RawText | readonly Insertable[] | { readonly [key: string]: Insertable };

/** `{"Ref": name}` in JSON, `!Ref name` in YAML. */
export function refTo(name: string): RawText {
  return new RawText(`{"Ref": ${JSON.stringify(name)}}`, `!Ref ${name}`);
}

/** `{"Fn::Sub": template}` in JSON, `!Sub template` in YAML. */
export function subOf(template: string): RawText {
  return new RawText(`{"Fn::Sub": ${JSON.stringify(template)}}`, `!Sub ${JSON.stringify(template)}`);
}

/**
 * The file's syntax. TypeScript and Terraform take the JSON rendering: JSON is a valid TypeScript
 * expression and a valid HCL value (as in `jsonencode({...})`).
 */
type Format = SourceFormat;

/** How a value is written where it goes. */
interface Layout {
  readonly format: Format;
  /** JSON, or YAML inside a flow collection. */
  readonly flow: boolean;
  /** Objects and arrays on several lines (JSON) or as block collections (YAML). */
  readonly multiline: boolean;
  /** One level of indentation in this file. */
  readonly unit: string;
  readonly newline: string;
  /** The quote strings take outside YAML: JSON's `"`, or TypeScript's dominant one. */
  readonly quote: '"' | "'";
}

/**
 * Inserts `key: value` into the object at `objectSpan` (`{...}` in JSON or YAML flow style, or a YAML
 * block mapping whose span starts at its first key), as its first or last property. Undefined when the
 * object's text is not what its span says.
 */
export function insertProperty(
  text: string,
  format: Format,
  objectSpan: Span,
  key: string,
  value: Insertable,
  at: 'start' | 'end',
): TextEdit | undefined {
  const newline = newlineOf(text);
  const unit = indentUnit(text);
  if (text[objectSpan.start] === '{') {
    const close = objectSpan.end - 1;
    if (text[close] !== '}') return undefined;
    const open = objectSpan.start + 1;
    const firstChar = skipSpace(text, open, close);
    if (firstChar === close) {
      // An empty object: the property alone, on the braces' line.
      const layout: Layout = { format, flow: true, multiline: false, unit, newline, quote: quoteOf(text, format) };
      return insertAt(open, property(key, value, layout, ''));
    }
    const lastChar = skipSpaceBack(text, close - 1, open);
    // TypeScript and HCL objects may end with a comma: the new entry goes after it, and keeps one.
    const trailing = text[lastChar] === ',';
    if (text.slice(open, firstChar).includes('\n')) {
      const indent = indentBefore(text, firstChar);
      const layout: Layout = { format, flow: true, multiline: true, unit, newline, quote: quoteOf(text, format) };
      const entry = property(key, value, layout, indent);
      if (at === 'start') return insertAt(open, `${newline}${indent}${entry},`);
      return trailing
        ? insertAt(lastChar + 1, `${newline}${indent}${entry},`)
        : insertAt(lastChar + 1, `,${newline}${indent}${entry}`);
    }
    const layout: Layout = { format, flow: true, multiline: false, unit, newline, quote: quoteOf(text, format) };
    const entry = property(key, value, layout, '');
    if (at === 'start') return insertAt(firstChar, `${entry}, `);
    return trailing ? insertAt(lastChar + 1, ` ${entry},`) : insertAt(lastChar + 1, `, ${entry}`);
  }
  if (format !== 'yaml') return undefined;
  // A block mapping: a new line at its keys' column.
  const indent = ' '.repeat(objectSpan.start - lineStart(text, objectSpan.start));
  const layout: Layout = { format, flow: false, multiline: true, unit, newline, quote: quoteOf(text, format) };
  const entry = property(key, value, layout, indent);
  if (at === 'start') return insertAt(objectSpan.start, `${entry}${newline}${indent}`);
  return insertAt(lineEnd(text, Math.max(objectSpan.start, objectSpan.end - 1)), `${newline}${indent}${entry}`);
}

/**
 * Appends `value` to the array whose items have these spans (scalars without their quotes, as the model
 * gives them): after the last item, in the items' style. Undefined for an empty array or text that is
 * not an array around the items.
 */
export function appendItem(
  text: string,
  format: Format,
  items: readonly Span[],
  value: Insertable,
): TextEdit | undefined {
  if (items.length === 0) return undefined;
  const newline = newlineOf(text);
  const unit = indentUnit(text);
  // Terraform `statement { ... }` blocks: a statement is one more block after the last.
  const lastItem = items[items.length - 1]!;
  if (format === 'terraform' && text.startsWith('statement', lastItem.start))
    return hclStatementAfter(text, lastItem, value);
  const first = withQuotes(text, items[0]!);
  const last = withQuotes(text, items[items.length - 1]!);
  const lastStart = lineStart(text, last.start);
  const prefix = text.slice(lastStart, last.start);
  const lastText = text.slice(last.start, last.end);
  const lastIsFlow = lastText.startsWith('{') || lastText.startsWith('[');
  if (format === 'yaml' && /^[ \t]*-[ \t]+$/.test(prefix)) {
    // A block sequence: `- item` on a new line, at the dash's column, the item at the items' column.
    const indent = ' '.repeat(last.start - lastStart);
    const layout: Layout = {
      format,
      flow: lastIsFlow,
      multiline: !lastIsFlow,
      unit,
      newline,
      quote: quoteOf(text, format),
    };
    return insertAt(lineEnd(text, last.end - 1), `${newline}${prefix}${render(value, layout, indent)}`);
  }
  const bracket = skipSpaceBack(text, first.start - 1, 0);
  if (text[bracket] !== '[') return undefined;
  const layout: Layout = {
    format,
    flow: true,
    multiline: lastText.includes('\n'),
    unit,
    newline,
    quote: quoteOf(text, format),
  };
  if (text.slice(bracket, first.start).includes('\n')) {
    const indent = indentBefore(text, first.start);
    return insertAt(last.end, `,${newline}${indent}${render(value, layout, indent)}`);
  }
  return insertAt(last.end, `, ${render(value, { ...layout, multiline: false }, '')}`);
}

/**
 * Turns the single value at `itemSpan` (JSON or a YAML flow collection, e.g. a lone statement object)
 * into an array of it and `value`. Undefined for YAML block values, which cannot be wrapped in place.
 */
export function wrapWithItem(text: string, format: Format, itemSpan: Span, value: Insertable): TextEdit[] | undefined {
  const item = withQuotes(text, itemSpan);
  const first = text[item.start];
  if (format === 'yaml' && first !== '{' && first !== '[' && first !== '"' && first !== "'") return undefined;
  const newline = newlineOf(text);
  const itemText = text.slice(item.start, item.end);
  const multiline = itemText.includes('\n');
  const indent = indentBefore(text, item.start);
  const layout: Layout = {
    format,
    flow: true,
    multiline,
    unit: indentUnit(text),
    newline,
    quote: quoteOf(text, format),
  };
  const added = multiline ? `,${newline}${indent}${render(value, layout, indent)}]` : `, ${render(value, layout, '')}]`;
  return [insertAt(item.start, '['), insertAt(item.end, added)];
}

/** `"key": value` / `key: value` in the layout's style; `indent` is the column of the key's line. */
function property(key: string, value: Insertable, layout: Layout, indent: string): string {
  if (layout.flow)
    return `${layout.format !== 'yaml' ? keyText(key, layout) : yamlScalar(key, true)}: ${render(value, layout, indent)}`;
  return `${yamlScalar(key, false)}:${blockValue(value, layout, indent)}`;
}

/** A value on its own (an array item, a property's value in JSON or flow style). */
function render(value: Insertable, layout: Layout, indent: string): string {
  if (!layout.flow) return blockItem(value, layout, indent);
  if (value instanceof RawText) return layout.format !== 'yaml' ? value.json : value.yaml;
  if (typeof value !== 'object')
    return layout.format !== 'yaml' ? stringLiteral(value, layout) : yamlScalar(value, true);
  const inner = indent + layout.unit;
  const parts = Array.isArray(value)
    ? (value as readonly Insertable[]).map((item) => render(item, layout, inner))
    : Object.entries(value as Record<string, Insertable>).map(([k, v]) => property(k, v, layout, inner));
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (parts.length === 0) return open + close;
  if (!layout.multiline) return `${open}${parts.join(', ')}${close}`;
  return `${open}${layout.newline}${inner}${parts.join(`,${layout.newline}${inner}`)}${layout.newline}${indent}${close}`;
}

/** What follows `key:` in a block mapping whose keys are at `indent`. */
function blockValue(value: Insertable, layout: Layout, indent: string): string {
  if (value instanceof RawText || typeof value !== 'object') return ` ${scalarText(value, layout)}`;
  const entries = Array.isArray(value) ? value : Object.keys(value);
  if (entries.length === 0) return Array.isArray(value) ? ' []' : ' {}';
  const inner = indent + layout.unit;
  return `${layout.newline}${inner}${blockItem(value, layout, inner)}`;
}

/** A block value starting at `indent`'s column (its first line not indented: the caller places it). */
function blockItem(value: Insertable, layout: Layout, indent: string): string {
  if (value instanceof RawText || typeof value !== 'object') return scalarText(value, layout);
  if (Array.isArray(value)) {
    const items = value as readonly Insertable[];
    if (items.length === 0) return '[]';
    return items.map((item) => `- ${blockItem(item, layout, `${indent}  `)}`).join(`${layout.newline}${indent}`);
  }
  const entries = Object.entries(value as Record<string, Insertable>);
  if (entries.length === 0) return '{}';
  return entries.map(([k, v]) => property(k, v, layout, indent)).join(`${layout.newline}${indent}`);
}

function scalarText(value: string | number | boolean | RawText, layout: Layout): string {
  if (value instanceof RawText) return layout.format !== 'yaml' ? value.json : value.yaml;
  return layout.format !== 'yaml' ? stringLiteral(value, layout) : yamlScalar(value, layout.flow);
}

/** A key: in TypeScript an identifier stays bare (`conditions`, `StringEquals`), as people write them. */
function keyText(key: string, layout: Layout): string {
  return layout.format === 'typescript' && /^[A-Za-z_$][\w$]*$/.test(key) ? key : stringLiteral(key, layout);
}

/** A scalar as JSON, a string in the layout's quote (TypeScript files written with `'` keep it). */
function stringLiteral(value: string | number | boolean, layout: Layout): string {
  if (typeof value !== 'string' || layout.quote === '"') return JSON.stringify(value);
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** TypeScript's dominant string quote in `text` (single when it is a tie); `"` in every other format. */
export function quoteOf(text: string, format: Format): '"' | "'" {
  return format === 'typescript' ? dominantQuote(text) : '"';
}

/** Asked for every insertion a fix makes: counted once per text. */
const dominantQuote = lastTextMemo((text: string): '"' | "'" => {
  let single = 0;
  let double = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 39) single++;
    else if (c === 34) double++;
  }
  return double > single ? '"' : "'";
});

const YAML_RESERVED = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

/**
 * A YAML scalar: plain when that reads back as the same string (`s3:GetObject`, `aws:SourceAccount`,
 * `arn:aws:s3:::b/*`), double-quoted otherwise (`"*"`, `"false"`, `"2012-10-17"`).
 */
export function yamlScalar(value: string | number | boolean, flow: boolean): string {
  if (typeof value !== 'string') return String(value);
  const plain = /^[A-Za-z_][A-Za-z0-9_.\/:*@-]*$/.test(value) && !YAML_RESERVED.test(value) && !value.endsWith(':');
  // In a flow collection `:` may only be followed by a character that is not a space or flow indicator.
  if (plain && !(flow && /:[,\[\]{}]/.test(value))) return value;
  return JSON.stringify(value);
}

/**
 * The file's indentation step: the most common increase of indentation from one line to the next
 * (two spaces when nothing tells, a tab for tab-indented files).
 */
export const indentUnit = lastTextMemo((text: string): string => {
  const counts = new Map<number, number>();
  let previous = -1;
  // The first 400 lines only, taken one at a time: the lint asks this of every text (documentMemo.ts),
  // and splitting a 1 MB template whole to read its start would cost more than the answer is worth.
  for (let lines = 0, start = 0; lines < 400 && start <= text.length; lines++) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end);
    start = end < 0 ? text.length + 1 : end + 1;
    if (line.startsWith('\t')) return '\t';
    if (line.trim() === '') continue;
    const indent = line.length - line.trimStart().length;
    if (previous >= 0 && indent > previous) counts.set(indent - previous, (counts.get(indent - previous) ?? 0) + 1);
    previous = indent;
  }
  let best = 2;
  let bestCount = 0;
  for (const [step, count] of counts)
    if (count > bestCount || (count === bestCount && step < best)) [best, bestCount] = [step, count];
  return ' '.repeat(best);
});

/** The file's line break; asked for every insertion a fix makes, so found once per text. */
const newlineOf = lastTextMemo((text: string): string => (text.includes('\r\n') ? '\r\n' : '\n'));

function insertAt(offset: number, newText: string): TextEdit {
  return { span: { start: offset, end: offset }, newText };
}

function lineStart(text: string, offset: number): number {
  return lineStartOf(text, offset);
}

/** The offset of the line break ending the line that holds `offset` (before a `\r`), or the text's end. */
function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  if (end < 0) return text.length;
  return text[end - 1] === '\r' ? end - 1 : end;
}

/** The whitespace that starts the line holding `offset`. */
function indentBefore(text: string, offset: number): string {
  const start = lineStart(text, offset);
  let end = start;
  while (end < offset && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** The first non-space offset in [from, to), or `to`. */
function skipSpace(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isSpace(text[i])) i++;
  return i;
}

/** The last non-space offset at or before `from` (down to `floor`). */
function skipSpaceBack(text: string, from: number, floor: number): number {
  let i = from;
  while (i > floor && isSpace(text[i])) i--;
  return i;
}

/**
 * Adds `key: value` under the condition operator `operator` of a statement: into that operator's block
 * when the statement has one (written exactly so), else as a new block of its Condition, else as a new
 * Condition element at the end of the statement. Undefined when the Condition cannot be edited (an
 * intrinsic) or the text does not match the model.
 */
export function addConditionEntry(
  text: string,
  format: Format,
  statement: Statement,
  operator: string,
  key: string,
  value: Insertable,
): TextEdit | undefined {
  // A Terraform `statement { ... }` block: conditions are blocks of their own.
  if (format === 'terraform' && text.startsWith('statement', statement.span.start))
    return conditionBlock(text, statement, operator, key, value);
  const condition = statement.condition;
  // A CDK `new PolicyStatement({...})` without conditions: its props take `conditions`.
  if (!condition && format === 'typescript' && text.startsWith('new', statement.span.start))
    return cdkConditions(text, statement, operator, key, value);
  if (!condition)
    return insertProperty(text, format, statement.span, 'Condition', { [operator]: { [key]: value } }, 'end');
  if (condition.unknown) return undefined;
  const block = condition.blocks.find((b) => b.operator.text === operator);
  if (block) return insertProperty(text, format, block.span, key, value, 'end');
  return insertProperty(text, format, condition.span, operator, { [key]: value }, 'end');
}

/**
 * A `condition { test variable values }` block appended to a Terraform `statement` block, at the
 * statement's inner indentation. Only strings can be written (a list of them too); anything else is
 * undefined.
 */
function conditionBlock(
  text: string,
  statement: Statement,
  operator: string,
  key: string,
  value: Insertable,
): TextEdit | undefined {
  const values =
    typeof value === 'string'
      ? [value]
      : Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? (value as string[])
        : undefined;
  const close = statement.span.end - 1;
  if (!values || text[close] !== '}') return undefined;
  const newline = newlineOf(text);
  const unit = indentUnit(text);
  const outer = indentBefore(text, statement.span.start);
  const lines = hclBlock(
    'condition',
    conditionAttributes(operator, key, `[${values.map((v) => JSON.stringify(v)).join(', ')}]`),
    outer + unit,
    unit,
  );
  const closeLine = lineStart(text, close);
  // The closing brace alone on its line: the block goes on the lines before it; else before the brace.
  if (/^[ \t]*$/.test(text.slice(closeLine, close)))
    return { span: { start: closeLine, end: closeLine }, newText: `${lines.join(newline)}${newline}`, native: true };
  return {
    span: { start: close, end: close },
    newText: `${newline}${lines.join(newline)}${newline}${outer}`,
    native: true,
  };
}

/**
 * `conditions: { operator: { key: value } }` added to the props object of a CDK `new PolicyStatement({...})`
 * whose only argument is that object literal; undefined for any other shape.
 */
function cdkConditions(
  text: string,
  statement: Statement,
  operator: string,
  key: string,
  value: Insertable,
): TextEdit | undefined {
  const open = text.indexOf('(', statement.span.start);
  const close = skipSpaceBack(text, statement.span.end - 1, statement.span.start);
  if (open < 0 || open >= close || text[close] !== ')') return undefined;
  const brace = skipSpace(text, open + 1, close);
  const end = skipSpaceBack(text, close - 1, brace);
  // One object argument (a trailing comma allowed): `({ ... })`.
  const last = text[end] === ',' ? skipSpaceBack(text, end - 1, brace) : end;
  if (text[brace] !== '{' || text[last] !== '}') return undefined;
  const edit = insertProperty(
    text,
    'typescript',
    { start: brace, end: last + 1 },
    'conditions',
    { [operator]: { [key]: value } },
    'end',
  );
  return edit && { ...edit, native: true };
}

/** IAM element names and the `aws_iam_policy_document` attribute each is written as. */
const HCL_LISTS: Readonly<Record<string, string>> = {
  Action: 'actions',
  NotAction: 'not_actions',
  Resource: 'resources',
  NotResource: 'not_resources',
};

/**
 * An IAM statement (as data) written as a Terraform `statement` block after the block at `after`, at its
 * indentation: lists as attributes, principals and conditions as nested blocks. Undefined for anything
 * it cannot write (an element it does not know, a value that is not a string).
 */
function hclStatementAfter(text: string, after: Span, value: Insertable): TextEdit | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof RawText) return undefined;
  const newline = newlineOf(text);
  const unit = indentUnit(text);
  const indent = indentBefore(text, after.start);
  const inner = indent + unit;
  const scalar = (v: Insertable): string | undefined =>
    typeof v === 'string' ? JSON.stringify(v) : v instanceof RawText ? v.json : undefined;
  const list = (v: Insertable): string | undefined => {
    const items = (Array.isArray(v) ? v : [v]).map(scalar);
    return items.every((i) => i !== undefined) ? `[${items.join(', ')}]` : undefined;
  };
  const lines: string[] = [];
  const block = (name: string, body: readonly string[]) => lines.push(...hclBlock(name, body, inner, unit));
  for (const [key, v] of Object.entries(value as Record<string, Insertable>)) {
    if (key === 'Sid' || key === 'Effect') {
      const text = scalar(v);
      if (text === undefined) return undefined;
      lines.push(`${inner}${key.toLowerCase()} = ${text}`);
    } else if (HCL_LISTS[key]) {
      const text = list(v);
      if (text === undefined) return undefined;
      lines.push(`${inner}${HCL_LISTS[key]} = ${text}`);
    } else if (key === 'Principal') {
      const entries: [string, Insertable][] =
        v === '*'
          ? [['*', '*']]
          : typeof v === 'object' && !Array.isArray(v) && !(v instanceof RawText)
            ? Object.entries(v)
            : [];
      if (entries.length === 0) return undefined;
      for (const [type, ids] of entries) {
        const identifiers = list(ids);
        if (identifiers === undefined) return undefined;
        block('principals', [`type        = ${JSON.stringify(type)}`, `identifiers = ${identifiers}`]);
      }
    } else if (key === 'Condition' && typeof v === 'object' && !Array.isArray(v) && !(v instanceof RawText)) {
      for (const [test, keys] of Object.entries(v)) {
        if (typeof keys !== 'object' || Array.isArray(keys) || keys instanceof RawText) return undefined;
        for (const [variable, values] of Object.entries(keys)) {
          const written = list(values);
          if (written === undefined) return undefined;
          block('condition', conditionAttributes(test, variable, written));
        }
      }
    } else {
      return undefined;
    }
  }
  const body = [`${indent}statement {`, ...lines, `${indent}}`].join(newline);
  return { span: { start: after.end, end: after.end }, newText: `${newline}${newline}${body}`, native: true };
}

/** The lines of a nested HCL block at `indent`, its attributes one `unit` deeper. */
function hclBlock(name: string, attributes: readonly string[], indent: string, unit: string): string[] {
  return [`${indent}${name} {`, ...attributes.map((a) => `${indent}${unit}${a}`), `${indent}}`];
}

/** A `condition` block's attributes, aligned as `terraform fmt` writes them; `values` already HCL. */
function conditionAttributes(test: string, variable: string, values: string): string[] {
  return [`test     = ${JSON.stringify(test)}`, `variable = ${JSON.stringify(variable)}`, `values   = ${values}`];
}
