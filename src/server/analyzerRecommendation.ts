/**
 * IAM Access Analyzer's recommendation for a principal's unused permissions, asked when the user asks (a
 * CodeLens or the command): each UnusedPermission finding of the principal's cached Access Analyzer
 * evidence is given to GenerateFindingRecommendation, polled until it ends, and the steps are written as
 * Markdown. A finding whose recommendation fails says why; the others still show.
 */
import { findingRecommendation } from '../aws';
import { recommendationMarkdown, type FindingRecommendation } from '../core';
import type { AnalyzerRecommendationRequest } from '../shared/protocol';
import type { AwsConnection } from './awsService';
import type { UnusedService } from './unusedService';

export async function analyzerRecommendation(
  principal: string,
  o: {
    readonly unused: Pick<UnusedService, 'analyzerEvidence'>;
    readonly connection: () => Promise<AwsConnection | undefined>;
    readonly signal?: AbortSignal;
    readonly now?: () => number;
  },
): Promise<AnalyzerRecommendationRequest.Result> {
  const evidence = o.unused.analyzerEvidence(principal);
  const analyzer = evidence?.analyzer;
  if (evidence === undefined || analyzer === undefined)
    return {
      ok: false,
      reason: `IAM Access Analyzer's findings about ${principal} are not known yet: open a policy of it with AWS configured, and ask again once its CodeLens names Access Analyzer.`,
    };
  const services = new Map<string, string[]>();
  for (const f of evidence.findings) {
    if (f.type !== 'UnusedPermission') continue;
    services.set(f.id, [...(services.get(f.id) ?? []), f.service]);
  }
  if (services.size === 0)
    return { ok: false, reason: `IAM Access Analyzer found no unused permission of ${principal}.` };
  const connection = await o.connection();
  if (connection === undefined) return { ok: false, reason: 'AWS is not configured: choose a profile first.' };
  const findings: FindingRecommendation[] = [];
  let steps = 0;
  // One finding after another: each is a job Access Analyzer runs, and a principal has a few at most.
  for (const [findingId, unused] of services) {
    const answer = await findingRecommendation(connection.gateway, analyzer.arn, findingId, {
      region: analyzer.region,
      ...(o.signal && { signal: o.signal }),
    });
    if (answer.ok) steps += answer.value.length;
    findings.push(
      answer.ok
        ? { findingId, services: unused, steps: answer.value }
        : { findingId, services: unused, problem: answer.problem.sentence },
    );
  }
  const now = (o.now ?? Date.now)();
  return { ok: true, steps, markdown: recommendationMarkdown(principal, findings, { now, analyzerArn: analyzer.arn }) };
}
