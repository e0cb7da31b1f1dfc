import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, toolPaths } from './paths';

export interface CodeServerOptions {
  /** Folder to open; copied to a temporary folder first unless `copyWorkspace` is false. */
  workspace: string;
  copyWorkspace?: boolean;
  /**
   * User settings beyond the quiet defaults; `null` writes no settings file at all. (Any settings file
   * makes the workbench open a JSON model at start-up, which fires onLanguage:json: a measurement of
   * cold activation needs none.)
   */
  settings?: Record<string, unknown> | null;
  /** Environment for code-server and so for the extension host (the browser's does not reach it). */
  env?: Record<string, string>;
  port?: number;
  /** Where to log code-server's output; by default it is kept in memory for failure reports. */
  log?: (line: string) => void;
}

export interface CodeServer {
  readonly port: number;
  readonly origin: string;
  /** Absolute path of the workspace that was opened. */
  readonly workspace: string;
  /** The workbench URL with the extension under development loaded from `extensionPath`. */
  workbenchUrl(options?: { extensionPath?: string; testsPath?: string }): string;
  /** code-server's own output so far. */
  output(): string;
  stop(): Promise<void>;
}

const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  // The sticky scroll header covers the editor's top line and takes the clicks the e2e tests aim at it.
  'editor.stickyScroll.enabled': false,
};

/**
 * Starts code-server (VS Code's server, with a real Node extension host) on 127.0.0.1 with a throw-away
 * profile. `--vscode-option enable-smoke-test-driver` is what makes the workbench honour the
 * extensionDevelopmentPath/extensionTestsPath payload in the URL (see shared/notes/real-vscode-testing.md).
 */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const tools = toolPaths();
  const home = mkdtempSync(path.join(os.tmpdir(), 'cloudwarden-cs-'));
  const workspace = options.copyWorkspace === false ? options.workspace : path.join(home, 'workspace');
  if (options.copyWorkspace !== false) cpSync(options.workspace, workspace, { recursive: true });
  const userDir = path.join(home, 'user-data');
  mkdirSync(path.join(userDir, 'User'), { recursive: true });
  if (options.settings !== null) {
    const settings = JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2);
    writeFileSync(path.join(userDir, 'User', 'settings.json'), settings);
    // code-server's extension host is a remote one: it ignores machine-scoped settings of the user's file
    // (cloudwarden.aws.*) and reads them from the machine's, which a person's remote settings would hold.
    mkdirSync(path.join(userDir, 'Machine'), { recursive: true });
    writeFileSync(path.join(userDir, 'Machine', 'settings.json'), settings);
  }
  writeFileSync(path.join(home, 'config.yaml'), 'auth: none\ncert: false\n');

  const port = options.port ?? (await freePort());
  const args = [
    tools.codeServerEntry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--config',
    path.join(home, 'config.yaml'),
    '--user-data-dir',
    userDir,
    '--extensions-dir',
    path.join(home, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--vscode-option',
    'enable-smoke-test-driver',
  ];
  let output = '';
  const child = spawn(tools.node24, args, {
    cwd: repoRoot,
    detached: true, // its own process group, so stop() can end the file watchers it forks too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(home, 'xdg-config'),
      XDG_DATA_HOME: path.join(home, 'xdg-data'),
      ...options.env,
    },
  });
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    options.log?.(text);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);

  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(origin, child, () => output);
  } catch (error) {
    await killGroup(child);
    rmSync(home, { recursive: true, force: true });
    throw error;
  }

  return {
    port,
    origin,
    workspace,
    workbenchUrl({ extensionPath = repoRoot, testsPath } = {}) {
      const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
      const payload: [string, string][] = [['extensionDevelopmentPath', remote(extensionPath)]];
      if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
      return `${origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    },
    output: () => output,
    async stop() {
      await killGroup(child);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(origin: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`code-server did not answer on ${origin} within 60 s:\n${output()}`);
}

async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
