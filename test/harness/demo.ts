import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { startCodeServer } from './codeServer';
import { repoRoot } from './paths';

const DEFAULT_PORT = 8080;
const SEED = path.join(repoRoot, 'test', 'fixtures', 'emulator', 'seed.json');
/** Real CloudTrail logs, moved to the present, so the activity features have a history to show. */
const CLOUDTRAIL_LOGS = path.join(repoRoot, 'test', 'fixtures', 'cloudtrail', 'invictus');

/** Starts the emulator, waits for its "listening on" line and returns its URL. */
function startEmulator(): Promise<{ child: ChildProcess; url: string }> {
  const main = path.join(repoRoot, 'out', 'test', 'emulator', 'main.js');
  const child = spawn(process.execPath, [main, '--seed', SEED, '--cloudtrail-logs', CLOUDTRAIL_LOGS], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (match) resolve({ child, url: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`the AWS emulator exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  const requested = Number(process.env.PORT ?? DEFAULT_PORT);
  const emulator = await startEmulator();
  // The seed's first identity (a developer's IAM user) is the demo's credentials.
  const seed = JSON.parse(readFileSync(SEED, 'utf8')) as {
    credentials: { accessKeyId: string; secretAccessKey: string }[];
  };
  const identity = seed.credentials[0]!;
  const server = await startCodeServer({
    workspace: path.join(repoRoot, 'demo'),
    copyWorkspace: false, // the demo is yours to edit
    port: requested,
    env: {
      // The extension's AWS features (later issues) reach the emulator through the SDK's standard override.
      AWS_ENDPOINT_URL: emulator.url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: identity.accessKeyId,
      AWS_SECRET_ACCESS_KEY: identity.secretAccessKey,
    },
  }).catch(async (error: unknown) => {
    emulator.child.kill();
    throw new Error(
      `code-server could not start on 127.0.0.1:${requested} (set PORT to use another port): ${String(error)}`,
    );
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nStopping CloudWarden demo...\n');
    emulator.child.kill('SIGTERM');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());

  process.stdout.write(
    [
      '',
      'CloudWarden demo is running (127.0.0.1 only):',
      `  AWS emulator  ${emulator.url}`,
      `  VS Code       ${server.origin}`,
      '',
      'Open this URL in a browser (it loads CloudWarden from source on demo/):',
      '',
      `  ${server.workbenchUrl()}`,
      '',
      'Try: open policies/ci-deploy-policy.json and hover an action; F1 → "CloudWarden: Browse IAM actions".',
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
