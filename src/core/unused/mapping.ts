/**
 * Which deployed principal a policy in code belongs to, and why CloudWarden thinks so (shown to the user).
 * In order of evidence: an explicit mapping (a `principals` entry of `.cloudwarden.yaml` or of a mapping
 * file: files and, optionally, the resource or construct), then the one principal named on the command
 * line (`--principal`).
 */
import { parse } from 'yaml';
import type { PolicyDocument } from '../policy/model';
import { compilePathGlob } from '../config/pathGlob';
import { isPrincipalArn } from '../config/projectFile';
import type { ProjectFile } from '../config/resolve';
import { LineIndex } from '../text/lines';

export interface MappingRule {
  /** A glob of the files it covers (relative to the mapping file's folder); absent: every file. */
  readonly files?: string;
  /** A resource's logical id, a construct id, or a part of the document's path; absent: every document. */
  readonly resource?: string;
  /** The role's or user's ARN. */
  readonly principal: string;
  /** Where the rule is written, for the evidence shown (`mapping.yaml, principals[0]`). */
  readonly from: string;
}

export interface PrincipalMapping {
  readonly principal: string;
  /** Why: `mapping.yaml, principals[0] (files: templates/*.yaml, resource: FunctionRole)`. */
  readonly evidence: string;
}

/** The rules of a mapping file (YAML or JSON: `principals: [{files?, resource?, principal}]`), or the error. */
export function parseMapping(text: string, name: string): MappingRule[] | { error: string } {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    return {
      error: `${name} is not YAML or JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    };
  }
  const list = (value as { principals?: unknown } | null)?.principals;
  if (!Array.isArray(list)) return { error: `${name} has no 'principals' list` };
  const rules: MappingRule[] = [];
  for (const [i, entry] of list.entries()) {
    const { files, resource, principal } = (entry ?? {}) as Record<string, unknown>;
    const where = `${name}, principals[${i}]`;
    if (typeof principal !== 'string' || !isPrincipalArn(principal))
      return { error: `${where}: 'principal' must be a role's or user's ARN` };
    if (files !== undefined && typeof files !== 'string') return { error: `${where}: 'files' must be a glob` };
    if (resource !== undefined && typeof resource !== 'string')
      return { error: `${where}: 'resource' must be a string` };
    rules.push({
      principal,
      from: where,
      ...(files !== undefined && { files }),
      ...(resource !== undefined && { resource }),
    });
  }
  return rules;
}

/** The `principals` entries of a project file as rules, each saying where it is (`.cloudwarden.yaml:12`). */
export function projectMappingRules(project: ProjectFile | undefined): MappingRule[] {
  if (project === undefined || project.config.principals.length === 0) return [];
  const lines = new LineIndex(project.text);
  const name = project.file.slice(Math.max(project.file.lastIndexOf('/'), project.file.lastIndexOf('\\')) + 1);
  return project.config.principals.map((p) => ({
    principal: p.principal,
    from: `${name}:${lines.positionAt(p.span.start).line + 1}`,
    ...(p.files !== undefined && { files: p.files }),
    ...(p.resource !== undefined && { resource: p.resource }),
  }));
}

/**
 * The principal of a document in `file` (relative to the mapping's folder, `/`-separated): the first
 * rule that covers it, else `fallback` (the command line's `--principal`), else undefined.
 */
export function principalOf(
  document: PolicyDocument,
  file: string,
  rules: readonly MappingRule[],
  fallback?: PrincipalMapping,
): PrincipalMapping | undefined {
  for (const rule of rules) {
    if (rule.files !== undefined && !compilePathGlob(rule.files)(file)) continue;
    if (rule.resource !== undefined && !namesResource(document, rule.resource)) continue;
    const scope = [rule.files && `files: ${rule.files}`, rule.resource && `resource: ${rule.resource}`].filter(Boolean);
    return { principal: rule.principal, evidence: `${rule.from}${scope.length > 0 ? ` (${scope.join(', ')})` : ''}` };
  }
  return fallback;
}

function namesResource(document: PolicyDocument, resource: string): boolean {
  if (document.appliesTo?.includes(resource)) return true;
  return (
    document.path === resource || document.path.startsWith(`${resource}.`) || document.path.includes(`.${resource}.`)
  );
}
