/**
 * The AWS emulator for a run of real VS Code (integration, e2e, desktop): started in this process with
 * the fixture seed and the invictus CloudTrail logs, and the environment that lets the extension host,
 * and so the language server, reach it through the SDK's standard settings: the endpoint override, the
 * seed's developer keys, a Region, no instance metadata, and empty shared files so the machine's own
 * ~/.aws never leaks in. Tests add faults over CLOUDWARDEN_EMULATOR_URL's control endpoint. Closing it
 * fails when anything asked the emulator for a secret value (GetSecretValue, BatchGetSecretValue).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Emulator, startEmulator } from '../emulator/server';
import { repoRoot } from './paths';

export interface EditorEmulator {
  readonly emulator: Emulator;
  /** For code-server (and so the extension host), or test-electron's extensionTestsEnv. */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

const SEED = path.join(repoRoot, 'test', 'fixtures', 'emulator', 'seed.json');
const CLOUDTRAIL_LOGS = path.join(repoRoot, 'test', 'fixtures', 'cloudtrail', 'invictus');
/** The seed's developer user (arn:aws:iam::111122223333:user/dev-alice). */
const ACCESS_KEY_ID = 'AKIAEMULATOR00000001';

export async function startEditorEmulator(): Promise<EditorEmulator> {
  const emulator = await startEmulator({ seed: SEED, cloudtrailLogs: CLOUDTRAIL_LOGS });
  const credential = emulator.seed.credentials.find((c) => c.accessKeyId === ACCESS_KEY_ID);
  if (!credential) throw new Error(`${SEED} has no ${ACCESS_KEY_ID}`);
  const folder = mkdtempSync(path.join(os.tmpdir(), 'cloudwarden-aws-files-'));
  const config = path.join(folder, 'config');
  const credentials = path.join(folder, 'credentials');
  // Two profiles to pick from (the credentials stay the environment's): the machine's own ~/.aws never leaks in.
  writeFileSync(config, '[profile sandbox-readonly]\nregion = us-east-1\n\n[profile prod-audit]\nregion = eu-west-1\n');
  writeFileSync(credentials, '');
  return {
    emulator,
    env: {
      AWS_ENDPOINT_URL: emulator.url,
      AWS_ACCESS_KEY_ID: credential.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credential.secretAccessKey,
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      CLOUDWARDEN_EMULATOR_URL: emulator.url,
    },
    async close() {
      // Read before closing: CloudWarden must never read a secret value, so any attempt fails the run.
      const valueCalls = emulator.secretValueCalls();
      await emulator.close();
      rmSync(folder, { recursive: true, force: true });
      if (valueCalls.length > 0)
        throw new Error(
          `CloudWarden asked for secret values ${valueCalls.length} time(s), which it must never do: ${valueCalls.map((c) => `${c.operation} ${c.secretIds.join(', ')} by ${c.caller} at ${c.at}`).join('; ')}`,
        );
    },
  };
}
