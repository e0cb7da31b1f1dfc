/**
 * "CloudWarden: Show IAM Access Analyzer's recommendation…": for a principal (the CodeLens passes it; else
 * asked), Access Analyzer's recommendation for its unused permissions, opened as a Markdown document.
 */
import * as vscode from 'vscode';
import { AnalyzerRecommendationRequest } from '../shared/protocol';
import type { ServerHandle } from './serverHandle';

export async function showAnalyzerRecommendation(server: ServerHandle, arg: unknown): Promise<vscode.Uri | undefined> {
  const given = (arg as { principal?: unknown } | undefined)?.principal;
  const principal =
    typeof given === 'string'
      ? given
      : await vscode.window.showInputBox({
          title: "IAM Access Analyzer's recommendation",
          prompt: 'The role or user whose unused permissions Access Analyzer found',
          placeHolder: 'arn:aws:iam::111122223333:role/app',
          validateInput: (value) =>
            /^arn:aws[\w-]*:iam::\d{12}:(role|user)\/.+/.test(value.trim()) ? undefined : "A role's or user's ARN",
        });
  if (principal === undefined) return undefined;
  const result = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: 'CloudWarden: IAM Access Analyzer is writing its recommendation…',
      cancellable: true,
    },
    (_progress, token) =>
      server
        .request(AnalyzerRecommendationRequest.type, { principal: principal.trim() }, token)
        .catch((error: unknown) => {
          if (token.isCancellationRequested) return undefined;
          throw error;
        }),
  );
  if (result === undefined) return undefined;
  if (!result.ok) {
    void vscode.window.showWarningMessage(`CloudWarden: ${result.reason}`);
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.markdown });
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside });
  return document.uri;
}
