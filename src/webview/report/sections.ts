/**
 * The report's sections, in the incident workflow's order, built with DOM calls: every value is set as
 * text (CloudTrail records names anyone may choose).
 */
import type { EventLine, Investigation, Tally } from '../../core';
import { element, group } from '../dom';
import { linkButton, pivotLinks, pivotOf, type Send } from './links';

function section(id: string, title: string, ...children: HTMLElement[]): HTMLElement {
  const s = element('section', id);
  s.setAttribute('aria-labelledby', `${id}-title`);
  const h = element('h2', '', title);
  h.id = `${id}-title`;
  s.append(h, ...children);
  return s;
}

function table(
  headers: readonly string[],
  rows: readonly (readonly (string | HTMLElement)[])[],
  className = '',
): HTMLTableElement {
  const t = element('table', className);
  const head = element('tr', '');
  for (const h of headers) head.append(element('th', '', h));
  t.createTHead().append(head);
  const body = t.createTBody();
  for (const row of rows) {
    const tr = element('tr', '');
    for (const cell of row) {
      const td = element('td', '');
      if (typeof cell === 'string') td.textContent = cell;
      else td.append(cell);
      tr.append(td);
    }
    body.append(tr);
  }
  return t;
}

function severityBadge(severity: string): HTMLElement {
  return element('span', `severity severity-${severity.toLowerCase()}`, severity);
}

export function summarySection(report: Investigation): HTMLElement {
  return section('summary', 'Summary', element('p', '', report.summary));
}

export function detectionSection(report: Investigation, send: Send): HTMLElement {
  const { counts, hits } = report.detection;
  if (counts.length === 0) return section('detection', 'Detection', element('p', 'empty', 'No detection fired.'));
  return section(
    'detection',
    `Detection (${hits.length})`,
    table(
      ['Severity', 'Detection', 'Hits', 'MITRE ATT&CK'],
      counts.map((c) => [severityBadge(c.severity), c.title, String(c.count), c.mitre]),
      'counts',
    ),
    table(
      ['Time', 'Severity', 'Detection', 'Principal', 'What happened'],
      hits.map((h) => [
        h.eventTime,
        severityBadge(h.severity),
        h.title,
        pivotOf(h.principal, 'principal')
          ? pivotLinks('principal', h.principal, send, shortArn(h.principal))
          : h.principal,
        h.sentence,
      ]),
      'hits',
    ),
  );
}

function shortArn(value: string): string {
  return value.startsWith('arn:') ? value.split(':').slice(5).join(':') || value : value;
}

function tallyList(
  title: string,
  list: readonly Tally[],
  send: Send,
  kind?: 'principal' | 'resource' | 'accessKey' | 'ip',
): HTMLElement[] {
  if (list.length === 0) return [];
  const ul = element('ul', 'tally');
  ul.setAttribute('aria-label', title);
  for (const t of list) {
    const li = element('li', '');
    const pivot = kind === undefined ? undefined : pivotOf(t.value, kind);
    li.append(
      pivot === undefined ? element('code', '', t.value) : pivotLinks(pivot, t.value, send),
      element('span', 'count', ` ${t.count}`),
    );
    ul.append(li);
  }
  return [element('h3', '', title), ul];
}

function eventRows(lines: readonly EventLine[], send: Send): (string | HTMLElement)[][] {
  return lines.map((e) => [
    e.eventTime,
    e.eventName,
    e.principalArn !== undefined ? pivotLinks('principal', e.principalArn, send, e.principal) : e.principal,
    e.sourceIp !== undefined ? pivotLinks('ip', e.sourceIp, send) : '',
    e.region,
    e.errorCode ?? '',
    e.resources.slice(0, 3).join(', '),
    e.detections.join(', '),
  ]);
}

const EVENT_HEADERS = ['Time', 'Event', 'Principal', 'Source', 'Region', 'Error', 'Resources', 'Detections'];

export function analysisSection(report: Investigation, send: Send): HTMLElement {
  const a = report.analysis;
  const p = a.profile;
  const stats = element(
    'p',
    'stats',
    `${p.events} events${p.firstSeen ? `, first ${p.firstSeen}, last ${p.lastSeen}` : ''}; ${p.changes} changes, ${p.reads} reads, ${p.errors} errors of which ${p.accessDenied} denied.`,
  );
  const parts: HTMLElement[] = [stats];
  if (a.focus)
    parts.push(element('h3', '', 'The event'), table(EVENT_HEADERS, eventRows([a.focus], send), 'events focus'));
  // Who changed who may do what first, as the Markdown has it.
  if (a.permissionChanges.length > 0)
    parts.push(
      element('h3', '', 'Policy and permission changes'),
      table(EVENT_HEADERS, eventRows(a.permissionChanges, send), 'events'),
    );
  parts.push(
    group(
      'tallies',
      ...[
        ...tallyList('Principals', p.principals, send, 'principal'),
        ...tallyList('Resources', p.resources, send, 'resource'),
        ...tallyList('Access keys', p.accessKeys, send, 'accessKey'),
        ...tallyList('Source addresses', p.sourceIps, send, 'ip'),
        ...tallyList('Actions', p.actions, send),
        ...tallyList('User agents', p.userAgents, send),
        ...tallyList('Regions', p.regions, send),
        ...tallyList('Errors', p.errorCodes, send),
      ].reduce<HTMLElement[]>((cells, el) => {
        // Headings and lists in pairs, one cell each, so the grid keeps them together.
        if (el.tagName === 'H3') cells.push(group('tally-cell', el));
        else cells[cells.length - 1]!.append(el);
        return cells;
      }, []),
    ),
  );
  if (a.unusual.length > 0) {
    const ul = element('ul', 'unusual');
    for (const u of a.unusual) ul.append(group('', element('code', '', u.value), element('span', '', ` ${u.detail}`)));
    parts.push(element('h3', '', 'Unusual'), ul);
  }
  parts.push(element('h3', '', 'Related GuardDuty and Security Hub findings'));
  if (a.findingsNote !== undefined) parts.push(element('p', 'empty', a.findingsNote));
  else if (a.findings.length === 0) parts.push(element('p', 'empty', 'None.'));
  else
    parts.push(
      table(
        ['Severity', 'Type', 'Title', 'Region', 'Last seen', 'Shares'],
        a.findings.map((f) => [severityBadge(f.severityLabel), f.type, f.title, f.region, f.lastSeen ?? '', f.shares]),
        'findings',
      ),
    );
  const shown =
    a.timeline.length < a.timelineTotal ? `newest ${a.timeline.length} of ${a.timelineTotal}` : String(a.timelineTotal);
  parts.push(element('h3', '', `Timeline (${shown} events)`));
  if (a.timeline.length > 0) parts.push(table(EVENT_HEADERS, eventRows(a.timeline, send), 'events timeline'));
  return section('analysis', 'Analysis', ...parts);
}

export function classificationSection(report: Investigation): HTMLElement {
  const { severity, reason } = report.classification;
  return section(
    'classification',
    'Classification',
    group('', severityBadge(severity), element('span', '', ` ${reason}`)),
  );
}

export function responseSection(report: Investigation): HTMLElement {
  const note = element('p', 'note', 'Written out for a person to review; CloudWarden runs none of it (it only reads).');
  if (report.response.length === 0)
    return section(
      'response',
      'Suggested response',
      note,
      element('p', 'empty', 'Nothing to contain: no detection fired and nothing is classified MEDIUM or above.'),
    );
  const ol = element('ol', 'steps');
  for (const step of report.response) {
    const li = element('li', '');
    li.append(element('strong', '', step.title), element('p', '', step.detail));
    if (step.command !== undefined) {
      const pre = element('pre', '');
      pre.append(element('code', '', step.command));
      li.append(pre);
    }
    ol.append(li);
  }
  return section('response', 'Suggested response', note, ol);
}

export function pivotsSection(report: Investigation, send: Send): HTMLElement {
  if (report.pivots.length === 0)
    return section('pivots', 'Pivots', element('p', 'empty', 'Nothing else to investigate.'));
  const ul = element('ul', 'pivots');
  for (const p of report.pivots) {
    const li = element('li', '');
    li.append(
      element('span', 'kind', `${p.kind}: `),
      pivotLinks(p.kind, p.value, send),
      element('span', 'count', ` ${p.count} events`),
    );
    ul.append(li);
  }
  return section('pivots', 'Pivots', ul);
}

/** The refresh link inside a notice (a failure, a cancellation). */
export function retryLink(send: Send): HTMLElement {
  return linkButton('Read again', 'Ask the activity source again', () => send({ type: 'refresh' }));
}
