import * as vscode from 'vscode';
import { PolicyPrincipalRequest, SetPolicyPrincipalRequest } from '../shared/protocol';
import type { ServerHandle } from './serverHandle';

/** The command's argument: the policy (a code action gives it), and the principal (tests, other extensions). */
interface MapPrincipalArgument {
  readonly uri?: string;
  readonly position?: { line: number; character: number };
  readonly principal?: string;
}

const ENTER_ARN = 'Enter an ARN…';

/**
 * "CloudWarden: Set the principal of this policy…": for the identity policy at the cursor (or the one the
 * argument names), the principals its evidence offers (a literal name, a deployed stack, cdk.out) and
 * "Enter an ARN…"; the choice is written to `.cloudwarden.yaml` by the server, which judges the policy
 * again. With `principal` in the argument nothing is asked. Resolves to what was written, or undefined.
 */
export async function mapPrincipal(
  server: ServerHandle,
  arg: unknown,
): Promise<SetPolicyPrincipalRequest.Result | undefined> {
  const given = (typeof arg === 'object' && arg !== null ? arg : {}) as MapPrincipalArgument;
  const editor = vscode.window.activeTextEditor;
  const uri = given.uri ?? editor?.document.uri.toString();
  const position = given.position ?? editor?.selection.active;
  if (uri === undefined || position === undefined) {
    void vscode.window.showWarningMessage('CloudWarden: open the policy whose principal to set.');
    return undefined;
  }
  const at = { line: position.line, character: position.character };
  let principal = given.principal;
  if (principal === undefined) {
    const found = await server.request(PolicyPrincipalRequest.type, { uri, position: at });
    if (!found.ok) {
      void vscode.window.showWarningMessage(`CloudWarden: ${found.reason}`);
      return undefined;
    }
    principal = await pick(found);
    if (principal === undefined) return undefined;
  }
  const written = await server.request(SetPolicyPrincipalRequest.type, { uri, position: at, principal });
  if (!written.ok) void vscode.window.showErrorMessage(`CloudWarden: ${written.reason}`);
  else
    void vscode.window.showInformationMessage(
      `CloudWarden: ${written.created ? 'created' : 'updated'} ${written.projectFile}: the policy belongs to ${principal}.`,
    );
  return written;
}

async function pick(found: Extract<PolicyPrincipalRequest.Result, { ok: true }>): Promise<string | undefined> {
  const items: vscode.QuickPickItem[] = [
    ...found.candidates.map((c) => ({
      label: c.principal,
      description: c.principal === found.current?.principal ? '(current)' : '',
      detail: c.evidence,
    })),
    ...(found.current && !found.candidates.some((c) => c.principal === found.current!.principal)
      ? [{ label: found.current.principal, description: '(current)', detail: found.current.evidence }]
      : []),
    { label: ENTER_ARN, detail: found.passed.length > 0 ? `Not found: ${found.passed.join('; ')}` : '' },
  ];
  const chosen = await vscode.window.showQuickPick(items, {
    title: `The principal of ${found.policy}`,
    placeHolder: `Written to ${found.projectFile}`,
    matchOnDetail: true,
  });
  if (chosen === undefined) return undefined;
  if (chosen.label !== ENTER_ARN) return chosen.label;
  const typed = await vscode.window.showInputBox({
    title: `The principal of ${found.policy}`,
    prompt: "The role's or user's ARN",
    placeHolder: 'arn:aws:iam::111122223333:role/name',
    ...(found.current && { value: found.current.principal }),
  });
  return typed?.trim() || undefined;
}
