import type { Connection } from 'vscode-languageserver/node';
import {
  ExplorerCodeRequest,
  ExplorerFindingsRequest,
  ExplorerKeysRequest,
  ExplorerPolicyRequest,
  ExplorerSecretsRequest,
} from '../shared/protocol';
import { signalOf } from './awsRequests';
import { explorerCode, type CodeSearchContext } from './explorerCode';
import type { ExplorerService } from './explorerService';

/** The security explorer's requests (src/shared/protocol.ts): each cancelled with the client's token. */
export function registerExplorerRequests(
  connection: Connection,
  explorer: ExplorerService,
  code: Omit<CodeSearchContext, 'signal'>,
): void {
  connection.onRequest(ExplorerKeysRequest.type, (params, token) => explorer.keys(params, signalOf(token)));
  connection.onRequest(ExplorerSecretsRequest.type, (params, token) => explorer.secrets(params, signalOf(token)));
  connection.onRequest(ExplorerFindingsRequest.type, (params, token) => explorer.findings(params, signalOf(token)));
  connection.onRequest(ExplorerPolicyRequest.type, (params, token) => explorer.policy(params, signalOf(token)));
  connection.onRequest(ExplorerCodeRequest.type, (params, token) =>
    explorerCode(params, { ...code, signal: signalOf(token) }),
  );
}
