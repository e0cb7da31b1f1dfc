/**
 * ListFindingsV2 and GetFindingV2 over an unused-access analyzer's findings. ListFindingsV2 filters on
 * the summary's members (`resource`, `status`, `findingType`, … with `eq`, `neq`, `contains`,
 * `exists`), sorts when asked and pages; GetFindingV2 answers the summary with the finding's details,
 * themselves paged: an unused-permission finding has one detail per service.
 */
import { AwsError } from '../../errors';
import type { JsonObject, OperationContext, RestRequest } from '../types';
import { analyzerOf, findingOf, maxResultsOf, pageOf, timestamp, validationException } from './input';
import type { SeededAnalyzer, SeededFinding } from './seed';

/** The keys ListFindingsV2's filter takes for unused-access findings. */
const FILTER_KEYS = ['id', 'resource', 'resourceType', 'resourceOwnerAccount', 'status', 'findingType'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
/** The members a listing may be sorted by. */
const SORT_KEYS: readonly string[] = [...FILTER_KEYS, 'analyzedAt', 'createdAt', 'updatedAt'];

interface Criterion {
  readonly eq?: readonly string[];
  readonly neq?: readonly string[];
  readonly contains?: readonly string[];
  readonly exists?: boolean;
}

export function listFindingsV2({ body }: RestRequest, ctx: OperationContext): JsonObject {
  const analyzer = analyzerOf(body['analyzerArn'], ctx);
  const filter = readFilter(body['filter']);
  const matching = analyzer.findings
    .map((f) => summary(analyzer, f))
    .filter((s) => filter.every(([key, criterion]) => matches(s[key] as string | undefined, criterion)));
  const sorted = sortSummaries(matching, body['sort']);
  const { pageSize } = ctx.data.accessAnalyzer.seed;
  const size = Math.min(maxResultsOf(body['maxResults']) ?? pageSize, pageSize);
  const page = pageOf(
    sorted,
    `findings ${analyzer.arn} ${JSON.stringify([filter, body['sort']])}`,
    body['nextToken'],
    size,
  );
  return { findings: page.items, ...(page.nextToken !== undefined && { nextToken: page.nextToken }) };
}

export function getFindingV2({ labels, query }: RestRequest, ctx: OperationContext): JsonObject {
  const analyzer = analyzerOf(query.get('analyzerArn'), ctx);
  const finding = findingOf(analyzer, labels['id'] ?? '');
  const { pageSize } = ctx.data.accessAnalyzer.seed;
  const size = Math.min(maxResultsOf(query.get('maxResults')) ?? pageSize, pageSize);
  const page = pageOf(details(finding), `details ${finding.id}`, query.get('nextToken'), size);
  return {
    ...summary(analyzer, finding),
    findingDetails: page.items,
    ...(page.nextToken !== undefined && { nextToken: page.nextToken }),
  };
}

/** A FindingSummaryV2 (GetFindingV2's answer has the same members). */
function summary(analyzer: SeededAnalyzer, finding: SeededFinding): JsonObject {
  return {
    analyzedAt: timestamp(analyzer.analyzedAt),
    createdAt: timestamp(finding.createdAt),
    id: finding.id,
    resource: finding.resource,
    resourceType: finding.resourceType,
    resourceOwnerAccount: finding.resourceOwnerAccount,
    status: finding.status,
    updatedAt: timestamp(finding.updatedAt),
    findingType: finding.type,
  };
}

/** The FindingDetails union members of a finding, one per unused service for unused permissions. */
function details(finding: SeededFinding): JsonObject[] {
  const last = finding.lastAccessed === undefined ? {} : { lastAccessed: timestamp(finding.lastAccessed) };
  switch (finding.type) {
    case 'UnusedPermission':
      return finding.services.map((s) => ({
        unusedPermissionDetails: {
          serviceNamespace: s.namespace,
          ...(s.lastAccessed !== undefined && { lastAccessed: timestamp(s.lastAccessed) }),
          ...(s.actions && {
            actions: s.actions.map((a) => ({
              action: a.action,
              ...(a.lastAccessed !== undefined && { lastAccessed: timestamp(a.lastAccessed) }),
            })),
          }),
        },
      }));
    case 'UnusedIAMRole':
      return [{ unusedIamRoleDetails: last }];
    case 'UnusedIAMUserAccessKey':
      return [{ unusedIamUserAccessKeyDetails: { accessKeyId: finding.accessKeyId, ...last } }];
    case 'UnusedIAMUserPassword':
      return [{ unusedIamUserPasswordDetails: last }];
  }
}

function matches(value: string | undefined, c: Criterion): boolean {
  if (c.exists !== undefined && (value !== undefined) !== c.exists) return false;
  if (c.eq && !(value !== undefined && c.eq.includes(value))) return false;
  if (c.neq && value !== undefined && c.neq.includes(value)) return false;
  if (c.contains && !(value !== undefined && c.contains.some((part) => value.includes(part)))) return false;
  return true;
}

function readFilter(value: unknown): [FilterKey, Criterion][] {
  if (value === undefined) return [];
  if (!isObject(value)) throw serialization('filter must be a map of criteria.');
  return Object.entries(value).map(([key, criterion]) => {
    if (!(FILTER_KEYS as readonly string[]).includes(key))
      throw validationException('filter', `Invalid filter key: ${key}. Valid keys: ${FILTER_KEYS.join(', ')}.`);
    if (!isObject(criterion)) throw serialization(`filter.${key} must be a criterion.`);
    for (const op of ['eq', 'neq', 'contains'] as const) {
      const list = criterion[op];
      if (list !== undefined && !(Array.isArray(list) && list.every((v) => typeof v === 'string')))
        throw serialization(`filter.${key}.${op} must be a list of strings.`);
    }
    if (criterion['exists'] !== undefined && typeof criterion['exists'] !== 'boolean')
      throw serialization(`filter.${key}.exists must be a boolean.`);
    return [key as FilterKey, criterion as Criterion];
  });
}

function sortSummaries(summaries: JsonObject[], sort: unknown): JsonObject[] {
  if (sort === undefined) return summaries;
  if (!isObject(sort)) throw serialization('sort must be an object.');
  const { attributeName, orderBy = 'ASC' } = sort;
  if (typeof attributeName !== 'string' || !SORT_KEYS.includes(attributeName))
    throw validationException('sort', `Invalid sort attribute: ${String(attributeName)}.`);
  if (orderBy !== 'ASC' && orderBy !== 'DESC')
    throw validationException('sort', `Invalid orderBy: ${String(orderBy)}.`);
  const sign = orderBy === 'ASC' ? 1 : -1;
  return [...summaries].sort((a, b) => sign * String(a[attributeName]).localeCompare(String(b[attributeName])));
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function serialization(message: string): AwsError {
  return new AwsError('SerializationException', 400, message);
}
