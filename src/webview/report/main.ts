/**
 * An investigation report's page: receives the model from the extension host (checked whole), draws the
 * report's sections in the incident workflow's order, and sends back the person's requests (refresh,
 * export, copy, pivots). Only the request and the title are kept in the webview state: a hidden page is
 * unloaded, and asks for the model again when shown.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import {
  isReportHostMessage,
  type InvestigationModel,
  type ReportPageMessage,
  type SavedInvestigation,
} from '../../shared/investigationMessages';
import { button, element, group } from '../dom';
import {
  analysisSection,
  classificationSection,
  detectionSection,
  pivotsSection,
  responseSection,
  retryLink,
  summarySection,
} from './sections';
import './report.css';

interface WebviewApi {
  postMessage(message: ReportPageMessage): void;
  setState(state: SavedInvestigation): void;
}
declare function acquireVsCodeApi(): WebviewApi;

const vscode = acquireVsCodeApi();
const send = (message: ReportPageMessage) => vscode.postMessage(message);

const root = document.getElementById('root') ?? document.body;
const title = element('h1', 'title');
const meta = element('p', 'meta');
const notices = element('ul', 'notices');
notices.setAttribute('aria-live', 'polite');
const refresh = button('Refresh', 'Ask the activity source again, skipping the cache');
const exportMarkdown = button('Export Markdown', 'Save the report as a Markdown file', true);
const copyMarkdown = button('Copy Markdown', 'Copy the report as Markdown', true);
const body = element('main', 'report');
refresh.addEventListener('click', () => send({ type: 'refresh' }));
exportMarkdown.addEventListener('click', () => send({ type: 'exportMarkdown' }));
copyMarkdown.addEventListener('click', () => send({ type: 'copyMarkdown' }));
root.append(title, meta, group('toolbar', refresh, exportMarkdown, copyMarkdown), notices, body);

window.addEventListener('message', (e: MessageEvent<unknown>) => {
  if (!isReportHostMessage(e.data)) {
    console.warn('CloudWarden investigation: a message of an unknown shape was ignored');
    return;
  }
  render(e.data.model);
});
send({ type: 'ready' });

function notice(text: string, kind: string, ...extra: HTMLElement[]): HTMLElement {
  const li = element('li', kind, text);
  if (extra.length > 0) li.append(' ', ...extra);
  return li;
}

function render(model: InvestigationModel): void {
  vscode.setState({ request: model.request, title: model.title });
  const report = model.report;
  title.textContent = report?.title ?? model.title;
  meta.textContent = report
    ? `${report.since} to ${report.until} · ${report.source} · generated ${report.generatedAt}`
    : '';
  refresh.disabled = model.loading;
  exportMarkdown.disabled = model.loading || !report;
  copyMarkdown.disabled = model.loading || !report;
  notices.replaceChildren(
    ...(model.loading ? [notice('Reading CloudTrail and running the detections…', 'info')] : []),
    ...(model.failure !== undefined ? [notice(model.failure, 'error', retryLink(send))] : []),
    ...(report?.partial ?? []).map((p) => notice(`Partial: ${p}`, 'warning')),
  );
  if (!report) {
    body.replaceChildren();
    return;
  }
  body.replaceChildren(
    summarySection(report),
    detectionSection(report, send),
    analysisSection(report, send),
    classificationSection(report),
    responseSection(report),
    pivotsSection(report, send),
  );
  send({
    type: 'rendered',
    hits: body.querySelectorAll('table.hits tbody tr').length,
    timeline: body.querySelectorAll('table.timeline tbody tr').length,
    pivots: body.querySelectorAll('ul.pivots > li').length,
  });
}
