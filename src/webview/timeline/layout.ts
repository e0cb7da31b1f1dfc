/**
 * The page's elements, built once with DOM calls (no HTML strings: every text that reaches the page is
 * set with textContent). Controls are @vscode-elements components, so they look like VS Code's own.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';
import type { VscodeCheckbox } from '@vscode-elements/elements/dist/vscode-checkbox/vscode-checkbox.js';
import type { VscodeTextfield } from '@vscode-elements/elements/dist/vscode-textfield/vscode-textfield.js';
import { button, element, group } from '../dom';

export interface Layout {
  readonly title: HTMLElement;
  readonly query: HTMLElement;
  readonly notices: HTMLElement;
  readonly refresh: VscodeButton;
  readonly exportJson: VscodeButton;
  readonly exportCsv: VscodeButton;
  readonly summary: HTMLElement;
  readonly chart: HTMLElement;
  readonly principal: VscodeTextfield;
  readonly eventName: VscodeTextfield;
  readonly errorsOnly: VscodeCheckbox;
  readonly readOnlyOnly: VscodeCheckbox;
  readonly rowsNote: HTMLElement;
  readonly table: HTMLTableElement;
  readonly details: HTMLPreElement;
}

export function buildLayout(root: HTMLElement): Layout {
  const title = element('h1', 'title');
  const query = element('p', 'query');
  const notices = element('ul', 'notices');
  notices.setAttribute('aria-live', 'polite');
  const refresh = button('Refresh', 'Ask CloudTrail again, skipping the cache');
  const exportJson = button('Export JSON', 'Save the events the filters show as JSON', true);
  const exportCsv = button('Export CSV', 'Save the events the filters show as CSV', true);
  const summary = element('p', 'summary');
  const chart = element('div', 'chart');
  chart.setAttribute('role', 'img');
  const principal = textfield('Principal', 'user, role or session');
  const eventName = textfield('Event name', 'PutBucketPolicy, s3:');
  const errorsOnly = checkbox('Errors only');
  const readOnlyOnly = checkbox('Read-only only');
  const rowsNote = element('p', 'rows-note');
  const table = element('table', 'events');
  const details = element('pre', 'details');
  details.tabIndex = 0;

  root.append(
    group('header', title, query),
    group('toolbar', refresh, exportJson, exportCsv),
    notices,
    group('chart-area', summary, chart),
    group('filters', principal, eventName, errorsOnly, readOnlyOnly),
    rowsNote,
    group('split', group('table-wrap', table), group('details-wrap', element('h2', '', 'Event'), details)),
  );
  return {
    title,
    query,
    notices,
    refresh,
    exportJson,
    exportCsv,
    summary,
    chart,
    principal,
    eventName,
    errorsOnly,
    readOnlyOnly,
    rowsNote,
    table,
    details,
  };
}

function textfield(label: string, placeholder: string): VscodeTextfield {
  const field = element('vscode-textfield', '');
  field.placeholder = `${label}: ${placeholder}`;
  field.label = label;
  field.title = `Show events whose ${label.toLowerCase()} contains this text`;
  return field;
}

function checkbox(label: string): VscodeCheckbox {
  const box = element('vscode-checkbox', '');
  box.label = label;
  return box;
}
