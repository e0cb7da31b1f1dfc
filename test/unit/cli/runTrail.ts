/** `cloudwarden trail` as a user runs it: the bundled program in its own process, with an environment of its own. */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../helpers/paths';

export interface TrailRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `cloudwarden trail args` with the emulator's endpoint and the given credentials (the SDK's
 * environment), in `home` (no profile of the person running the tests reaches it); the emulator stays
 * free to answer meanwhile.
 */
export function runTrail(
  args: readonly string[],
  setting: { emulatorUrl: string; home: string; accessKeyId: string; secretAccessKey: string },
  env: Record<string, string> = {},
): Promise<TrailRun> {
  const base: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: setting.home,
    XDG_CACHE_HOME: path.join(setting.home, 'cache'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL: setting.emulatorUrl,
    AWS_ACCESS_KEY_ID: setting.accessKeyId,
    AWS_SECRET_ACCESS_KEY: setting.secretAccessKey,
    AWS_REGION: 'us-east-1',
  };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, 'dist', 'cli.js'), 'trail', ...args],
      { env: { ...base, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
