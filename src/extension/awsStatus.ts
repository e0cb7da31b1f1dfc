import * as vscode from 'vscode';
import { AwsStatusRequest } from '../shared/protocol';
import { awsStatusView, type AwsStatusView } from './awsPicks';
import type { ServerHandle } from './serverHandle';

/**
 * The status bar item for the AWS connection: profile · account · Region, or a warning with the problem's
 * sentence. Hidden while nothing is configured (the server answers `off` without calling AWS) and until
 * the server runs: it is never started for this item alone.
 */
export class AwsStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('cloudwarden.aws', vscode.StatusBarAlignment.Right, 99);
  private readonly disposables: vscode.Disposable[] = [this.item];
  private status: AwsStatusRequest.Result | undefined;
  private view: AwsStatusView | undefined;
  private sequence = 0;
  private pending: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly server: ServerHandle,
    private readonly output: vscode.OutputChannel,
  ) {
    this.item.name = 'CloudWarden AWS connection';
    vscode.workspace.onDidChangeConfiguration(
      (e) => {
        if (!e.affectsConfiguration('cloudwarden.aws') && !e.affectsConfiguration('cloudwarden.statusBar.enable'))
          return;
        // A profile and its Regions are often written together, and the language client forwards the
        // change to the server from its own listener: ask once both have settled.
        clearTimeout(this.pending);
        this.pending = setTimeout(() => void this.refresh(), 300);
      },
      null,
      this.disposables,
    );
  }

  /** The server's last answer, undefined before the first. */
  get current(): AwsStatusRequest.Result | undefined {
    return this.status;
  }

  /** What the item shows now (undefined: hidden), for the tests. */
  get shown(): AwsStatusView | undefined {
    return this.view;
  }

  /** Asks the server again; starts it only when `start` (a command the person ran), else only if it runs. */
  async refresh(start = false): Promise<AwsStatusRequest.Result | undefined> {
    if (!start && !this.server.isRunning) return this.status;
    const mine = ++this.sequence;
    let status: AwsStatusRequest.Result | undefined;
    try {
      status = await this.server.request(AwsStatusRequest.type, {});
    } catch (error) {
      this.output.appendLine(`The AWS status request failed: ${String(error)}`);
    }
    if (mine !== this.sequence) return this.status;
    this.status = status;
    this.show(status);
    return status;
  }

  private show(status: AwsStatusRequest.Result | undefined): void {
    const enabled = vscode.workspace.getConfiguration('cloudwarden').get('statusBar.enable', true);
    this.view = enabled && status ? awsStatusView(status) : undefined;
    if (!this.view) {
      this.item.hide();
      return;
    }
    this.item.text = this.view.text;
    this.item.tooltip = this.view.tooltip;
    this.item.command = this.view.command;
    this.item.backgroundColor =
      this.view.state === 'problem' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    clearTimeout(this.pending);
    this.disposables.forEach((d) => d.dispose());
  }
}
