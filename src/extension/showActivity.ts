import * as vscode from 'vscode';
import { ReferenceAtRequest } from '../shared/protocol';
import { isActivityTarget, type ActivityTarget } from '../shared/timelineMessages';
import { inputProblem, targetFromInput, targetFromReference } from './activityTarget';
import type { ServerHandle } from './serverHandle';
import type { TimelinePanels } from './timelinePanel';

/**
 * "CloudWarden: Show CloudTrail activity…": with an argument (a hover link, a CodeLens), its timeline;
 * without, the reference under the cursor; failing that, what the person types.
 */
export async function showActivity(server: ServerHandle, panels: TimelinePanels, arg: unknown): Promise<void> {
  const target = await resolveTarget(server, arg);
  if (target) panels.show(target);
}

async function resolveTarget(server: ServerHandle, arg: unknown): Promise<ActivityTarget | undefined> {
  if (arg !== undefined) {
    if (isActivityTarget(arg)) return arg;
    void vscode.window.showErrorMessage('CloudWarden: this activity link does not hold a query CloudWarden can read.');
    return undefined;
  }
  return (await targetAtCursor(server)) ?? (await askForTarget());
}

/** The AWS resource the server finds under the cursor of the active editor, if any. */
export async function referenceAtCursor(server: ServerHandle): Promise<ReferenceAtRequest.Result | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || (editor.document.uri.scheme !== 'file' && editor.document.uri.scheme !== 'untitled')) return undefined;
  const { line, character } = editor.selection.active;
  try {
    return (
      (await server.request(ReferenceAtRequest.type, {
        uri: editor.document.uri.toString(),
        position: { line, character },
      })) ?? undefined
    );
  } catch {
    // No server, or a document it does not read: asking the person is the answer either way.
    return undefined;
  }
}

async function targetAtCursor(server: ServerHandle): Promise<ActivityTarget | undefined> {
  const reference = await referenceAtCursor(server);
  return reference ? targetFromReference(reference, Date.now(), readsLogFiles()) : undefined;
}

/** Whether activity comes from log files (the server decides the same way: activitySource.ts). */
export function readsLogFiles(): boolean {
  const config = vscode.workspace.getConfiguration('cloudwarden.activity');
  const source = config.get<string>('source', 'auto');
  return (source === 'auto' || source === 'logFiles') && config.get<string[]>('logFolders', []).length > 0;
}

async function askForTarget(): Promise<ActivityTarget | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'CloudWarden: Show CloudTrail activity',
    prompt: `An ARN, a resource name or an access key id: its CloudTrail events ${readsLogFiles() ? 'in the log files' : 'of the last 7 days'}`,
    placeHolder: 'arn:aws:s3:::my-bucket, my-function, arn:aws:iam::111122223333:role/deploy, AKIA…',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? undefined : inputProblem(value)),
  });
  return text === undefined ? undefined : targetFromInput(text, Date.now(), readsLogFiles());
}
