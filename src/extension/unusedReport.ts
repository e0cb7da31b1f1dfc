/**
 * "CloudWarden: Show unused permissions report": finds the workspace's policy sources, asks the server to
 * judge them all against their principals' use, and shows the report in one panel (asking again
 * refreshes it), with an export to Markdown.
 */
import * as vscode from 'vscode';
import { UnusedReportRequest } from '../shared/protocol';
import type { ServerHandle } from './serverHandle';
import { makeNonce } from './webviewHtml';
import { reportPolicies, unusedReportHtml } from './unusedReportHtml';
import { workspaceSourceUris } from './workspaceSources';

const VIEW_TYPE = 'cloudwarden.unusedReport';

/** What the command returns (the integration tests read it). */
export interface ReportSummary {
  readonly principals: readonly { readonly principal: string; readonly unused: number; readonly used: number }[];
  readonly markdown: string;
}

export class UnusedReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private result: UnusedReportRequest.Result | undefined;

  constructor(private readonly server: ServerHandle) {}

  async run(): Promise<ReportSummary | undefined> {
    let result: UnusedReportRequest.Result;
    try {
      result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'CloudWarden: judging the workspace’s policies…' },
        async () => {
          return this.server.request(UnusedReportRequest.type, { uris: await workspaceSourceUris() });
        },
      );
    } catch (error) {
      // The catalog could not be loaded, the server stopped: said, and the editor goes on.
      const message = error instanceof Error ? error.message : String(error);
      void vscode.window.showErrorMessage(`CloudWarden: the unused permissions report could not be made: ${message}`);
      return undefined;
    }
    this.show(result);
    return {
      principals: result.report.principals.map((p) => ({
        principal: p.principal,
        unused: p.counts.unused,
        used: p.counts.used,
      })),
      markdown: result.markdown,
    };
  }

  private show(result: UnusedReportRequest.Result): void {
    this.result = result;
    if (this.panel === undefined) {
      this.panel = vscode.window.createWebviewPanel(
        VIEW_TYPE,
        'Unused permissions',
        { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
        { enableScripts: true, localResourceRoots: [] },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.result = undefined;
      });
      this.panel.webview.onDidReceiveMessage((message: unknown) => void this.received(message));
    } else {
      this.panel.reveal();
    }
    this.panel.webview.html = unusedReportHtml(result, { cspSource: this.panel.webview.cspSource, nonce: makeNonce() });
  }

  /** The page's messages are untrusted: an export, or an index into the host's own list of policies. */
  private async received(message: unknown): Promise<void> {
    const result = this.result;
    if (result === undefined || typeof message !== 'object' || message === null) return;
    const { type, index } = message as { type?: unknown; index?: unknown };
    if (type === 'export') {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside });
      return;
    }
    if (type !== 'open' || typeof index !== 'number' || !Number.isInteger(index)) return;
    const policy = reportPolicies(result)[index];
    if (policy === undefined) return;
    const position = new vscode.Position(policy.line - 1, 0);
    await vscode.window.showTextDocument(vscode.Uri.parse(policy.uri), {
      selection: new vscode.Range(position, position),
      viewColumn: vscode.ViewColumn.One,
    });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
