/**
 * "Find in code" from a row of the security explorer: the workspace's files that name the resource, from
 * the server (the references the hover knows, and the names written as strings); one place opens, several
 * are offered in a quick pick.
 */
import * as vscode from 'vscode';
import { ExplorerCodeRequest } from '../shared/protocol';
import type { ServerHandle } from './serverHandle';
import { workspaceSourceUris } from './workspaceSources';

/** Finds the names in the workspace's files; opens the one place, or lets the person pick among many. */
export async function findInCode(server: ServerHandle, names: readonly string[]): Promise<ExplorerCodeRequest.Match[]> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'CloudWarden: finding references in the workspace…' },
    async () => server.request(ExplorerCodeRequest.type, { uris: await workspaceSourceUris(), names: [...names] }),
  );
  const matches = result.matches;
  if (matches.length === 0) {
    void vscode.window.showInformationMessage(
      `CloudWarden: no file of the workspace references ${names.slice(0, 3).join(', ')}${names.length > 3 ? '…' : ''}.`,
    );
    return matches;
  }
  const chosen =
    matches.length === 1
      ? matches[0]
      : (
          await vscode.window.showQuickPick(
            matches.map((m) => ({
              label: `${vscode.workspace.asRelativePath(vscode.Uri.parse(m.uri))}:${m.line + 1}`,
              description: m.name,
              detail: m.preview.trim(),
              match: m,
            })),
            { title: `CloudWarden: ${matches.length} references`, matchOnDetail: true },
          )
        )?.match;
  if (chosen) {
    const start = new vscode.Position(chosen.line, chosen.character);
    await vscode.window.showTextDocument(vscode.Uri.parse(chosen.uri), {
      selection: new vscode.Range(start, start.translate(0, chosen.length)),
      viewColumn: vscode.ViewColumn.One,
    });
  }
  return matches;
}
