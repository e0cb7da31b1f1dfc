/**
 * The AWS shared config and credentials files on disk, found where the SDK and the AWS CLI look:
 * AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE, else `.aws/` in the home folder. Reading them needs no
 * SDK, so listing profiles costs a file read and a line scan.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseAwsIni, profileNames, type IniSections } from '../core';

type Env = Readonly<Record<string, string | undefined>>;

/** The home folder as the SDK finds it (@smithy/core config getHomeDir): HOME first, also on Windows. */
function homeOf(env: Env): string {
  if (env['HOME']) return env['HOME'];
  if (env['USERPROFILE']) return env['USERPROFILE'];
  if (env['HOMEPATH']) return `${env['HOMEDRIVE'] ?? 'C:'}${env['HOMEPATH']}`;
  return homedir();
}

function resolveHome(path: string, env: Env): string {
  return path.startsWith('~/') ? join(homeOf(env), path.slice(2)) : path;
}

/** Where the two files are. */
export function sharedFilePaths(env: Env = process.env): { config: string; credentials: string } {
  return {
    config: resolveHome(env['AWS_CONFIG_FILE'] || join(homeOf(env), '.aws', 'config'), env),
    credentials: resolveHome(env['AWS_SHARED_CREDENTIALS_FILE'] || join(homeOf(env), '.aws', 'credentials'), env),
  };
}

/** A file's text, or '' when it does not exist or cannot be read (as the SDK treats it). */
async function textOf(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return '';
  }
}

/** The profile names of both files, config file first, each once. */
export async function listProfiles(env: Env = process.env): Promise<string[]> {
  const paths = sharedFilePaths(env);
  const [config, credentials] = await Promise.all([textOf(paths.config), textOf(paths.credentials)]);
  return profileNames(config, credentials);
}

/** Both files, parsed, read afresh on every call (a profile added while VS Code runs is seen). */
export async function readSharedConfig(
  env: Env = process.env,
): Promise<{ config: IniSections; credentials: IniSections }> {
  const paths = sharedFilePaths(env);
  const [config, credentials] = await Promise.all([textOf(paths.config), textOf(paths.credentials)]);
  return { config: parseAwsIni(config), credentials: parseAwsIni(credentials) };
}
