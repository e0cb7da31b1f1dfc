/**
 * The evidence of a policy's deployed principal that its file and its deployment give, in the order of
 * their weight: a literal ARN or name of the principal in the source, then the stack the template is
 * deployed as (a `stacks` entry of the project file, the SAM configuration) with the principal's logical
 * id, then the CDK cloud assembly's stack and logical id of the principal's construct. An explicit mapping
 * comes before all of these and `--principal` after (choose.ts).
 */
import type { PolicyDocument } from '../../policy/model';
import { isPrincipalArn } from '../../config/projectFile';
import { assemblyResources, type CloudAssembly } from './cloudAssembly';
import type { FilePrincipal, PrincipalClue, StackRef } from './types';

export interface ClueSources {
  /** The file's name as the evidence shows it (`template.yaml`). */
  readonly file: string;
  readonly principals: readonly FilePrincipal[];
  /** The stacks the file is deployed as, the project file's entries first. */
  readonly stacks: readonly StackRef[];
  readonly assembly?: CloudAssembly;
}

export function principalClues(document: PolicyDocument, sources: ClueSources): PrincipalClue[] {
  const principals = (document.appliesTo ?? []).flatMap((id) => sources.principals.filter((p) => p.id === id));
  return [
    ...principals.flatMap((p) => literalClues(p, sources.file)),
    ...principals.flatMap((p) => stackClues(p, sources.stacks)),
    ...principals.flatMap((p) => (sources.assembly ? assemblyClues(p, sources.assembly) : [])),
  ];
}

function literalClues(p: FilePrincipal, file: string): PrincipalClue[] {
  if (p.arn && isPrincipalArn(p.arn.value))
    return [{ kind: 'arn', id: p.id, arn: p.arn.value, where: `${p.arn.property} at ${file}:${p.arn.line}` }];
  if (!p.name || p.iamPath === undefined) return [];
  const where = `${p.name.property} at ${file}:${p.name.line}`;
  return [{ kind: 'name', id: p.id, type: p.type, name: p.name.value, iamPath: p.iamPath, where }];
}

function stackClues(p: FilePrincipal, stacks: readonly StackRef[]): PrincipalClue[] {
  const logicalId = p.logicalId;
  if (logicalId === undefined) return [];
  return stacks.map((s) => ({
    kind: 'stack',
    id: p.id,
    source: s.source,
    stack: s.stack,
    logicalId,
    from: s.from,
    iamPath: p.iamPath,
    type: p.type,
    ...(s.region && { region: s.region }),
  }));
}

/** The construct's resource in cdk.out, when exactly one resource of the assembly can be it. */
function assemblyClues(p: FilePrincipal, assembly: CloudAssembly): PrincipalClue[] {
  if (!p.constructPath) return [];
  const found = assemblyResources(assembly, p.constructPath).filter((m) => m.resource.type === p.type);
  if (found.length !== 1) return [];
  const { stack, resource } = found[0]!;
  return [
    {
      kind: 'stack',
      id: p.id,
      source: 'cdk.out',
      stack: stack.stack,
      logicalId: resource.logicalId,
      from: `cdk.out, ${resource.constructPath}`,
      iamPath: resource.iamPath,
      type: resource.type,
      ...(stack.region && { region: stack.region }),
      ...(stack.account && { account: stack.account }),
      ...(resource.name && { name: resource.name }),
    },
  ];
}
