import * as vscode from 'vscode';
import { GeneratePolicyRequest, PolicyPrincipalsRequest } from '../shared/protocol';
import { arnProblem, formatPicks, isGenerateArgument, principalPicks } from './generatePicks';
import type { ServerHandle } from './serverHandle';

const TITLE = 'CloudWarden: Generate least-privilege policy from activity';

/**
 * "CloudWarden: Generate least-privilege policy from activity…": asks the principal, the period and the
 * format (an argument `{ principal, days, format }` skips the questions), then opens the policy in an
 * untitled document of that language, where it is linted like any other. Returns the document's URI.
 */
export async function generatePolicy(
  server: ServerHandle,
  output: vscode.OutputChannel,
  arg: unknown,
): Promise<vscode.Uri | undefined> {
  const params = isGenerateArgument(arg) ? arg : await ask(server);
  if (!params) return undefined;
  const name = params.principal.slice(params.principal.lastIndexOf(':') + 1);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `CloudWarden: reading what ${name} did…` },
    () => server.request(GeneratePolicyRequest.type, params),
  );
  // Every note, JSON's included (a JSON policy has no comments to hold them).
  output.appendLine(`Policy for ${params.principal}: ${result.evidence}`);
  result.problems.forEach((p) => output.appendLine(`  ${p}`));
  if (result.statements === 0) {
    void vscode.window.showWarningMessage(`CloudWarden: nothing to grant ${name}. ${noteText(result)}`);
    return undefined;
  }
  const document = await openUntitled(name, result.language, result.text);
  await vscode.window.showTextDocument(document);
  void vscode.window.showInformationMessage(`CloudWarden: ${noteText(result)}`);
  return document.uri;
}

function noteText(result: GeneratePolicyRequest.Result): string {
  const left = result.leftOut.length > 0 ? ` Not granted: ${result.leftOut.join(', ')} (see the output).` : '';
  const other = result.problems.length > result.leftOut.length ? ' Some notes are in the output.' : '';
  return `${result.evidence || result.problems[0] || ''}${left}${other}`;
}

async function ask(server: ServerHandle): Promise<GeneratePolicyRequest.Params | undefined> {
  const editor = vscode.window.activeTextEditor;
  const principal = await askPrincipal(server, editor?.document.uri.toString());
  if (principal === undefined) return undefined;
  const configured = vscode.workspace.getConfiguration('cloudwarden').get<number>('unused.days', 90);
  const days = await vscode.window.showInputBox({
    title: TITLE,
    prompt: 'The period of activity, in days up to today',
    value: String(configured),
    validateInput: (v) => (/^\d+$/.test(v.trim()) && Number(v) > 0 ? undefined : 'A number of days above 0'),
  });
  if (days === undefined) return undefined;
  const format = await vscode.window.showQuickPick(formatPicks(editor?.document.languageId), {
    title: TITLE,
    placeHolder: 'The language of the policy',
  });
  if (format === undefined) return undefined;
  return { principal, days: Number(days.trim()), format: format.format };
}

async function askPrincipal(server: ServerHandle, uri: string | undefined): Promise<string | undefined> {
  const candidates = await server.request(PolicyPrincipalsRequest.type, uri === undefined ? {} : { uri });
  candidates.problems.forEach((p) => void vscode.window.showWarningMessage(`CloudWarden: ${p}`));
  const picked = await vscode.window.showQuickPick(principalPicks(candidates.principals), {
    title: TITLE,
    placeHolder: 'The role or user whose activity the policy is made of',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked === undefined || picked.principal !== undefined) return picked?.principal;
  const typed = await vscode.window.showInputBox({
    title: TITLE,
    prompt: "The role's or user's ARN",
    placeHolder: 'arn:aws:iam::111122223333:role/app',
    ignoreFocusOut: true,
    validateInput: arnProblem,
  });
  return typed?.trim();
}

const EXTENSIONS: Record<GeneratePolicyRequest.Result['language'], string> = {
  json: 'json',
  yaml: 'yaml',
  typescript: 'ts',
  terraform: 'tf',
};

let generated = 0;

/**
 * `benjamin-policy-2.tf`: a name of its own for each policy (saving it suggests that name). An anonymous
 * untitled document takes the next free `Untitled-N`, and a document just closed under that name may
 * still be known to the extension host: opening would hand back the closed one's text.
 */
function untitledName(principal: string, language: GeneratePolicyRequest.Result['language']): string {
  const slug = principal.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 60) || 'principal';
  return `${slug}-policy-${++generated}.${EXTENSIONS[language]}`;
}

async function openUntitled(
  principal: string,
  language: GeneratePolicyRequest.Result['language'],
  text: string,
): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  for (;;) {
    const name = untitledName(principal, language);
    const uri = folder
      ? vscode.Uri.joinPath(folder, name).with({ scheme: 'untitled' })
      : vscode.Uri.from({ scheme: 'untitled', path: name });
    const document = await vscode.workspace.openTextDocument(uri);
    // A document of that name restored from an earlier window (the counter starts again at 1): the next.
    if (document.getText() !== '') continue;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), text);
    await vscode.workspace.applyEdit(edit);
    return document.languageId === language ? document : vscode.languages.setTextDocumentLanguage(document, language);
  }
}
