/**
 * Which deployed principal a policy in code belongs to by explicit mapping, and why CloudWarden thinks so
 * (shown to the user): a `principals` entry of `.cloudwarden.yaml` (or of a project file given as the
 * CLI's `--mapping`): files and, optionally, the resource or construct. The evidence a file and its
 * deployment give otherwise is in deployed/ (literal names, stacks, cdk.out); choose.ts orders them all.
 */
import type { PolicyDocument } from '../policy/model';
import { compilePathGlob } from '../config/pathGlob';
import type { ProjectFile } from '../config/resolve';
import { LineIndex } from '../text/lines';
import type { StackRef } from './deployed/types';

export interface MappingRule {
  /** A glob of the files it covers (relative to the mapping file's folder); absent: every file. */
  readonly files?: string;
  /** A resource's logical id, a construct id, or a part of the document's path; absent: every document. */
  readonly resource?: string;
  /** The role's or user's ARN. */
  readonly principal: string;
  /** Where the rule is written, for the evidence shown (`.cloudwarden.yaml:12`). */
  readonly from: string;
}

export interface PrincipalMapping {
  readonly principal: string;
  /** Why: `.cloudwarden.yaml:12 (files: templates/*.yaml, resource: FunctionRole)`. */
  readonly evidence: string;
}

/** The `principals` entries of a project file as rules, each saying where it is (`.cloudwarden.yaml:12`). */
export function projectMappingRules(project: ProjectFile | undefined): MappingRule[] {
  if (project === undefined || project.config.principals.length === 0) return [];
  const lines = new LineIndex(project.text);
  const name = baseName(project.file);
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

/** The `stacks` entries of a project file that cover `file` (relative to its folder, `/`-separated). */
export function projectStackRefs(project: ProjectFile | undefined, file: string): StackRef[] {
  if (project === undefined || project.config.stacks.length === 0) return [];
  const lines = new LineIndex(project.text);
  return project.config.stacks
    .filter((s) => s.files === undefined || compilePathGlob(s.files)(file))
    .map((s) => ({
      stack: s.stack,
      source: 'stacks',
      from: `${baseName(project.file)}:${lines.positionAt(s.span.start).line + 1}`,
      ...(s.region !== undefined && { region: s.region }),
    }));
}

function baseName(file: string): string {
  return file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
}
