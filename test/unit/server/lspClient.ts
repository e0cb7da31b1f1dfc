import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { repoRoot } from '../../harness/paths';

/** The bundled language server, spoken to over stdio as any LSP client would, without VS Code. */
export interface LspSession {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  readonly stderr: () => string;
  /** Messages the server logged through window/logMessage. */
  readonly logs: string[];
  /** Sends shutdown and exit, and resolves with the process's exit code. */
  close(): Promise<number | null>;
}

export async function startServer(env: Record<string, string> = {}): Promise<LspSession> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout!),
    new StreamMessageWriter(child.stdin!),
  );
  const logs: string[] = [];
  connection.onNotification('window/logMessage', (params: { message: string }) => logs.push(params.message));
  connection.listen();
  return {
    connection,
    process: child,
    stderr: () => stderr,
    logs,
    async close() {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}

export async function initialize(session: LspSession): Promise<{ capabilities: Record<string, unknown> }> {
  const result = await session.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
  });
  await session.connection.sendNotification('initialized', {});
  return result;
}

export async function openDocument(session: LspSession, uri: string, languageId: string, text: string): Promise<void> {
  await session.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId, version: 1, text },
  });
}

/** The line/character of `needle` in `text`, plus `delta` characters. */
export function positionIn(text: string, needle: string, delta = 1): { line: number; character: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, offset + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}
