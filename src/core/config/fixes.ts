/**
 * The edits of the "suppress" quick fixes, as data. Each writes REASON_PLACEHOLDER where the reason goes
 * (an editor cannot select text through a code action), which keeps a suppression-without-reason finding
 * on it until a real reason replaces it.
 */
import type { Span } from '../policy/model';
import type { TextEdit } from '../rules/types';
import { member, type Node } from '../sources/tree';
import { parseYaml } from '../sources/yaml';
import { DIRECTIVE, REASON_PLACEHOLDER } from './ids';
import { templateResources } from './metadata';

/** A comment line above the line of `at`, indented like it: `# cloudwarden-ignore <id>: TODO reason`. */
export function commentSuppressionEdit(text: string, at: number, ruleId: string, marker: '#' | '//'): TextEdit {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return {
    span: { start: lineStart, end: lineStart },
    newText: `${indent}${marker} ${DIRECTIVE} ${ruleId}: ${REASON_PLACEHOLDER}${eol}`,
  };
}

/**
 * Whether the line holding `at` is inside the body of a Terraform heredoc (`<<EOF` ... `EOF`), where a
 * comment line would become part of the string (a policy's JSON) rather than a comment.
 */
export function insideHeredoc(text: string, at: number): boolean {
  const opener = /<<-?([A-Za-z_][\w-]*)[ \t]*\r?$/gm;
  for (let match = opener.exec(text); match && match.index < at; match = opener.exec(text)) {
    const bodyStart = match.index + match[0].length;
    const terminator = new RegExp(`^[ \\t]*${match[1]}[ \\t]*\\r?$`, 'm');
    const close = terminator.exec(text.slice(bodyStart));
    const bodyEnd = close ? bodyStart + close.index : text.length;
    if (at < bodyEnd) return true;
    opener.lastIndex = bodyEnd;
  }
  return false;
}

/**
 * An entry in the Metadata of the JSON template resource that holds `at`, creating `Metadata`,
 * `cloudwarden` and `ignore` as needed; undefined when `at` is in no resource.
 */
export function metadataSuppressionEdit(text: string, at: number, ruleId: string): TextEdit | undefined {
  const resource = templateResources(text, 'json')
    .flatMap((r) => r.entries)
    .find((e) => e.value.span.start <= at && at < e.value.span.end)?.value;
  if (resource?.kind !== 'object') return undefined;
  const item = `{ "rule": ${JSON.stringify(ruleId)}, "reason": "${REASON_PLACEHOLDER}" }`;
  const metadata = member(resource, 'Metadata');
  const ours = member(metadata, 'cloudwarden');
  const ignore = member(ours, 'ignore');
  if (ignore?.kind === 'array') {
    const last = ignore.items[ignore.items.length - 1];
    return last ? insert(last.span.end, `, ${item}`) : insert(ignore.span.start + 1, ` ${item} `);
  }
  if (ours?.kind === 'object')
    return insert(ours.span.start + 1, ` "ignore": [${item}]${ours.entries.length ? ',' : ''}`);
  if (metadata?.kind === 'object')
    return insert(
      metadata.span.start + 1,
      ` "cloudwarden": { "ignore": [${item}] }${metadata.entries.length ? ',' : ''}`,
    );
  const entry = `"Metadata": { "cloudwarden": { "ignore": [${item}] } }${resource.entries.length ? ',' : ''}`;
  const first = resource.entries[0];
  // Keep the template's layout: on its own line, indented like the resource's first key, when keys are one per line.
  if (first && text.slice(resource.span.start, first.key.span.start).includes('\n')) {
    const keyStart =
      text.slice(0, first.key.span.start).lastIndexOf('"') === first.key.span.start - 1
        ? first.key.span.start - 1
        : first.key.span.start;
    const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    return insert(resource.span.start + 1, `${eol}${text.slice(lineStart, keyStart)}${entry}`);
  }
  return insert(resource.span.start + 1, ` ${entry}`);
}

export interface ProjectSuppressionEntry {
  /** The file, relative to the project file's folder, with `/`. */
  readonly path: string;
  readonly ruleId: string;
  /** The element's text, to suppress only this finding rather than the rule in the whole file. */
  readonly match?: string;
}

/** An entry appended to the project file's `suppressions` (the whole file when `text` is undefined: create it). */
export function projectSuppressionEdit(text: string | undefined, entry: ProjectSuppressionEntry): TextEdit {
  const fields: [string, string][] = [
    ['path', JSON.stringify(entry.path)],
    ['rule', entry.ruleId],
    ...(entry.match !== undefined ? [['match', JSON.stringify(entry.match)] as [string, string]] : []),
    ['reason', REASON_PLACEHOLDER],
  ];
  const block = (indent: string, eol: string) =>
    fields.map(([k, v], i) => `${indent}${i === 0 ? '- ' : '  '}${k}: ${v}`).join(eol);
  if (text === undefined) return insert(0, `suppressions:\n${block('  ', '\n')}\n`);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const root = safeRoot(text);
  const list: Node | undefined = member(root, 'suppressions');
  const key = root?.kind === 'object' ? root.entries.find((e) => e.key.text === 'suppressions')?.key : undefined;
  if (list?.kind === 'array' && text[list.span.start] === '[') {
    const last = list.items[list.items.length - 1];
    const flow = `{ ${fields.map(([k, v]) => `${k}: ${v}`).join(', ')} }`;
    return last ? insert(last.span.end, `, ${flow}`) : insert(list.span.start + 1, flow);
  }
  if (list?.kind === 'array' && list.items.length) {
    const last = list.items[list.items.length - 1]!;
    const firstStart = list.items[0]!.span.start;
    const column = firstStart - (text.lastIndexOf('\n', firstStart - 1) + 1);
    return insert(
      lineEnd(text, Math.max(last.span.start, last.span.end - 1)),
      `${eol}${block(' '.repeat(Math.max(0, column - 2)), eol)}`,
    );
  }
  if (key && (!list || list.kind === 'unknown' || (list.kind === 'scalar' && list.value === null))) {
    return insert(lineEnd(text, key.span.end), `${eol}${block('  ', eol)}`);
  }
  // No usable `suppressions:` (absent, or of the wrong type, which its own problem reports): add one at the end.
  const sep = text === '' || text.endsWith('\n') ? '' : eol;
  return insert(text.length, `${sep}suppressions:${eol}${block('  ', eol)}${eol}`);
}

function safeRoot(text: string): Node | undefined {
  try {
    return parseYaml(text).roots[0];
  } catch {
    return undefined;
  }
}

function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl < 0 ? text.length : nl;
  return text[end - 1] === '\r' ? end - 1 : end;
}

function insert(offset: number, newText: string): TextEdit {
  const span: Span = { start: offset, end: offset };
  return { span, newText };
}
