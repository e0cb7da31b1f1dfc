/**
 * The security explorer's page: receives the connection, each tab's data and the policies asked for from
 * the extension host (validated), draws the tab shown (its Regions, filters, list and details) and sends
 * back what the person asks (load, refresh, a policy, a row's action) and what it drew. The view (tab,
 * filters, sort, selection) is kept in VS Code's webview state, so hiding the view (which unloads the
 * page) or reloading the window brings it back as it was.
 */
import type { FindingRow, KeyRow, SecretRow, SeverityLabel } from '../../core';
import { isHostMessage } from '../../shared/explorerGuards';
import {
  rowId,
  type ExplorerConnection,
  type ExplorerTab,
  type HostMessage,
  type PageMessage,
  type PolicyState,
  type TabData,
} from '../../shared/explorerMessages';
import { element } from '../dom';
import { drawDetails, type Selected } from './details';
import { findingFilterBar, listFilterBar } from './filterBars';
import { filterFindingRows, NO_FINDING_FILTER, SEVERITIES, sortFindingRows } from './findingList';
import { plural } from './format';
import { filterKeys, KEY_SORTS, sortKeys } from './keyList';
import { buildLayout } from './layout';
import { NO_LIST_FILTER } from './listFilter';
import { regionLines } from './regionStatus';
import { drawFindingRow, drawKeyRow, drawSecretRow } from './rowViews';
import { filterSecrets, SECRET_SORTS, sortSecrets } from './secretList';
import { restoredView, type ViewState } from './viewState';
import type { ListCallbacks } from './virtualList';
import './explorer.css';

interface WebviewApi {
  postMessage(message: PageMessage): void;
  getState(): unknown;
  setState(state: ViewState): void;
}
declare function acquireVsCodeApi(): WebviewApi;

// Tables first: the start-up below draws, and a `const` read before its line is a ReferenceError.
/** How each tab's rows are drawn in the list. */
const DRAW_ROW: { readonly [T in ExplorerTab]: (row: never, into: HTMLElement) => void } = {
  keys: drawKeyRow,
  secrets: drawSecretRow,
  findings: drawFindingRow,
};

const NOUNS: Readonly<Record<ExplorerTab, string>> = { keys: 'key', secrets: 'secret', findings: 'finding' };

const vscode = acquireVsCodeApi();
let view: ViewState = restoredView(vscode.getState());
let connection: ExplorerConnection | undefined;
const data: {
  keys?: TabData & { tab: 'keys' };
  secrets?: TabData & { tab: 'secrets' };
  findings?: TabData & { tab: 'findings' };
} = {};
/** Each tab's rows sorted, kept until its data or its sort changes: a filter change only filters. */
const sortedCache = new Map<
  ExplorerTab,
  { readonly rows: readonly unknown[]; readonly sort: unknown; readonly sorted: readonly unknown[] }
>();
const policies = new Map<string, PolicyState>();
/** A reveal whose row has not arrived yet: applied when its tab's data comes. */
let pendingReveal: { readonly tab: ExplorerTab; readonly id: string } | undefined;

const layout = buildLayout(document.getElementById('root') ?? document.body, showTab);
const bars = {
  keys: listFilterBar(KEY_SORTS, () => view.keys, {
    filter: (change) => updateView({ keys: { ...view.keys, filter: { ...view.keys.filter, ...change } } }),
    sort: (sort) => updateView({ keys: { ...view.keys, sort } }),
  }),
  secrets: listFilterBar(SECRET_SORTS, () => view.secrets, {
    filter: (change) => updateView({ secrets: { ...view.secrets, filter: { ...view.secrets.filter, ...change } } }),
    sort: (sort) => updateView({ secrets: { ...view.secrets, sort } }),
  }),
  findings: findingFilterBar(() => view.findings, {
    filter: (change) => updateView({ findings: { ...view.findings, filter: { ...view.findings.filter, ...change } } }),
    sort: (sort) => updateView({ findings: { ...view.findings, sort } }),
  }),
};

layout.refresh.addEventListener('click', () => vscode.postMessage({ type: 'load', tab: view.tab, fresh: true }));
window.addEventListener('message', (e: MessageEvent<unknown>) => {
  if (!isHostMessage(e.data)) {
    console.warn('CloudWarden explorer: a message of an unknown shape was ignored');
    return;
  }
  receive(e.data);
});
syncBars();
vscode.postMessage({ type: 'ready' });
showTab(view.tab);

function receive(message: HostMessage): void {
  switch (message.type) {
    case 'connection':
      connection = message.connection;
      drawConnection();
      if (!data[view.tab]) render();
      return;
    case 'tab':
      (data as Record<ExplorerTab, TabData>)[message.data.tab] = message.data;
      if (message.data.tab === view.tab) render();
      else drawCounts(message.data.tab);
      applyReveal();
      return;
    case 'policy':
      policies.set(policyKey(message.tab, message.id), message.policy);
      if (message.tab === view.tab && view[message.tab].selectedId === message.id) drawSelected();
      return;
    case 'reveal':
      if (message.text !== undefined) setTabText(message.tab, message.text);
      pendingReveal = message.id === undefined ? undefined : { tab: message.tab, id: message.id };
      showTab(message.tab);
      applyReveal();
      return;
  }
}

function showTab(tab: ExplorerTab): void {
  const changed = tab !== view.tab;
  view = { ...view, tab };
  layout.tabs.show(tab);
  layout.panel.setAttribute('aria-labelledby', `tab-${tab}`);
  layout.filterSlot.replaceChildren(bars[tab].element);
  layout.severityBar.hidden = tab !== 'findings';
  vscode.postMessage({ type: 'load', tab, fresh: false });
  if (changed || !data[tab]) layout.list.element.scrollTop = 0;
  render();
}

function updateView(change: Partial<ViewState>): void {
  view = { ...view, ...change };
  render();
}

/** Draws the tab shown: its Regions, counts, list and details; then says what it drew. */
function render(): void {
  const tab = view.tab;
  const current = data[tab];
  drawRegions(current);
  drawConnection();
  if (!current) {
    layout.list.show([], listCallbacks(tab), undefined, waitingText());
    layout.rowsNote.textContent = '';
    layout.severityBar.replaceChildren();
    drawSelected();
    save();
    return;
  }
  const shown = shownRows(tab);
  layout.list.show(shown, listCallbacks(tab), view[tab].selectedId, emptyText(current.rows.length));
  layout.rowsNote.textContent = rowsNote(tab, shown.length, current.rows.length);
  layout.tabs.setCount(tab, shown.length, current.rows.length);
  if (tab === 'findings') drawSeverityBar(current.rows as readonly FindingRow[]);
  drawSelected();
  save();
  vscode.postMessage({ type: 'rendered', tab, rows: shown.length, total: current.rows.length });
}

/** The tab's rows the filters let through, in the sort's order. */
function shownRows(tab: ExplorerTab): readonly unknown[] {
  const now = Date.now();
  if (tab === 'keys') return filterKeys(sorted('keys', data.keys!.rows, view.keys.sort, sortKeys), view.keys.filter);
  if (tab === 'secrets')
    return filterSecrets(sorted('secrets', data.secrets!.rows, view.secrets.sort, sortSecrets), view.secrets.filter);
  return filterFindingRows(
    sorted('findings', data.findings!.rows, view.findings.sort, sortFindingRows),
    view.findings.filter,
    now,
  );
}

function sorted<R, S>(tab: ExplorerTab, rows: readonly R[], sort: S, by: (rows: readonly R[], sort: S) => R[]): R[] {
  const cached = sortedCache.get(tab);
  if (cached && cached.rows === rows && cached.sort === sort) return cached.sorted as R[];
  const result = by(rows, sort);
  sortedCache.set(tab, { rows, sort, sorted: result });
  return result;
}

function listCallbacks(tab: ExplorerTab): ListCallbacks<unknown> {
  return {
    id: (row: KeyRow | SecretRow | FindingRow) => rowId(tab, row),
    draw: DRAW_ROW[tab],
    onSelect: (id: string) => updateSelection(tab, id),
    onEnter: () => layout.details.focus(),
  } as ListCallbacks<unknown>;
}

function updateSelection(tab: ExplorerTab, id: string): void {
  view = { ...view, [tab]: { ...view[tab], selectedId: id } };
  drawSelected();
  save();
}

/** The selected row of the tab shown, looked up in all its rows (a filter may hide it meanwhile). */
function selectedRow(): Selected | undefined {
  const tab = view.tab;
  const id = view[tab].selectedId;
  if (id === undefined) return undefined;
  if (tab === 'keys') {
    const row = data.keys?.rows.find((r) => rowId('keys', r) === id);
    return row && { tab, row };
  }
  if (tab === 'secrets') {
    const row = data.secrets?.rows.find((r) => rowId('secrets', r) === id);
    return row && { tab, row };
  }
  const row = data.findings?.rows.find((r) => rowId('findings', r) === id);
  return row && { tab, row };
}

function drawSelected(): void {
  const selected = selectedRow();
  const tab = view.tab;
  const id = view[tab].selectedId;
  const policy = selected && id !== undefined && tab !== 'findings' ? policies.get(policyKey(tab, id)) : undefined;
  drawDetails(layout.details, tab, selected, policy, {
    action: (action) => id !== undefined && vscode.postMessage({ type: 'action', action, tab, id }),
    policy: () => {
      if (id === undefined || tab === 'findings') return;
      policies.set(policyKey(tab, id), { state: 'loading' });
      drawSelected();
      vscode.postMessage({ type: 'policy', tab, id });
    },
  });
}

function applyReveal(): void {
  const reveal = pendingReveal;
  const current = reveal && data[reveal.tab];
  if (!reveal || !current || reveal.tab !== view.tab) return;
  const exists = (current.rows as readonly (KeyRow | SecretRow | FindingRow)[]).some(
    (r) => rowId(reveal.tab, r) === reveal.id,
  );
  if (!exists) {
    // Keep waiting while a Region is still loading: the row may be in its answer.
    if (!current.regions.some((r) => r.loading)) pendingReveal = undefined;
    return;
  }
  pendingReveal = undefined;
  if (!shownRows(reveal.tab).some((r) => rowId(reveal.tab, r as KeyRow) === reveal.id)) clearFilters(reveal.tab);
  view = { ...view, [reveal.tab]: { ...view[reveal.tab], selectedId: reveal.id } };
  render();
  layout.list.reveal(reveal.id);
}

function clearFilters(tab: ExplorerTab): void {
  if (tab === 'findings') view = { ...view, findings: { ...view.findings, filter: NO_FINDING_FILTER } };
  else view = { ...view, [tab]: { ...view[tab], filter: NO_LIST_FILTER } };
  syncBars();
}

function setTabText(tab: ExplorerTab, text: string): void {
  if (tab === 'findings') view = { ...view, findings: { ...view.findings, filter: { ...view.findings.filter, text } } };
  else view = { ...view, [tab]: { ...view[tab], filter: { ...view[tab].filter, text } } };
  syncBars();
}

function syncBars(): void {
  bars.keys.sync(view.keys);
  bars.secrets.sync(view.secrets);
  bars.findings.sync(view.findings);
}

function drawConnection(): void {
  layout.connection.textContent = connection?.sentence ?? 'Connecting…';
  layout.connection.className = `connection ${connection?.state ?? 'loading'}`;
}

function drawRegions(current: TabData | undefined): void {
  const lines = regionLines(current?.regions ?? [], Date.now());
  layout.regions.replaceChildren(...lines.map((line) => element('li', line.kind, line.text)));
}

function drawCounts(tab: ExplorerTab): void {
  layout.tabs.setCount(tab, undefined, data[tab]?.rows.length);
}

/** Open findings per severity, each a toggle that filters to that severity alone. */
function drawSeverityBar(rows: readonly FindingRow[]): void {
  const counts: Record<SeverityLabel, number> = { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0 };
  for (const row of rows) if (!row.archived) counts[row.severityLabel]++;
  const active = view.findings.filter.severities;
  layout.severityBar.replaceChildren(
    ...SEVERITIES.map((label) => {
      const only = active.length === 1 && active[0] === label;
      const b = element(
        'button',
        `count severity ${label.toLowerCase()}`,
        `${label[0]}${label.slice(1).toLowerCase()} ${counts[label]}`,
      );
      b.type = 'button';
      b.setAttribute('aria-pressed', String(only));
      b.title = only ? 'Show every severity' : `Show ${label.toLowerCase()} findings only`;
      b.addEventListener('click', () => {
        updateView({
          findings: { ...view.findings, filter: { ...view.findings.filter, severities: only ? [] : [label] } },
        });
        bars.findings.sync(view.findings);
      });
      return b;
    }),
  );
}

function rowsNote(tab: ExplorerTab, shown: number, total: number): string {
  if (total === 0) return '';
  return shown === total ? plural(total, NOUNS[tab]) : `${shown} of ${plural(total, NOUNS[tab])} match the filters`;
}

function emptyText(total: number): string {
  const noun = `${NOUNS[view.tab]}s`;
  if (total > 0) return `None of the ${noun} match the filters.`;
  const current = data[view.tab];
  return current?.regions.some((r) => r.loading) ? `Reading the ${noun}…` : `No ${noun} in the Regions read.`;
}

function waitingText(): string {
  if (connection?.state === 'off' || connection?.state === 'problem') return connection.sentence;
  return 'Loading…';
}

function policyKey(tab: ExplorerTab, id: string): string {
  return `${tab}\n${id}`;
}

function save(): void {
  vscode.setState(view);
}
