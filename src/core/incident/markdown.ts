/**
 * A report as Markdown to paste into a ticket or an incident channel: the same sections, in the same
 * order, as the report webview. Every value from the events is escaped, so an event field cannot break
 * out of its table cell or inject a link.
 */
import type { EventLine } from './eventLine';
import type { Investigation } from './model';
import type { Tally } from './tally';

/**
 * Text that Markdown shows as written: backslashes, emphasis, code, brackets (no link can form), angle
 * brackets (no HTML, no autolink), table pipes and strikethrough escaped; a line-start marker (heading,
 * list, quote, numbered list) escaped; `://` and `www.` broken so no bare URL becomes a link; newlines
 * flattened. Hyphens, dots and parentheses elsewhere stay as they are, so the text reads plainly.
 */
function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/([\\`*_[\]<>|~])/g, '\\$1')
    .replace(/^(\s*)([#>+-]|\d+[.)])/, '$1\\$2')
    .replace(/:\/\//g, ':\\/\\/')
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`);
}

/**
 * A code span: anything but its own fence shows as written, so a fence longer than any run of backticks
 * inside is used. In a table cell a pipe still ends the cell (GFM splits rows before reading spans), so
 * there it is escaped too.
 */
function code(text: string, inTable = false): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const body = inTable ? flat.replace(/\|/g, '\\|') : flat;
  const longest = Math.max(0, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = body.startsWith('`') || body.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${body}${pad}${fence}`;
}

const cellCode = (text: string): string => code(text, true);

/** A command in a fenced block longer than any run of backticks it holds, indented under its list item. */
function fenced(command: string): string[] {
  const longest = Math.max(2, ...[...command.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return [`   ${fence}sh`, `   ${command.replace(/[\r\n]+/g, ' ')}`, `   ${fence}`];
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}

function tallies(title: string, list: readonly Tally[]): string[] {
  if (list.length === 0) return [];
  return [`**${title}:** ${list.map((t) => `${code(t.value)} (${t.count})`).join(', ')}`, ''];
}

function eventRows(lines: readonly EventLine[]): string[][] {
  return lines.map((e) => [
    escapeMarkdown(e.eventTime),
    cellCode(e.eventName),
    escapeMarkdown(e.principal),
    e.sourceIp === undefined ? '' : cellCode(e.sourceIp),
    escapeMarkdown(e.region),
    e.errorCode === undefined ? '' : cellCode(e.errorCode),
    e.resources.slice(0, 3).map(cellCode).join(', '),
    e.detections.map(cellCode).join(', '),
  ]);
}

const EVENT_HEADERS = ['Time', 'Event', 'Principal', 'Source', 'Region', 'Error', 'Resources', 'Detections'];

/** The window as a sentence: a start at the epoch is "everything the source holds". */
function windowText(report: Investigation): string {
  return report.since === new Date(0).toISOString()
    ? `Every event up to ${report.until}`
    : `Window ${report.since} to ${report.until}`;
}

export function investigationMarkdown(report: Investigation): string {
  const { profile } = report.analysis;
  const out: string[] = [
    `# ${escapeMarkdown(report.title)}`,
    '',
    `**Severity: ${report.classification.severity}**. ${escapeMarkdown(report.classification.reason)}`,
    '',
    `${windowText(report)}; source: ${escapeMarkdown(report.source)}; generated ${report.generatedAt} by CloudWarden.`,
    '',
    ...(report.partial.length > 0 ? ['> **Partial.** ' + report.partial.map(escapeMarkdown).join(' '), ''] : []),
    '## Summary',
    '',
    escapeMarkdown(report.summary),
    '',
    '## Detection',
    '',
  ];
  if (report.detection.counts.length === 0) out.push('No detection fired.', '');
  else {
    out.push(
      ...table(
        ['Severity', 'Detection', 'Hits', 'MITRE ATT&CK'],
        report.detection.counts.map((c) => [
          c.severity,
          escapeMarkdown(c.title),
          String(c.count),
          escapeMarkdown(c.mitre),
        ]),
      ),
      '',
      ...table(
        ['Time', 'Severity', 'Detection', 'Principal', 'What happened'],
        report.detection.hits.map((h) => [
          escapeMarkdown(h.eventTime),
          h.severity,
          cellCode(h.detection),
          escapeMarkdown(h.principal),
          escapeMarkdown(h.sentence),
        ]),
      ),
      '',
    );
  }
  out.push('## Analysis', '');
  out.push(
    `${profile.events} events` +
      (profile.firstSeen ? `, first ${profile.firstSeen}, last ${profile.lastSeen}` : '') +
      `; ${profile.changes} changes, ${profile.reads} reads, ${profile.errors} errors of which ${profile.accessDenied} denied.`,
    '',
  );
  if (report.analysis.focus)
    out.push(
      `**The event:** ${eventRows([report.analysis.focus])[0]!
        .filter((c) => c !== '')
        .join(' · ')}`,
      '',
    );
  // Who changed who may do what comes first: it is what a reviewer reads before anything else.
  if (report.analysis.permissionChanges.length > 0)
    out.push(
      '### Policy and permission changes',
      '',
      ...table(EVENT_HEADERS, eventRows(report.analysis.permissionChanges)),
      '',
    );
  out.push(
    ...tallies('Principals', profile.principals),
    ...tallies('Actions', profile.actions),
    ...tallies('Resources', profile.resources),
    ...tallies('Access keys', profile.accessKeys),
    ...tallies('Source addresses', profile.sourceIps),
    ...tallies('User agents', profile.userAgents),
    ...tallies('Regions', profile.regions),
    ...tallies('Errors', profile.errorCodes),
  );
  if (report.analysis.unusual.length > 0) {
    out.push(
      '### Unusual',
      '',
      ...report.analysis.unusual.map((u) => `- ${code(u.value)}: ${escapeMarkdown(u.detail)}`),
      '',
    );
  }
  out.push('### Related GuardDuty and Security Hub findings', '');
  if (report.analysis.findingsNote !== undefined) out.push(escapeMarkdown(report.analysis.findingsNote), '');
  else if (report.analysis.findings.length === 0) out.push('None.', '');
  else
    out.push(
      ...table(
        ['Severity', 'Type', 'Title', 'Region', 'Last seen', 'Shares'],
        report.analysis.findings.map((f) => [
          f.severityLabel,
          cellCode(f.type),
          escapeMarkdown(f.title),
          escapeMarkdown(f.region),
          f.lastSeen ?? '',
          cellCode(f.shares),
        ]),
      ),
      '',
    );
  const { timeline, timelineTotal } = report.analysis;
  out.push(
    `### Timeline (${timeline.length < timelineTotal ? `newest ${timeline.length} of ${timelineTotal}` : timelineTotal} events)`,
    '',
  );
  if (timeline.length > 0) out.push(...table(EVENT_HEADERS, eventRows(timeline)), '');
  out.push(
    '## Classification',
    '',
    `**${report.classification.severity}**: ${escapeMarkdown(report.classification.reason)}`,
    '',
  );
  out.push(
    '## Suggested response',
    '',
    '_Written out for a person to review; CloudWarden runs none of it (it only reads)._',
    '',
  );
  if (report.response.length === 0)
    out.push('Nothing to contain: no detection fired and nothing is classified MEDIUM or above.', '');
  report.response.forEach((step, i) => {
    out.push(`${i + 1}. **${escapeMarkdown(step.title)}**. ${escapeMarkdown(step.detail)}`);
    if (step.command !== undefined) out.push('', ...fenced(step.command));
  });
  if (report.response.length > 0) out.push('');
  if (report.pivots.length > 0) {
    out.push('## Pivots', '', '_Investigate next (command palette or `cloudwarden investigate`):_', '');
    out.push(...report.pivots.map((p) => `- ${p.kind}: ${code(p.value)} (${p.count} events)`), '');
  }
  return out.join('\n');
}
