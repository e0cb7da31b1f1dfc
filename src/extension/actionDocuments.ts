import * as vscode from 'vscode';

/** Read-only documents for action documentation, so the Markdown preview can render them. */
export class ActionDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly scheme = 'cloudwarden-action';
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  static uriFor(action: string): vscode.Uri {
    return vscode.Uri.from({ scheme: ActionDocumentProvider.scheme, path: `/${action.replace(':', '/')}.md` });
  }

  set(uri: vscode.Uri, text: string): void {
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
  }
}
