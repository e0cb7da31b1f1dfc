import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isPrincipalArn, PROJECT_FILE_NAME, projectMappingRules } from '../core';
import type { PolicyPrincipalsRequest } from '../shared/protocol';
import type { ActivitySource } from './activitySource';
import type { LogActivity } from './logActivity';
import type { ProjectConfigService } from './projectConfig';

/**
 * Whom a policy can be generated for: the `principals` of the project file nearest the active document and
 * of each workspace folder's, then the roles and users the log files saw (everything the index holds, most
 * actions first). Each principal once, with where it was found first.
 */
export async function principalCandidates(
  context: {
    readonly projects: ProjectConfigService;
    readonly logs: LogActivity;
    readonly source: () => Promise<ActivitySource>;
    readonly now?: () => number;
  },
  params: PolicyPrincipalsRequest.Params,
): Promise<PolicyPrincipalsRequest.Result> {
  const found = new Map<string, string>();
  const uris = [
    ...(typeof params?.uri === 'string' ? [params.uri] : []),
    ...context.projects.workspaceFolders.map((folder) => pathToFileURL(path.join(folder, PROJECT_FILE_NAME)).href),
  ];
  for (const uri of uris)
    for (const rule of projectMappingRules(context.projects.projectFor(uri)))
      if (!found.has(rule.principal)) found.set(rule.principal, rule.from);
  const problems: string[] = [];
  const source = await context.source();
  if (source.kind === 'logFiles') {
    try {
      const usage = await context.logs.usage(source.roots, { since: 0, until: (context.now ?? Date.now)() });
      const seen = usage.principals
        .filter((p) => isPrincipalArn(p.principal))
        .sort((a, b) => b.actions.length - a.actions.length);
      for (const p of seen)
        if (!found.has(p.principal))
          found.set(
            p.principal,
            `CloudTrail log files: ${p.actions.length} action${p.actions.length === 1 ? '' : 's'}`,
          );
    } catch (error) {
      problems.push(
        `The CloudTrail log index could not be read: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return { principals: [...found].map(([principal, from]) => ({ principal, from })), problems };
}
