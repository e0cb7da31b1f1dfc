/**
 * What `cdk synth` wrote (cdk.out, the cloud assembly): its stacks (manifest.json artifacts of type
 * `aws:cloudformation:stack`: the stack's name, its environment's account and Region when the app pins
 * them, its template), and in each template the IAM roles and users with the construct path they come
 * from (the resource's Metadata `aws:cdk:path`, or the manifest's `aws:cdk:logicalId` entries when the app
 * turned path metadata off), so that a construct of the source finds its logical id. Nested assemblies
 * (stages) are read too, a few levels deep. Reading is injected; nothing here throws.
 */
import * as path from 'node:path';
import type { PrincipalType } from './types';

export interface AssemblyResource {
  readonly logicalId: string;
  readonly type: PrincipalType;
  /** The construct path, `OrdersApi/AppRole/Resource`. */
  readonly constructPath: string;
  /** The RoleName or UserName when the synthesized template writes it as a string. */
  readonly name?: string;
  /** Its IAM path when written as a string; `/` when not written; undefined when not a string. */
  readonly iamPath: string | undefined;
}

export interface AssemblyStack {
  readonly stack: string;
  readonly account?: string;
  readonly region?: string;
  readonly resources: readonly AssemblyResource[];
}

export interface CloudAssembly {
  readonly dir: string;
  readonly stacks: readonly AssemblyStack[];
  /** What could not be read, in sentences (`OrdersApi.template.json is not JSON`). */
  readonly problems: readonly string[];
}

interface Artifact {
  readonly type?: string;
  readonly environment?: string;
  readonly properties?: { templateFile?: string; stackName?: string; directoryName?: string };
  readonly metadata?: Record<string, readonly { type?: string; data?: unknown }[]>;
}

const TYPES: Readonly<Record<string, { type: PrincipalType; name: string }>> = {
  'AWS::IAM::Role': { type: 'role', name: 'RoleName' },
  'AWS::IAM::User': { type: 'user', name: 'UserName' },
};
const MAX_NESTING = 4;

/** The assembly in `dir` (cdk.out), or undefined when it has no manifest. */
export function readCloudAssembly(dir: string, read: (file: string) => string | undefined): CloudAssembly | undefined {
  const problems: string[] = [];
  const stacks = readManifest(dir, read, problems, 0);
  // A manifest that is there but cannot be read is said, not taken for no assembly.
  return stacks === undefined && problems.length === 0 ? undefined : { dir, stacks: stacks ?? [], problems };
}

function readManifest(
  dir: string,
  read: (file: string) => string | undefined,
  problems: string[],
  depth: number,
): AssemblyStack[] | undefined {
  const manifest = parseJson(read(path.join(dir, 'manifest.json')), path.join(dir, 'manifest.json'), problems);
  const artifacts = (manifest as { artifacts?: Record<string, Artifact> } | undefined)?.artifacts;
  if (manifest === undefined) return undefined;
  const stacks: AssemblyStack[] = [];
  for (const [id, artifact] of Object.entries(artifacts ?? {})) {
    if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName && depth < MAX_NESTING) {
      stacks.push(
        ...(readManifest(path.join(dir, artifact.properties.directoryName), read, problems, depth + 1) ?? []),
      );
    } else if (artifact.type === 'aws:cloudformation:stack' && artifact.properties?.templateFile) {
      const file = path.join(dir, artifact.properties.templateFile);
      const template = parseJson(read(file), file, problems) as { Resources?: Record<string, unknown> } | undefined;
      stacks.push({
        stack: artifact.properties.stackName ?? id,
        ...environment(artifact.environment),
        resources: principalsOf(template?.Resources ?? {}, logicalIdPaths(artifact.metadata)),
      });
    }
  }
  return stacks;
}

/** `aws://123456789012/eu-west-1`; `unknown-account` and `unknown-region` are an environment-agnostic stack's. */
function environment(env: string | undefined): { account?: string; region?: string } {
  const match = /^aws:\/\/([^/]+)\/([^/]+)$/.exec(env ?? '');
  if (!match) return {};
  return {
    ...(/^\d{12}$/.test(match[1]!) && { account: match[1]! }),
    ...(match[2] !== 'unknown-region' && { region: match[2]! }),
  };
}

/** The manifest's `aws:cdk:logicalId` entries: logical id → construct path (without the leading `/`). */
function logicalIdPaths(metadata: Artifact['metadata']): Map<string, string> {
  const paths = new Map<string, string>();
  for (const [constructPath, entries] of Object.entries(metadata ?? {}))
    for (const entry of Array.isArray(entries) ? entries : [])
      if (entry.type === 'aws:cdk:logicalId' && typeof entry.data === 'string')
        paths.set(entry.data, constructPath.replace(/^\//, ''));
  return paths;
}

function principalsOf(resources: Record<string, unknown>, paths: ReadonlyMap<string, string>): AssemblyResource[] {
  const out: AssemblyResource[] = [];
  for (const [logicalId, value] of Object.entries(resources)) {
    const resource = value as {
      Type?: unknown;
      Properties?: Record<string, unknown>;
      Metadata?: Record<string, unknown>;
    };
    const known = typeof resource.Type === 'string' ? TYPES[resource.Type] : undefined;
    const cdkPath = resource.Metadata?.['aws:cdk:path'];
    const constructPath = typeof cdkPath === 'string' ? cdkPath : paths.get(logicalId);
    if (!known || constructPath === undefined) continue;
    const name = resource.Properties?.[known.name];
    const iamPath = resource.Properties?.['Path'];
    out.push({
      logicalId,
      type: known.type,
      constructPath,
      iamPath: iamPath === undefined ? '/' : typeof iamPath === 'string' ? iamPath : undefined,
      ...(typeof name === 'string' && name !== '' && { name }),
    });
  }
  return out;
}

function parseJson(text: string | undefined, file: string, problems: string[]): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    problems.push(`${path.basename(file)} is not JSON`);
    return undefined;
  }
}

/**
 * The resources of the assembly a construct of the source may be: those whose construct path ends with
 * `ending` (`['AppRole', 'Resource']`). A construct id is unique among its siblings only, so the same id
 * in two stacks (or two scopes) gives several.
 */
export function assemblyResources(
  assembly: CloudAssembly,
  ending: readonly string[],
): { stack: AssemblyStack; resource: AssemblyResource }[] {
  const out: { stack: AssemblyStack; resource: AssemblyResource }[] = [];
  const suffix = `/${ending.join('/')}`;
  for (const stack of assembly.stacks)
    for (const resource of stack.resources)
      if (`/${resource.constructPath}`.endsWith(suffix)) out.push({ stack, resource });
  return out;
}
