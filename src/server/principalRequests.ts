/**
 * The command that sets a policy's principal, on the server's side: the identity policy at a position with
 * the principals its evidence offers, and the `principals` entry written into `.cloudwarden.yaml` (created
 * when missing; edited with the yaml Document API, so comments and other entries stay). The server writes
 * the file itself and reads it again at once: a project file outside the workspace folders has no watcher.
 * Offered as a code action on every identity policy.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type PolicyDocument,
  projectMappingRules,
  readIfPresent,
  withPrincipalEntry,
  type PrincipalEntry,
} from '../core';
import { PolicyPrincipalRequest, SetPolicyPrincipalRequest } from '../shared/protocol';
import type { PrincipalContext, PrincipalResolver } from './principalResolver';
import { fsPathOf, type ProjectConfigService } from './projectConfig';
import type { PolicySources } from './sources';

const MAP_PRINCIPAL_COMMAND = 'cloudwarden.mapPrincipal';

interface Services {
  readonly documents: TextDocuments<TextDocument>;
  readonly sources: PolicySources;
  readonly projects: ProjectConfigService;
  readonly resolver: PrincipalResolver;
  /** The project file was written: read it again and judge the open files again. */
  readonly written: () => void;
}

export function registerPrincipalRequests(connection: Connection, services: Services): void {
  connection.onRequest(PolicyPrincipalRequest.type, async (params): Promise<PolicyPrincipalRequest.Result> => {
    const found = policyAt(services, params.uri, params.position);
    if ('reason' in found) return { ok: false, reason: found.reason };
    const { current, candidates, passed } = await services.resolver.candidates(found.document, found.context);
    return {
      ok: true,
      policy: found.document.path,
      candidates,
      passed,
      projectFile: found.projectFile,
      ...(current && { current }),
    };
  });
  connection.onRequest(SetPolicyPrincipalRequest.type, (params): SetPolicyPrincipalRequest.Result => {
    const found = policyAt(services, params.uri, params.position);
    if ('reason' in found) return { ok: false, reason: found.reason };
    const before = readIfPresent(found.projectFile);
    const edited = withPrincipalEntry(before, { ...found.entry, principal: params.principal });
    if ('error' in edited) return { ok: false, reason: `${path.basename(found.projectFile)}: ${edited.error}` };
    try {
      mkdirSync(path.dirname(found.projectFile), { recursive: true });
      writeFileSync(found.projectFile, edited.text);
    } catch (error) {
      return { ok: false, reason: `${found.projectFile} could not be written: ${String(error)}` };
    }
    services.written();
    return { ok: true, projectFile: found.projectFile, created: before === undefined };
  });
}

/** "Set the principal of this policy…" where the range starts in an identity policy. */
export function principalActions(
  sources: PolicySources,
  document: TextDocument,
  params: CodeActionParams,
): CodeAction[] {
  if (params.context.only && !params.context.only.some((k) => CodeActionKind.Refactor.startsWith(k))) return [];
  const source = sources.has(document) ? sources.get(document) : undefined;
  if (!source || !identityAt(source.documents, document.offsetAt(params.range.start))) return [];
  return [
    {
      title: 'Set the principal of this policy…',
      kind: CodeActionKind.Refactor,
      command: {
        title: 'Set the principal of this policy…',
        command: MAP_PRINCIPAL_COMMAND,
        arguments: [{ uri: document.uri, position: params.range.start }],
      },
    },
  ];
}

type Found =
  | {
      readonly document: PolicyDocument;
      readonly context: PrincipalContext;
      readonly projectFile: string;
      readonly entry: Omit<PrincipalEntry, 'principal'>;
    }
  | { readonly reason: string };

function policyAt(services: Services, uri: string, position: { line: number; character: number }): Found {
  const text = services.documents.get(uri);
  const file = fsPathOf(uri);
  if (!text || file === undefined) return { reason: 'Open the file (saved on disk) whose policy to map.' };
  const source = services.sources.get(text);
  const identities = source?.documents.filter((d) => d.kind === 'identity' && !d.derivedFrom) ?? [];
  const document = identityAt(identities, text.offsetAt(position));
  if (!source || !document) return { reason: 'There is no identity policy (of a role or user) at the cursor.' };
  const target = services.projects.projectFileFor(uri)!;
  const project = services.projects.projectFor(uri);
  const relative = path.relative(path.dirname(target.file), file).split(path.sep).join('/');
  const context: PrincipalContext = {
    uri,
    version: text.version,
    file,
    text: text.getText(),
    source,
    project,
    relative,
    rules: projectMappingRules(project),
  };
  // The entry names the policy's principal when the file holds policies of several.
  const scopes = new Set(identities.map((d) => d.appliesTo?.join() ?? d.path));
  const resource =
    scopes.size <= 1 ? undefined : document.appliesTo?.length === 1 ? document.appliesTo[0] : document.path;
  return { document, context, projectFile: target.file, entry: { files: relative, ...(resource && { resource }) } };
}

/** The innermost identity policy holding `offset`. */
function identityAt(documents: readonly PolicyDocument[], offset: number): PolicyDocument | undefined {
  let best: PolicyDocument | undefined;
  for (const d of documents)
    if (d.kind === 'identity' && d.span.start <= offset && offset <= d.span.end)
      if (!best || d.span.end - d.span.start < best.span.end - best.span.start) best = d;
  return best;
}
