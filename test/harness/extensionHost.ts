import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import { repoRoot } from './paths';

export interface ExtensionHostRun<R> {
  /** The value `run()` returned (0) or -1 on timeout; non-zero when it rejected. */
  exitCode: number;
  /** What the tests wrote to CLOUDWARDEN_TEST_RESULTS, if anything. */
  results: R | undefined;
  /** code-server's output, for failure reports. */
  serverOutput: string;
}

/**
 * Runs a test module (the `run()` contract of @vscode/test-electron) inside a real VS Code extension
 * host: code-server, driven by headless chromium, with CloudWarden loaded from source. The page calls
 * window.codeAutomationExit when run() settles and forwards the extension host's console.
 */
export async function runInExtensionHost<R>(options: {
  testsPath: string;
  workspace?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
  quiet?: boolean;
  /** See CodeServerOptions.settings. */
  settings?: Record<string, unknown> | null;
}): Promise<ExtensionHostRun<R>> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'cloudwarden-host-'));
  const resultsFile = path.join(scratch, 'results.json');
  const timeoutMs = options.timeoutMs ?? 6 * 60_000;
  const server = await startCodeServer({
    workspace: options.workspace ?? path.join(repoRoot, 'test', 'fixtures', 'workspace'),
    env: { ...options.env, CLOUDWARDEN_TEST_RESULTS: resultsFile },
    settings: options.settings,
  });
  try {
    const browser = await launchBrowser();
    try {
      const exitCode = new Promise<number>((resolve) => {
        void browser.page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      });
      await browser.page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
        if (options.quiet) return;
        const line = format(...(Array.isArray(args) ? args : [args]));
        (type === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
      });
      await browser.page.goto(server.workbenchUrl({ testsPath: options.testsPath }));
      const code = await Promise.race([
        exitCode,
        new Promise<number>((resolve) => setTimeout(() => resolve(-1), timeoutMs).unref()),
      ]);
      const results = existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as R) : undefined;
      return { exitCode: code, results, serverOutput: server.output() };
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}
