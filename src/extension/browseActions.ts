import * as vscode from 'vscode';
import { ActionDetailsRequest, SearchActionsRequest, type ActionItem } from '../shared/protocol';
import { ActionDocumentProvider } from './actionDocuments';
import type { ServerHandle } from './serverHandle';

interface ActionPick extends vscode.QuickPickItem {
  readonly action?: string;
}

const LIMIT = 500;

/**
 * "CloudWarden: Browse IAM actions": a quick pick that asks the server for matches as the user types
 * (free text such as `s3:getobj`, or an IAM pattern such as `iam:*Role*`), and opens the chosen
 * action's documentation.
 */
export async function browseActions(server: ServerHandle, docs: ActionDocumentProvider): Promise<void> {
  const pick = vscode.window.createQuickPick<ActionPick>();
  pick.title = 'CloudWarden: Browse IAM actions';
  pick.placeholder = 'Filter by name (s3:getobj, kms decrypt) or an IAM pattern (iam:*Role*)';
  pick.matchOnDescription = true;
  let sequence = 0;
  let timer: NodeJS.Timeout | undefined;

  const update = async (query: string) => {
    const mine = ++sequence;
    pick.busy = true;
    try {
      const result = await server.request(SearchActionsRequest.type, { query, limit: LIMIT });
      if (mine !== sequence) return; // a newer query is on its way
      pick.items = toPicks(result, query);
    } catch (error) {
      if (mine === sequence) pick.items = [{ label: `$(error) ${String(error)}`, alwaysShow: true }];
    } finally {
      if (mine === sequence) pick.busy = false;
    }
  };

  const accepted = new Promise<string | undefined>((resolve) => {
    pick.onDidChangeValue((value) => {
      clearTimeout(timer);
      timer = setTimeout(() => void update(value), 60);
    });
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0]?.action;
      if (chosen) {
        resolve(chosen);
        pick.hide();
      }
    });
    pick.onDidHide(() => resolve(undefined));
  });
  pick.show();
  void update('');
  const action = await accepted;
  clearTimeout(timer);
  pick.dispose();
  if (action) await showActionDetails(server, docs, action);
}

function toPicks(result: SearchActionsRequest.Result, query: string): ActionPick[] {
  if (result.error)
    return [{ label: '$(warning) The IAM catalog is unavailable', detail: result.error, alwaysShow: true }];
  if (result.items.length === 0) {
    const hint = result.suggestions.length > 0 ? ` Did you mean ${result.suggestions.join(', ')}?` : '';
    return [{ label: `No action matches "${query}".${hint}`, alwaysShow: true }];
  }
  const picks: ActionPick[] = result.items.map(toPick);
  if (result.total > result.items.length) {
    picks.push({ label: `… ${result.total - result.items.length} more: refine the filter`, alwaysShow: true });
  }
  return picks;
}

function toPick(item: ActionItem): ActionPick {
  return {
    label: item.action,
    description: `${item.accessLevel} · ${item.serviceName}`,
    detail: item.description,
    action: item.action,
    // The server has filtered and ranked already; VS Code's own filter must not hide wildcard matches.
    alwaysShow: true,
  };
}

/** Opens the action's documentation as a Markdown preview. */
async function showActionDetails(server: ServerHandle, docs: ActionDocumentProvider, action: string): Promise<void> {
  const details = await server.request(ActionDetailsRequest.type, { action });
  if (!details) {
    void vscode.window.showWarningMessage(`CloudWarden: no documentation for ${action}.`);
    return;
  }
  const uri = ActionDocumentProvider.uriFor(action);
  docs.set(uri, `${details.markdown}\n`);
  await vscode.commands.executeCommand('markdown.showPreview', uri);
}
