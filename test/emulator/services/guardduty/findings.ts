/**
 * GuardDuty's detector and finding calls. A detector belongs to its Region: another Region's id is
 * rejected as GuardDuty rejects an id it does not know. ListFindings answers ids, filtered, sorted and
 * paged (opaque tokens good only for the listing that issued them); GetFindings up to 50 of them in
 * full; GetFindingsStatistics counts the matching findings by severity.
 */
import type { JsonObject, OperationContext, RestRequest } from '../types';
import { badRequest, matching, readCriteria, sortFindings } from './criteria';
import type { SeededDetector, SeededGuardDutyFinding } from './seed';

/** GetFindings' limit on ids (the model's FindingIds: at most 50). */
const MAX_IDS = 50;

export function listDetectors({ query }: RestRequest, ctx: OperationContext): JsonObject {
  const { detectors, pageSize } = ctx.data.guardduty;
  const ids = detectors.filter((d) => d.region === ctx.region).map((d) => d.id);
  const page = pageOf(
    ids,
    `detectors ${ctx.region}`,
    query.get('nextToken'),
    sizeOf(query.get('maxResults'), pageSize),
  );
  return { detectorIds: page.items, ...(page.nextToken !== undefined && { nextToken: page.nextToken }) };
}

export function listFindings({ labels, body }: RestRequest, ctx: OperationContext): JsonObject {
  const detector = detectorOf(labels['detectorId'], ctx);
  const found = sortFindings(matching(detector, readCriteria(body['findingCriteria'])), detector, body['sortCriteria']);
  const listing = `findings ${detector.id} ${JSON.stringify([body['findingCriteria'], body['sortCriteria']])}`;
  const size = sizeOf(body['maxResults'], ctx.data.guardduty.pageSize);
  const page = pageOf(
    found.map((f) => f.id),
    listing,
    body['nextToken'],
    size,
  );
  return { findingIds: page.items, ...(page.nextToken !== undefined && { nextToken: page.nextToken }) };
}

export function getFindings({ labels, body }: RestRequest, ctx: OperationContext): JsonObject {
  const detector = detectorOf(labels['detectorId'], ctx);
  const ids = body['findingIds'];
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string'))
    throw badRequest('findingIds is required: a list of finding ids.');
  if (ids.length > MAX_IDS) throw badRequest(`findingIds holds at most ${MAX_IDS} ids.`);
  // Unknown ids are left out, as GuardDuty does.
  const found = detector.findings.filter((f) => ids.includes(f.id));
  return { findings: sortFindings(found, detector, body['sortCriteria']).map((f) => finding(detector, f)) };
}

export function getFindingsStatistics({ labels, body }: RestRequest, ctx: OperationContext): JsonObject {
  const detector = detectorOf(labels['detectorId'], ctx);
  const types = body['findingStatisticTypes'];
  if (types !== undefined && !(Array.isArray(types) && types.every((t) => t === 'COUNT_BY_SEVERITY')))
    throw badRequest('findingStatisticTypes: only COUNT_BY_SEVERITY is emulated.');
  const counts: Record<string, number> = {};
  for (const f of matching(detector, readCriteria(body['findingCriteria']))) {
    const key = f.severity.toFixed(1);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return { findingStatistics: { countBySeverity: counts } };
}

/** The Finding model's members. */
function finding(detector: SeededDetector, f: SeededGuardDutyFinding): JsonObject {
  return {
    accountId: detector.account,
    arn: `arn:aws:guardduty:${detector.region}:${detector.account}:detector/${detector.id}/finding/${f.id}`,
    createdAt: iso(f.createdAt),
    description: f.description,
    id: f.id,
    partition: 'aws',
    region: detector.region,
    resource: f.resource,
    schemaVersion: '2.0',
    service: {
      serviceName: 'guardduty',
      detectorId: detector.id,
      archived: f.archived,
      count: f.count,
      eventFirstSeen: iso(f.firstSeen),
      eventLastSeen: iso(f.lastSeen),
      resourceRole: 'TARGET',
      ...(f.action && { action: f.action }),
    },
    severity: f.severity,
    title: f.title,
    type: f.type,
    updatedAt: iso(f.updatedAt),
  };
}

/** The detector a call names, in the call's Region. */
function detectorOf(id: string | undefined, ctx: OperationContext): SeededDetector {
  const detector = ctx.data.guardduty.detectors.find((d) => d.id === id && d.region === ctx.region);
  if (detector === undefined)
    throw badRequest('The request is rejected because the input detectorId is not owned by the current account.');
  return detector;
}

/** `maxResults` (text in a query string, a number in a body), 1 to 50, capped at the seed's page size. */
function sizeOf(value: unknown, pageSize: number): number {
  if (value === undefined) return pageSize;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_IDS)
    throw badRequest(`maxResults must be from 1 to ${MAX_IDS}.`);
  return Math.min(n, pageSize);
}

function pageOf<T>(
  items: readonly T[],
  listing: string,
  token: unknown,
  size: number,
): { items: readonly T[]; nextToken?: string } {
  let offset = 0;
  if (token !== undefined && token !== '') {
    const [issuedFor, at] = typeof token === 'string' ? Buffer.from(token, 'base64url').toString().split('\n') : [];
    if (issuedFor !== listing || at === undefined || !/^\d+$/.test(at)) throw badRequest('Invalid nextToken.');
    offset = Number(at);
  }
  const page = items.slice(offset, offset + size);
  const next = offset + page.length;
  return next < items.length
    ? { items: page, nextToken: Buffer.from(`${listing}\n${next}`).toString('base64url') }
    : { items: page };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
