/**
 * Investigation reports: one webview panel per subject (asking again about the same subject reads it
 * again in that panel), the server's report drawn by the page, pivots opening the next report, the
 * Markdown exported or copied. Restored after a window reload from the request the page saved.
 */
import * as vscode from 'vscode';
import {
  isReportPageMessage,
  isSavedInvestigation,
  type InvestigationModel,
  type ReportPageMessage,
} from '../shared/investigationMessages';
import { InvestigateRequest } from '../shared/protocol';
import { findInCode } from './explorerFindInCode';
import type { ActivityTarget } from '../shared/timelineMessages';
import type { ServerHandle } from './serverHandle';
import { loadPage, OpenPanels, pageOptions } from './webviewPage';

const VIEW_TYPE = 'cloudwarden.investigation';

/** An open report as the tests see it through the extension's API. */
export interface InvestigationView {
  readonly key: string;
  readonly title: string;
  readonly request: InvestigateRequest.Params;
  readonly loading: boolean;
  readonly failure?: string;
  readonly severity?: string;
  /** Detection ids that fired, one per hit. */
  readonly hits?: readonly string[];
  readonly events?: number;
  readonly timeline?: number;
  readonly pivots?: readonly { readonly kind: string; readonly value: string }[];
  readonly partial?: readonly string[];
  readonly findings?: number;
  readonly findingsNote?: string;
  readonly response?: readonly string[];
  /** What the page last said it drew. */
  readonly rendered?: { readonly hits: number; readonly timeline: number; readonly pivots: number };
}

type PivotKind = Extract<ReportPageMessage, { type: 'pivot' }>['kind'];

/** The panel's key: one per subject. */
function investigationKey(request: InvestigateRequest.Params): string {
  const { subject } = request;
  return subject.kind === 'window' ? 'window' : `${subject.kind}:${subject.value}`;
}

export class InvestigationPanels implements vscode.Disposable {
  private readonly panels = new OpenPanels<InvestigationPanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly server: ServerHandle,
    private readonly output: vscode.OutputChannel,
    /** Opens a subject's CloudTrail timeline (the showActivity command). */
    private readonly openTimeline: (kind: PivotKind, value: string, since: number) => void,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          if (isSavedInvestigation(state)) this.adopt(panel, state.request, state.title);
          else panel.dispose();
        },
      }),
    );
  }

  show(request: InvestigateRequest.Params, title: string): void {
    const open = this.panels.get(investigationKey(request));
    if (open) {
      open.ask(request, title);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      title,
      // Beside the code it is about; alone when no editor is open (Beside would leave an empty group).
      {
        viewColumn: vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active,
        preserveFocus: false,
      },
      pageOptions(this.context.extensionUri),
    );
    this.adopt(panel, request, title);
  }

  views(): InvestigationView[] {
    return this.panels.all().map((p) => p.view());
  }

  /** Writes a report's Markdown to `uri` without a dialog (tests); returns its length. */
  async exportTo(key: string, uri: vscode.Uri): Promise<number> {
    const panel = this.panels.get(key);
    if (!panel) throw new Error(`No investigation is open with the key ${key}`);
    return panel.writeMarkdown(uri);
  }

  private adopt(panel: vscode.WebviewPanel, request: InvestigateRequest.Params, title: string): void {
    const key = investigationKey(request);
    const report = new InvestigationPanel(panel, request, title, this.context, {
      server: this.server,
      output: this.output,
      pivot: (kind, value) => this.show({ subject: { kind, value }, since: request.since }, titleOf(kind, value)),
      timeline: (kind, value) => this.openTimeline(kind, value, request.since),
    });
    this.panels.add(key, panel, report);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.panels.dispose();
  }
}

const NOUNS: Readonly<Record<PivotKind | 'event' | 'window', string>> = {
  principal: 'Principal',
  resource: 'Resource',
  accessKey: 'Access key',
  ip: 'Address',
  event: 'Event',
  window: 'Security events',
};

/** A panel's title: the subject's noun and its last path segment (the tab is narrow; the page shows all). */
export function titleOf(kind: keyof typeof NOUNS, value?: string): string {
  if (value === undefined) return NOUNS[kind];
  const short = value.length > 40 ? `…${value.slice(value.lastIndexOf('/') + 1 || -40)}` : value;
  return `${NOUNS[kind]}: ${short}`;
}

/** The CloudTrail timeline of a pivot: its events since the report's start. */
export function timelineOfPivot(kind: PivotKind, value: string, since: number): ActivityTarget {
  const field = kind === 'accessKey' ? 'accessKeyId' : kind === 'ip' ? 'sourceIp' : kind;
  return { query: { [field]: value, since }, title: `CloudTrail: ${titleOf(kind, value)}` };
}

interface PanelHooks {
  readonly server: ServerHandle;
  readonly output: vscode.OutputChannel;
  readonly pivot: (kind: PivotKind, value: string) => void;
  readonly timeline: (kind: PivotKind, value: string) => void;
}

class InvestigationPanel {
  private model: InvestigationModel;
  private markdown: string | undefined;
  private request = 0;
  private disposed = false;
  private cancel: vscode.CancellationTokenSource | undefined;
  private rendered: InvestigationView['rendered'];

  constructor(
    private readonly panel: vscode.WebviewPanel,
    request: InvestigateRequest.Params,
    title: string,
    context: vscode.ExtensionContext,
    private readonly hooks: PanelHooks,
  ) {
    this.model = { request, title, loading: true };
    panel.title = title;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    const webview = panel.webview;
    loadPage(webview, context.extensionUri, 'report', 'CloudWarden investigation');
    webview.onDidReceiveMessage((message: unknown) => void this.receive(message));
    panel.onDidDispose(() => {
      this.disposed = true;
      this.cancel?.cancel();
    });
    void this.load();
  }

  /** The same subject asked again (perhaps over another window): read again here. */
  ask(request: InvestigateRequest.Params, title: string): void {
    this.model = { ...this.model, request, title };
    this.panel.title = title;
    this.panel.reveal();
    void this.load();
  }

  view(): InvestigationView {
    const { report, request, loading, failure } = this.model;
    return {
      key: investigationKey(request),
      title: this.panel.title,
      request,
      loading,
      ...(failure !== undefined && { failure }),
      ...(report && {
        severity: report.classification.severity,
        hits: report.detection.hits.map((h) => h.detection),
        events: report.analysis.profile.events,
        timeline: report.analysis.timeline.length,
        pivots: report.pivots.map((p) => ({ kind: p.kind, value: p.value })),
        partial: report.partial,
        findings: report.analysis.findings.length,
        ...(report.analysis.findingsNote !== undefined && { findingsNote: report.analysis.findingsNote }),
        response: report.response.map((s) => s.title),
      }),
      ...(this.rendered && { rendered: this.rendered }),
    };
  }

  private async receive(message: unknown): Promise<void> {
    if (!isReportPageMessage(message)) {
      this.hooks.output.appendLine('The investigation page sent a message of an unknown shape; it was ignored.');
      return;
    }
    switch (message.type) {
      case 'ready':
        return this.post();
      case 'refresh':
        return this.load(true);
      case 'rendered':
        this.rendered = { hits: message.hits, timeline: message.timeline, pivots: message.pivots };
        return;
      case 'pivot':
        return this.hooks.pivot(message.kind, message.value);
      case 'timeline':
        return this.hooks.timeline(message.kind, message.value);
      case 'findInCode':
        await findInCode(this.hooks.server, [message.value]);
        return;
      case 'copyMarkdown':
        if (this.markdown === undefined) return;
        await vscode.env.clipboard.writeText(this.markdown);
        void vscode.window.setStatusBarMessage('CloudWarden: the report is on the clipboard as Markdown', 3000);
        return;
      case 'exportMarkdown':
        return this.exportWithDialog();
    }
  }

  /** Asks the server, with a cancellable notification (LookupEvents reads two pages a second). */
  private async load(fresh = false): Promise<void> {
    const mine = ++this.request;
    this.cancel?.cancel();
    const cancel = (this.cancel = new vscode.CancellationTokenSource());
    this.model = { ...this.model, loading: true, failure: undefined };
    this.post();
    const { request, title } = this.model;
    try {
      const result = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `CloudWarden: investigating ${title}…`,
          cancellable: true,
        },
        (_progress, token) => {
          token.onCancellationRequested(() => cancel.cancel());
          return this.hooks.server.request(
            InvestigateRequest.type,
            { ...request, ...(fresh && { fresh: true }) },
            cancel.token,
          );
        },
      );
      if (mine !== this.request || this.disposed) return;
      if ('problem' in result) {
        this.model = { ...this.model, loading: false, failure: result.problem };
        this.markdown = undefined;
      } else {
        this.model = { ...this.model, loading: false, report: result.report };
        this.markdown = result.markdown;
      }
    } catch (error) {
      if (mine !== this.request || this.disposed) return;
      const cancelled = cancel.token.isCancellationRequested;
      this.hooks.output.appendLine(`The investigation "${title}" failed: ${String(error)}`);
      this.model = {
        ...this.model,
        loading: false,
        failure: cancelled
          ? 'Cancelled: refresh to read it again.'
          : `The CloudWarden language server did not answer (${error instanceof Error ? error.message : String(error)}); the output has details.`,
      };
    }
    this.post();
  }

  private post(): void {
    if (!this.disposed) void this.panel.webview.postMessage({ type: 'update', model: this.model });
  }

  private async exportWithDialog(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${this.model.title.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-|-$/g, '')}.md`;
    const uri = await vscode.window.showSaveDialog({
      title: 'CloudWarden: export the investigation as Markdown',
      saveLabel: 'Export',
      filters: { Markdown: ['md'] },
      ...(folder && { defaultUri: vscode.Uri.joinPath(folder, name) }),
    });
    if (!uri) return;
    try {
      await this.writeMarkdown(uri);
      const choice = await vscode.window.showInformationMessage(
        `CloudWarden: the report was saved to ${vscode.workspace.asRelativePath(uri)}.`,
        'Open',
      );
      if (choice) await vscode.window.showTextDocument(uri);
    } catch (error) {
      void vscode.window.showErrorMessage(`CloudWarden: the export failed: ${String(error)}`);
    }
  }

  async writeMarkdown(uri: vscode.Uri): Promise<number> {
    if (this.markdown === undefined) throw new Error('the investigation has no report yet');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(this.markdown));
    return this.markdown.length;
  }

  dispose(): void {
    this.panel.dispose();
  }
}
