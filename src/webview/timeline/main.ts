/**
 * The timeline page: receives the model from the extension host (validated), draws the chart, the table
 * and the selected event, and sends back the person's requests (refresh, export). The view (filters,
 * sort, selection) and the timeline's identity are kept in VS Code's webview state, so hiding the panel
 * (which unloads the page) or reloading the window brings it back as it was.
 */
import { isHostMessage, type PageMessage, type TimelineModel } from '../../shared/timelineMessages';
import type { ActivityEvent } from '../../core';
import { bucketEvents, chartWindow } from './buckets';
import { Chart } from './chart';
import { nextSort, sortEvents, type ColumnId } from './columns';
import { filterEvents, isNoFilter, type EventFilter } from './filters';
import { buildLayout, type Layout } from './layout';
import { describeQuery, noticesOf } from './notices';
import { EventTable, ROW_LIMIT } from './table';
import { isPageState, restoredView, type PageState, type ViewState } from './viewState';
import './timeline.css';

interface WebviewApi {
  postMessage(message: PageMessage): void;
  getState(): unknown;
  setState(state: PageState): void;
}
declare function acquireVsCodeApi(): WebviewApi;

const vscode = acquireVsCodeApi();
const layout = buildLayout(document.getElementById('root') ?? document.body);
const chart = new Chart(layout.chart);
const table = new EventTable(layout.table, onSort, onSelect);
const saved = vscode.getState();
let view: ViewState = restoredView(saved);
let model: TimelineModel | undefined;
/** The events the filters let through, in the table's order: what the export saves. */
let shown: ActivityEvent[] = [];

if (isPageState(saved)) layout.title.textContent = saved.target.title;
restoreControls(layout, view.filter);
wireControls(layout);
window.addEventListener('message', (e: MessageEvent<unknown>) => {
  if (!isHostMessage(e.data)) {
    console.warn('CloudWarden timeline: a message of an unknown shape was ignored');
    return;
  }
  model = e.data.model;
  render();
});
vscode.postMessage({ type: 'ready' });

function render(): void {
  if (!model) return;
  layout.title.textContent = model.target.title;
  layout.query.textContent = describeQuery(model);
  layout.notices.replaceChildren(
    ...noticesOf(model, Date.now()).map((n) => {
      const li = document.createElement('li');
      li.className = n.severity;
      li.textContent = n.text;
      return li;
    }),
  );
  layout.refresh.disabled = model.loading;
  const events = model.answer?.events ?? [];
  shown = sortEvents(filterEvents(events, view.filter), view.sort);
  layout.exportJson.disabled = shown.length === 0;
  layout.exportCsv.disabled = shown.length === 0;
  renderChart(model, shown);
  const rows = table.render(shown, view.sort, view.selectedId);
  layout.rowsNote.textContent = rowsNote(events.length, shown.length, rows, model);
  renderDetails();
  save();
  vscode.postMessage({ type: 'rendered', rows, total: events.length });
}

function renderChart(current: TimelineModel, events: readonly ActivityEvent[]): void {
  const query = current.target.query;
  // The source's counts by day draw the events it did not list, unless filters narrow what is drawn
  // (the counts know nothing of the page's filters).
  const answer = current.answer;
  const days = answer?.days && answer.total !== undefined && isNoFilter(view.filter) ? answer.days : undefined;
  const [from, to] = chartWindow(events, query.since, query.until, answer?.fetchedAt ?? Date.now());
  const buckets = bucketEvents(events, from, to, days);
  chart.show(buckets);
  const count = (list: readonly number[]) => list.reduce((a, b) => a + b, 0);
  const [read, write, error] = [count(buckets.read), count(buckets.write), count(buckets.error)];
  const unlisted = count(buckets.unlisted);
  const listed = `${read} read, ${write} write, ${error} failed`;
  // Before the first answer there is nothing to count: "0 events" would be a claim.
  const text = !answer
    ? ''
    : unlisted > 0
      ? `${events.length + unlisted} events (the newest ${events.length} listed: ${listed}) · per ${buckets.unit} (UTC)`
      : `${events.length} event${events.length === 1 ? '' : 's'}: ${listed} · per ${buckets.unit} (UTC)`;
  layout.summary.textContent = text;
  layout.chart.setAttribute('aria-label', `Events over time, ${text}`);
}

function rowsNote(total: number, matching: number, drawn: number, current: TimelineModel): string {
  if (!current.answer) return current.loading ? '' : 'No answer yet.';
  if (total === 0) return 'No events in this window.';
  if (matching === 0) return `None of the ${total} events matches the filters.`;
  const filtered = matching < total ? `${matching} of ${total} events match the filters` : `${total} events`;
  return drawn < matching
    ? `${filtered}; the first ${ROW_LIMIT} are listed (narrow with the filters; export saves all ${matching}).`
    : `${filtered}.`;
}

function renderDetails(): void {
  const event = shown.find((e) => e.eventId === view.selectedId);
  layout.details.textContent = event ? JSON.stringify(event, null, 2) : "Select a row to see the event's JSON.";
}

function onSort(column: ColumnId): void {
  view = { ...view, sort: nextSort(view.sort, column) };
  render();
}

function onSelect(eventId: string): void {
  view = { ...view, selectedId: eventId };
  renderDetails();
  save();
}

function setFilter(change: Partial<EventFilter>): void {
  view = { ...view, filter: { ...view.filter, ...change } };
  render();
}

function save(): void {
  if (!model) return;
  vscode.setState({ target: model.target, ...(model.notice !== undefined && { notice: model.notice }), view });
}

function restoreControls(l: Layout, filter: EventFilter): void {
  l.principal.value = filter.principal;
  l.eventName.value = filter.eventName;
  l.errorsOnly.checked = filter.errorsOnly;
  l.readOnlyOnly.checked = filter.readOnlyOnly;
}

function wireControls(l: Layout): void {
  let typing: ReturnType<typeof setTimeout> | undefined;
  const onText = () => {
    clearTimeout(typing);
    typing = setTimeout(() => setFilter({ principal: l.principal.value, eventName: l.eventName.value }), 120);
  };
  l.principal.addEventListener('input', onText);
  l.eventName.addEventListener('input', onText);
  l.errorsOnly.addEventListener('change', () => setFilter({ errorsOnly: l.errorsOnly.checked }));
  l.readOnlyOnly.addEventListener('change', () => setFilter({ readOnlyOnly: l.readOnlyOnly.checked }));
  l.refresh.addEventListener('click', () => vscode.postMessage({ type: 'refresh' }));
  const exportAs = (format: 'json' | 'csv') =>
    vscode.postMessage({ type: 'export', format, eventIds: shown.map((e) => e.eventId) });
  l.exportJson.addEventListener('click', () => exportAs('json'));
  l.exportCsv.addEventListener('click', () => exportAs('csv'));
}
