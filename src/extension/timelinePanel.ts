import * as vscode from 'vscode';
import { ActivityRequest } from '../shared/protocol';
import {
  isPageMessage,
  isSavedTimeline,
  type ActivityTarget,
  type ExportFormat,
  type TimelineModel,
} from '../shared/timelineMessages';
import { timelineKey } from './activityTarget';
import { exportContent, exportFileName } from './exportContent';
import type { ServerHandle } from './serverHandle';
import { loadPage, OpenPanels, pageOptions } from './webviewPage';

const VIEW_TYPE = 'cloudwarden.timeline';
/** Pages of 50 per Region: 1,000 events, ten seconds at CloudTrail's pace (as `cloudwarden trail`). */
const MAX_PAGES = 20;

/** An open timeline as the tests see it through the extension's API. */
export interface TimelineView {
  readonly key: string;
  readonly title: string;
  readonly target: ActivityTarget;
  readonly notice?: string;
  readonly loading: boolean;
  readonly failure?: string;
  /** Events in the server's answer; undefined before the first. */
  readonly events?: number;
  readonly problems: readonly string[];
  readonly truncated: readonly string[];
  /** Where the answer came from (absent: LookupEvents) and what Athena or Lake scanned for it. */
  readonly source?: string;
  readonly bytesScanned?: number;
  /** Every matching event the source counted (log files), and those its counts by day add up to. */
  readonly total?: number;
  readonly countedByDay?: number;
  /** What could not be read, as `where: reason` (a log file's path, a Region and event id). */
  readonly unreadable: readonly string[];
  /** What the page last said it drew (rows listed, events in all); undefined until it has drawn. */
  readonly rendered?: { readonly rows: number; readonly total: number };
}

/**
 * The CloudTrail timelines: one webview panel per question (asking again reveals it), restored after a
 * window reload from the state the page saved.
 */
export class TimelinePanels implements vscode.Disposable {
  private readonly panels = new OpenPanels<TimelinePanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly server: ServerHandle,
    private readonly output: vscode.OutputChannel,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          if (isSavedTimeline(state)) this.adopt(panel, state.target, state.notice);
          else panel.dispose();
        },
      }),
    );
  }

  show(target: ActivityTarget, notice?: string): void {
    const open = this.panels.get(timelineKey(target, Date.now()));
    if (open) {
      open.reveal(notice);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      target.title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      pageOptions(this.context.extensionUri),
    );
    this.adopt(panel, target, notice);
  }

  views(): TimelineView[] {
    return this.panels.all().map((p) => p.view());
  }

  /** Writes a timeline's events (all of them, or these ids) to `uri` without a dialog; returns how many. */
  async exportTo(key: string, format: ExportFormat, uri: vscode.Uri, eventIds?: readonly string[]): Promise<number> {
    const panel = this.panels.get(key);
    if (!panel) throw new Error(`No timeline is open with the key ${key}`);
    return panel.writeExport(format, uri, eventIds);
  }

  private adopt(panel: vscode.WebviewPanel, target: ActivityTarget, notice: string | undefined): void {
    const key = timelineKey(target, Date.now());
    const timeline = new TimelinePanel(key, panel, target, notice, this.context, this.server, this.output);
    this.panels.add(key, panel, timeline);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.panels.dispose();
  }
}

class TimelinePanel {
  private model: TimelineModel;
  private request = 0;
  private disposed = false;
  private rendered: { rows: number; total: number } | undefined;

  constructor(
    readonly key: string,
    private readonly panel: vscode.WebviewPanel,
    target: ActivityTarget,
    notice: string | undefined,
    context: vscode.ExtensionContext,
    private readonly server: ServerHandle,
    private readonly output: vscode.OutputChannel,
  ) {
    this.model = { target, loading: true, ...(notice !== undefined && { notice }) };
    panel.title = target.title;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    const webview = panel.webview;
    loadPage(webview, context.extensionUri, 'timeline', 'CloudTrail activity');
    webview.onDidReceiveMessage((message: unknown) => void this.receive(message));
    panel.onDidDispose(() => {
      this.disposed = true;
    });
    void this.load(false);
  }

  reveal(notice: string | undefined): void {
    if (notice !== undefined && notice !== this.model.notice) {
      this.model = { ...this.model, notice };
      this.post();
    }
    this.panel.reveal();
  }

  view(): TimelineView {
    const m = this.model;
    return {
      key: this.key,
      title: this.panel.title,
      target: m.target,
      loading: m.loading,
      problems: m.answer?.problems.map((p) => p.sentence) ?? [],
      truncated: m.answer?.truncated ?? [],
      unreadable:
        m.answer?.unreadable.map((u) => `${u.file ?? [u.region, u.eventId].filter(Boolean).join(' ')}: ${u.reason}`) ??
        [],
      ...(m.notice !== undefined && { notice: m.notice }),
      ...(m.failure !== undefined && { failure: m.failure }),
      ...(m.answer && { events: m.answer.events.length }),
      ...(m.answer?.source !== undefined && { source: m.answer.source }),
      ...(m.answer?.bytesScanned !== undefined && { bytesScanned: m.answer.bytesScanned }),
      ...(m.answer?.total !== undefined && { total: m.answer.total }),
      ...(m.answer?.days && { countedByDay: m.answer.days.reduce((n, d) => n + d.count, 0) }),
      ...(this.rendered && { rendered: this.rendered }),
    };
  }

  private async receive(message: unknown): Promise<void> {
    if (!isPageMessage(message)) {
      this.output.appendLine('The timeline page sent a message of an unknown shape; it was ignored.');
      return;
    }
    switch (message.type) {
      case 'ready':
        return this.post();
      case 'refresh':
        return this.load(true);
      case 'rendered':
        this.rendered = { rows: message.rows, total: message.total };
        return;
      case 'export':
        return this.exportWithDialog(message.format, message.eventIds);
    }
  }

  /** Asks the server; a newer request (a refresh) wins over an older one still on its way. */
  private async load(fresh: boolean): Promise<void> {
    const mine = ++this.request;
    this.model = { ...this.model, loading: true, failure: undefined };
    this.post();
    const { target } = this.model;
    try {
      const answer = await this.server.request(ActivityRequest.type, {
        query: target.query,
        maxPages: MAX_PAGES,
        ...(fresh && { fresh: true }),
      });
      if (mine !== this.request || this.disposed) return;
      this.model = { ...this.model, answer, loading: false };
    } catch (error) {
      if (mine !== this.request || this.disposed) return;
      this.output.appendLine(`The activity request for "${target.title}" failed: ${String(error)}`);
      this.model = {
        ...this.model,
        loading: false,
        failure: `The CloudWarden language server did not answer (${error instanceof Error ? error.message : String(error)}); the output has details.`,
      };
    }
    this.post();
  }

  /** A hidden page is unloaded and misses messages: it sends `ready` when shown, and gets the model then. */
  private post(): void {
    if (!this.disposed) void this.panel.webview.postMessage({ type: 'update', model: this.model });
  }

  private async exportWithDialog(format: ExportFormat, eventIds: readonly string[]): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = exportFileName(this.model.target.title, format, Date.now());
    const uri = await vscode.window.showSaveDialog({
      title: 'CloudWarden: export CloudTrail events',
      saveLabel: 'Export',
      filters: format === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
      ...(folder && { defaultUri: vscode.Uri.joinPath(folder, name) }),
    });
    if (!uri) return;
    try {
      const count = await this.writeExport(format, uri, eventIds);
      const choice = await vscode.window.showInformationMessage(
        `CloudWarden: exported ${count} event${count === 1 ? '' : 's'} to ${vscode.workspace.asRelativePath(uri)}.`,
        'Open',
      );
      if (choice) await vscode.window.showTextDocument(uri);
    } catch (error) {
      void vscode.window.showErrorMessage(`CloudWarden: the export failed: ${String(error)}`);
    }
  }

  async writeExport(format: ExportFormat, uri: vscode.Uri, eventIds?: readonly string[]): Promise<number> {
    const answer = this.model.answer;
    if (!answer) throw new Error('the timeline has no events yet');
    const { text, count } = exportContent(format, answer, eventIds ?? answer.events.map((e) => e.eventId));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    return count;
  }

  dispose(): void {
    this.panel.dispose();
  }
}
