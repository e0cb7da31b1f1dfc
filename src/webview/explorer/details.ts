/**
 * The details pane of the selected row: its name, its flags with their sentences, the row's buttons
 * (Show policy for keys and secrets; Show activity, Investigate, Find in code, Copy ARN for every row),
 * the policy once asked, every field, and a finding's activity. Every AWS text with textContent.
 */
import type { FindingRow, KeyRow, SecretRow } from '../../core';
import type { ExplorerTab, PolicyState, RowAction } from '../../shared/explorerMessages';
import { button, element } from '../dom';
import { activityLine, findingFields, keyFields, secretFields, type Field } from './detailFields';
import { findingAttention } from './findingList';
import { keyName } from './keyList';
import { policyView } from './policyView';

export type Selected =
  | { readonly tab: 'keys'; readonly row: KeyRow }
  | { readonly tab: 'secrets'; readonly row: SecretRow }
  | { readonly tab: 'findings'; readonly row: FindingRow };

export interface DetailActions {
  readonly action: (action: RowAction) => void;
  readonly policy: () => void;
}

const ACTIONS: readonly (readonly [RowAction, string, string])[] = [
  ['showActivity', 'Show activity', 'The CloudTrail timeline of this resource'],
  ['investigate', 'Investigate', 'Run the investigation command on it'],
  ['findInCode', 'Find in code', 'The workspace files that reference it'],
  ['copyArn', 'Copy ARN', 'Copy its ARN to the clipboard'],
];

const HINT: Readonly<Record<ExplorerTab, string>> = {
  keys: 'Select a key to see its details.',
  secrets: 'Select a secret to see its details.',
  findings: 'Select a finding to see its details.',
};

/** Fills the pane for `selected` (or the hint when nothing is selected). */
export function drawDetails(
  pane: HTMLElement,
  tab: ExplorerTab,
  selected: Selected | undefined,
  policy: PolicyState | undefined,
  on: DetailActions,
): void {
  if (!selected) {
    pane.replaceChildren(element('p', 'note', HINT[tab]));
    return;
  }
  const parts: HTMLElement[] = [element('h2', 'details-title', titleOf(selected))];
  const sentences = flagSentences(selected);
  if (sentences.length > 0) parts.push(list('flags', sentences));
  if (selected.tab === 'keys' && selected.row.problems.length > 0) parts.push(list('problems', selected.row.problems));
  parts.push(buttons(selected, on));
  if (selected.tab !== 'findings' && policy) parts.push(policyView(policy));
  parts.push(fieldList(fieldsOf(selected)));
  if (selected.tab === 'findings') {
    parts.push(element('h3', '', 'Activity'));
    const lines = selected.row.activity.map(activityLine);
    parts.push(lines.length === 0 ? element('p', 'note', 'No activity recorded.') : list('activity', lines));
  }
  pane.replaceChildren(...parts);
}

function titleOf(selected: Selected): string {
  if (selected.tab === 'keys') return keyName(selected.row);
  if (selected.tab === 'secrets') return selected.row.name;
  return selected.row.title;
}

function flagSentences(selected: Selected): string[] {
  if (selected.tab !== 'findings') return selected.row.flags.map((f) => f.sentence);
  const attention = findingAttention(selected.row);
  return attention === undefined ? [] : [attention];
}

function fieldsOf(selected: Selected): Field[] {
  if (selected.tab === 'keys') return keyFields(selected.row);
  if (selected.tab === 'secrets') return secretFields(selected.row);
  return findingFields(selected.row);
}

function buttons(selected: Selected, on: DetailActions): HTMLElement {
  const bar = element('div', 'actions');
  if (selected.tab !== 'findings') {
    const show = button(
      'Show policy',
      selected.tab === 'keys' ? 'Read the key policy and lint it' : 'Read the resource policy and lint it',
    );
    show.addEventListener('click', on.policy);
    bar.append(show);
  }
  for (const [action, label, tooltip] of ACTIONS) {
    const b = button(label, tooltip, true);
    b.addEventListener('click', () => on.action(action));
    bar.append(b);
  }
  return bar;
}

function list(className: string, texts: readonly string[]): HTMLElement {
  const ul = element('ul', className);
  for (const text of texts) ul.append(element('li', '', text));
  return ul;
}

function fieldList(fields: readonly Field[]): HTMLElement {
  const dl = element('dl', 'fields');
  for (const f of fields) dl.append(element('dt', '', f.label), element('dd', '', f.value));
  return dl;
}
