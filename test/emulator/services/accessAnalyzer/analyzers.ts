/**
 * ListAnalyzers: the analyzers of the caller's Region, of one `type` when asked, as AnalyzerSummary
 * objects; an unused-access analyzer carries its `configuration.unusedAccess.unusedAccessAge`.
 */
import type { JsonObject, OperationContext, RestRequest } from '../types';
import { maxResultsOf, pageOf, timestamp, validationException } from './input';
import { ANALYZER_TYPES, type SeededAnalyzer } from './seed';

export function listAnalyzers({ query }: RestRequest, ctx: OperationContext): JsonObject {
  const type = query.get('type');
  if (type !== undefined && !(ANALYZER_TYPES as readonly string[]).includes(type))
    throw validationException(
      'type',
      `Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [${ANALYZER_TYPES.join(', ')}]`,
    );
  const { seed } = ctx.data.accessAnalyzer;
  const analyzers = seed.analyzers.filter((a) => a.region === ctx.region && (type === undefined || a.type === type));
  const size = Math.min(maxResultsOf(query.get('maxResults')) ?? seed.pageSize, seed.pageSize);
  const page = pageOf(analyzers, `analyzers ${ctx.region} ${type ?? ''}`, query.get('nextToken'), size);
  return { analyzers: page.items.map(summary), ...(page.nextToken !== undefined && { nextToken: page.nextToken }) };
}

function summary(analyzer: SeededAnalyzer): JsonObject {
  // The seed lists findings newest first: the first is about the principal analyzed last.
  const newest = analyzer.findings[0]?.resource;
  return {
    arn: analyzer.arn,
    name: analyzer.name,
    type: analyzer.type,
    createdAt: timestamp(analyzer.createdAt),
    ...(newest !== undefined && {
      lastResourceAnalyzed: newest,
      lastResourceAnalyzedAt: timestamp(analyzer.analyzedAt),
    }),
    tags: {},
    status: analyzer.status,
    ...(analyzer.unusedAccessAge !== undefined && {
      configuration: { unusedAccess: { unusedAccessAge: analyzer.unusedAccessAge, analysisRule: { exclusions: [] } } },
    }),
  };
}
