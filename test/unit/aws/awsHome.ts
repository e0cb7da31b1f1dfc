/**
 * A throw-away home folder with its own `~/.aws` files, and the process environment pointed at it. The
 * SDK reads its settings from process.env and the home folder, which belong to the whole process: a test
 * sets them for its own run and `restore()` puts back what was there. Every home is a new folder, since
 * the SDK caches the shared files it has read by path.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface AwsHome {
  readonly dir: string;
  /** Writes a file under the home folder (`.aws/sso/cache/x.json`). */
  write(relative: string, text: string): string;
  restore(): void;
}

/** Variables that would let the machine's own AWS set-up leak into a test. */
const CLEARED = /^(AWS_|HOME$|USERPROFILE$|HOMEPATH$|HOMEDRIVE$)/;

export function awsHome(files: { config?: string; credentials?: string }, vars: Record<string, string> = {}): AwsHome {
  const dir = mkdtempSync(join(tmpdir(), 'cloudwarden-aws-home-'));
  const saved = Object.fromEntries(Object.entries(process.env).filter(([k]) => CLEARED.test(k)));
  for (const key of Object.keys(saved)) delete process.env[key];
  // No instance-metadata probe: these tests run on machines that are not EC2 instances.
  Object.assign(process.env, { HOME: dir, AWS_EC2_METADATA_DISABLED: 'true' }, vars);
  const write = (relative: string, text: string): string => {
    const path = join(dir, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  if (files.config !== undefined) write('.aws/config', files.config);
  if (files.credentials !== undefined) write('.aws/credentials', files.credentials);
  return {
    dir,
    write,
    restore() {
      for (const key of Object.keys(process.env)) if (CLEARED.test(key)) delete process.env[key];
      Object.assign(process.env, saved);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
