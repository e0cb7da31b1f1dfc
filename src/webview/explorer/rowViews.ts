/**
 * What one list row shows, drawn into the row element the virtual list made: a first line with the
 * hygiene flag (a badge whose title is the flag's sentence) and the name, a second line of facts. Every
 * text with textContent.
 */
import type { FindingRow, KeyRow, SecretRow } from '../../core';
import { findingAttention, findingSummary } from './findingList';
import { formatDate } from './format';
import { keyName, keySummary } from './keyList';
import { secretSummary } from './secretList';

function span(className: string, text: string): HTMLSpanElement {
  const el = document.createElement('span');
  el.className = className;
  el.textContent = text;
  return el;
}

/** The flag badge: the sentences in its title, and said to screen readers. */
function flagBadge(sentences: readonly string[]): HTMLSpanElement | undefined {
  if (sentences.length === 0) return undefined;
  const badge = span('flag', '⚠');
  badge.title = sentences.join('\n');
  badge.setAttribute('aria-label', `Flagged: ${sentences.join(' ')}`);
  badge.setAttribute('role', 'img');
  return badge;
}

function lines(row: HTMLElement, lead: readonly (HTMLElement | undefined)[], name: string, facts: string): void {
  const first = document.createElement('div');
  first.className = 'line';
  first.append(...lead.filter((e): e is HTMLElement => e !== undefined), span('name', name));
  row.append(first, span('facts', facts));
  row.title = name;
}

export function drawKeyRow(key: KeyRow, row: HTMLElement): void {
  lines(
    row,
    [flagBadge(key.flags.map((f) => f.sentence))],
    keyName(key),
    key.flags.length === 0 ? keySummary(key) : `${keySummary(key)} · ${key.flags.length} flagged`,
  );
}

export function drawSecretRow(secret: SecretRow, row: HTMLElement): void {
  lines(row, [flagBadge(secret.flags.map((f) => f.sentence))], secret.name, secretSummary(secret));
}

export function drawFindingRow(finding: FindingRow, row: HTMLElement): void {
  const attention = findingAttention(finding);
  const severity = span(`severity ${finding.severityLabel.toLowerCase()}`, finding.severityLabel);
  lines(
    row,
    [flagBadge(attention === undefined ? [] : [attention]), severity],
    finding.title,
    `${findingSummary(finding)} · updated ${formatDate(finding.updatedAt)}`,
  );
  if (finding.archived) row.classList.add('archived');
}
