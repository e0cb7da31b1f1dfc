/**
 * A report as Markdown to paste into a ticket or an incident channel: the same sections, in the same
 * order, as the report webview. Every value from the events is escaped, so an event field cannot break
 * out of its table cell or inject a link.
 */
import type { EventLine } from './eventLine';
import type { Investigation } from './model';
import type { Tally } from './tally';

/** Markdown's punctuation (and the pipe of tables), backslash-escaped; newlines flattened. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/([\\`*_{}[\]()<>#+\-.!|~])/g, '\\$1');
}

function code(text: string): string {
  // A code span holds anything but its own fence: use a longer fence than any run of backticks inside.
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/[\r\n]+/g, ' ')}${pad}${fence}`;
}

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
    e.eventTime,
    code(e.eventName),
    escapeMarkdown(e.principal),
    e.sourceIp === undefined ? '' : code(e.sourceIp),
    escapeMarkdown(e.region),
    e.errorCode === undefined ? '' : code(e.errorCode),
    e.resources.slice(0, 3).map(code).join(', '),
    e.detections.map(code).join(', '),
  ]);
}

const EVENT_HEADERS = ['Time', 'Event', 'Principal', 'Source', 'Region', 'Error', 'Resources', 'Detections'];

export function investigationMarkdown(report: Investigation): string {
  const { profile } = report.analysis;
  const out: string[] = [
    `# ${escapeMarkdown(report.title)}`,
    '',
    `**Severity: ${report.classification.severity}**. ${escapeMarkdown(report.classification.reason)}`,
    '',
    `Window ${report.since} to ${report.until}; source: ${escapeMarkdown(report.source)}; generated ${report.generatedAt} by CloudWarden.`,
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
          h.eventTime,
          h.severity,
          code(h.detection),
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
  if (report.analysis.permissionChanges.length > 0)
    out.push(
      '### Policy and permission changes',
      '',
      ...table(EVENT_HEADERS, eventRows(report.analysis.permissionChanges)),
      '',
    );
  out.push('### Related GuardDuty and Security Hub findings', '');
  if (report.analysis.findingsNote !== undefined) out.push(escapeMarkdown(report.analysis.findingsNote), '');
  else if (report.analysis.findings.length === 0) out.push('None.', '');
  else
    out.push(
      ...table(
        ['Severity', 'Type', 'Title', 'Region', 'Last seen', 'Shares'],
        report.analysis.findings.map((f) => [
          f.severityLabel,
          code(f.type),
          escapeMarkdown(f.title),
          escapeMarkdown(f.region),
          f.lastSeen ?? '',
          code(f.shares),
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
