/**
 * The workspace's files that may hold policies or reference AWS resources, for the commands that read
 * the whole workspace (the unused-permissions report, the explorer's "Find in code"). The server reads
 * each by its extension.
 */
import * as vscode from 'vscode';

const SOURCES = '**/*.{json,yaml,yml,template,ts,tf}';
/** Never sources of this workspace: dependencies, build output, CDK's synthesised copies. */
const EXCLUDED = '**/{node_modules,cdk.out,.git,.terraform,dist,out}/**';
const MAX_FILES = 5_000;

export async function workspaceSourceUris(): Promise<string[]> {
  const uris = await vscode.workspace.findFiles(SOURCES, EXCLUDED, MAX_FILES);
  return uris.map((u) => u.toString());
}
