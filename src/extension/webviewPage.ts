/**
 * A bundled page (dist/webview/<page>.js and its stylesheet) loaded into a webview panel or view, under
 * the strict CSP of webviewHtml.ts: one place for what the timeline, the explorer and the reports share.
 */
import * as vscode from 'vscode';
import { makeNonce, pageHtml } from './webviewHtml';

/** The only folder a page may load from. */
function pagesRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

/**
 * Scripts on, files from dist/webview only. No retainContextWhenHidden (it keeps the page alive, and its
 * memory, while hidden): a page keeps its view in the webview state and asks for its data when shown.
 */
export function pageOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [pagesRoot(extensionUri)] };
}

/** Loads `page` into the webview; `title` is what a screen reader announces. */
export function loadPage(webview: vscode.Webview, extensionUri: vscode.Uri, page: string, title: string): void {
  webview.options = pageOptions(extensionUri);
  const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(pagesRoot(extensionUri), name)).toString();
  webview.html = pageHtml(
    {
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: asset(`${page}.js`),
      styleUri: asset(`${page}.css`),
    },
    title,
  );
}

/** The open panels of one kind by key (one per question): a closed panel leaves, unless a newer one took its key. */
export class OpenPanels<T extends { dispose(): void }> {
  private readonly byKey = new Map<string, T>();

  get(key: string): T | undefined {
    return this.byKey.get(key);
  }

  all(): T[] {
    return [...this.byKey.values()];
  }

  add(key: string, panel: vscode.WebviewPanel, item: T): void {
    this.byKey.set(key, item);
    panel.onDidDispose(() => {
      if (this.byKey.get(key) === item) this.byKey.delete(key);
    });
  }

  dispose(): void {
    this.all().forEach((item) => item.dispose());
  }
}
