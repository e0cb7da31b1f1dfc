import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { startEditorEmulator } from './awsEmulator';
import { repoRoot } from './paths';

/**
 * The same integration suites in desktop VS Code through @vscode/test-electron, for machines that can
 * download VS Code (these cannot; CI uses code-server). Runs on the minimum engine version and on stable.
 */
async function main(): Promise<number> {
  const versions = (process.env.CLOUDWARDEN_VSCODE_VERSIONS ?? '1.82.0,stable').split(',');
  // The AWS suites reach the emulator as in the code-server run.
  const aws = await startEditorEmulator();
  try {
    return await runVersions(versions, aws.env);
  } finally {
    await aws.close();
  }
}

async function runVersions(versions: readonly string[], env: Record<string, string>): Promise<number> {
  for (const version of versions) {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'cloudwarden-desktop-'));
    const workspace = path.join(scratch, 'workspace');
    cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
    try {
      process.stdout.write(`\n=== desktop VS Code ${version}\n`);
      await runTests({
        version,
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
        extensionTestsEnv: env,
        launchArgs: [
          workspace,
          '--disable-extensions',
          '--disable-workspace-trust',
          `--user-data-dir=${path.join(scratch, 'udd')}`,
        ],
      });
    } catch (error) {
      process.stderr.write(`desktop integration tests on VS Code ${version} failed: ${String(error)}\n`);
      return 1;
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return 0;
}

void main().then((code) => process.exit(code));
