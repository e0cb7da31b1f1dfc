import { groupFindings, LineIndex, type Severity } from '../core';
import type { FileReport } from './report';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The text report as one string (tests; `lint` writes it in pieces with writeText). */
export function formatText(files: readonly FileReport[]): string {
  let out = '';
  writeText(files, (chunk) => (out += chunk));
  return out;
}

/** Lines are gathered up to this many characters before each write: a large file's report is not held whole. */
const CHUNK = 1 << 16;

/**
 * `file:line:col: severity rule: message`, one line per element as in the editor: the most severe finding,
 * then the others on the same element indented beneath it (`also warning wildcard-action: ...`). Then what
 * was not analysed, the rules that failed, and a summary. Written through `write` in pieces.
 */
export function writeText(files: readonly FileReport[], write: (chunk: string) => void): void {
  let lines: string[] = [];
  let size = 0;
  let any = false;
  const line = (text: string) => {
    lines.push(text);
    size += text.length + 1;
    any = true;
    if (size >= CHUNK) flush();
  };
  const flush = () => {
    if (lines.length > 0) write(`${lines.join('\n')}\n`);
    lines = [];
    size = 0;
  };
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let suppressed = 0;
  let places = 0;
  const notAnalysed: string[] = [];
  const failed: string[] = [];
  for (const file of files) {
    suppressed += file.suppressed.length;
    const index = new LineIndex(file.text);
    const at = (offset: number) => {
      const p = index.positionAt(offset);
      return `${p.line + 1}:${p.character + 1}`;
    };
    for (const group of groupFindings(file.findings)) {
      places++;
      for (const f of group.all) counts[f.severity]++;
      line(`${file.path}:${at(group.span.start)}: ${group.head.severity} ${group.head.ruleId}: ${group.head.message}`);
      for (const f of group.others) line(`    also ${f.severity} ${f.ruleId}: ${f.message}`);
    }
    for (const n of file.notAnalysed)
      notAnalysed.push(`${file.path}${n.span ? `:${at(n.span.start)}` : ''}: ${n.reason}`);
    for (const e of file.internalErrors)
      failed.push(`${file.path}: rule ${e.ruleId} failed on ${e.where}: ${e.message}`);
  }
  if (notAnalysed.length > 0) ['', 'Not analysed:', ...notAnalysed].forEach(line);
  if (failed.length > 0)
    ['', 'Rules that failed (a bug in CloudWarden: please report it; turn the rule off meanwhile):', ...failed].forEach(
      line,
    );
  const total = counts.error + counts.warning + counts.info;
  const where = total > places ? ` at ${plural(places, 'place')}` : '';
  const parts = [
    `${plural(files.length, 'file')} checked: ${plural(total, 'finding')}${where} (${counts.error} errors, ${counts.warning} warnings, ${counts.info} info)`,
    ...(suppressed ? [`${suppressed} suppressed`] : []),
    ...(notAnalysed.length ? [`${notAnalysed.length} not analysed`] : []),
    ...(failed.length ? [`${plural(failed.length, 'rule failure')}`] : []),
  ];
  if (any && (notAnalysed.length || failed.length)) line('');
  line(parts.join(', '));
  flush();
}
