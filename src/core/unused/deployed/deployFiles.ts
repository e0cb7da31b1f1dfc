/**
 * Where a file's deployment is described, found beside it: the SAM CLI's configuration next to a template,
 * and the cloud assembly (cdk.out, or the `output` of cdk.json) of the CDK app a source belongs to, found
 * by walking up to its cdk.json. Reading is injected (the server caches what it reads; tests give texts).
 */
import * as path from 'node:path';
import { SAM_CONFIG_FILES, readSamConfig } from './samConfig';
import type { StackRef } from './types';

type Read = (file: string) => string | undefined;

/** The stack of the SAM configuration beside `file`, unless the configuration names another template. */
export function samStackOf(file: string, read: Read): StackRef | undefined {
  const dir = path.dirname(file);
  for (const name of SAM_CONFIG_FILES) {
    const text = read(path.join(dir, name));
    if (text === undefined) continue;
    const config = readSamConfig(text, name);
    if (!config) return undefined;
    if (config.template !== undefined && path.resolve(dir, config.template) !== path.resolve(file)) return undefined;
    return {
      stack: config.stack,
      source: 'samconfig',
      from: `${name}:${config.line}`,
      ...(config.region && { region: config.region }),
    };
  }
  return undefined;
}

/**
 * The cloud assembly folder of the CDK app holding `file`: the `output` of the nearest cdk.json above it
 * (cdk.out by default), looking no higher than `stopAt` when given. Undefined outside a CDK app.
 */
export function cloudAssemblyDirOf(file: string, read: Read, stopAt?: string): string | undefined {
  let dir = path.dirname(path.resolve(file));
  const stop = stopAt === undefined ? undefined : path.resolve(stopAt);
  for (let depth = 0; depth < 32; depth++) {
    const text = read(path.join(dir, 'cdk.json'));
    if (text !== undefined) return path.join(dir, outputOf(text) ?? 'cdk.out');
    const parent = path.dirname(dir);
    if (parent === dir || dir === stop) return undefined;
    dir = parent;
  }
  return undefined;
}

function outputOf(cdkJson: string): string | undefined {
  try {
    const output = (JSON.parse(cdkJson) as { output?: unknown } | null)?.output;
    return typeof output === 'string' && output !== '' ? output : undefined;
  } catch {
    return undefined;
  }
}
