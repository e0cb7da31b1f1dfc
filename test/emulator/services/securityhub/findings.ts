/**
 * Security Hub's DescribeHub and GetFindings in the caller's Region. A Region without a hub answers
 * both with InvalidAccessException, as AWS does for an account not subscribed there. GetFindings
 * filters as Security Hub does: StringFilters (`{Value, Comparison}`) per field, several filters of
 * one field alternatives when they are positive (EQUALS, PREFIX, CONTAINS) and all required when
 * negative (NOT_…), every field required; then sorts by SortCriteria and pages.
 */
import { AwsError } from '../../errors';
import type { JsonObject, OperationContext, RestRequest } from '../types';
import type { AsffFinding, SeededHub } from './seed';

type Read = (f: AsffFinding) => readonly string[];

const member =
  (...keys: string[]): Read =>
  (f) => {
    let value: unknown = f;
    for (const key of keys) value = (value as Record<string, unknown> | undefined)?.[key];
    return value === undefined ? [] : [String(value)];
  };
const resources =
  (key: 'Type' | 'Id'): Read =>
  (f) =>
    ((f['Resources'] ?? []) as readonly Record<string, unknown>[]).map((r) => String(r[key]));

/** The string fields GetFindings' Filters take here, and how each reads a finding. */
const FIELDS: Readonly<Record<string, Read>> = {
  Id: member('Id'),
  AwsAccountId: member('AwsAccountId'),
  ProductName: member('ProductName'),
  CompanyName: member('CompanyName'),
  Title: member('Title'),
  SeverityLabel: member('Severity', 'Label'),
  WorkflowStatus: member('Workflow', 'Status'),
  RecordState: member('RecordState'),
  ComplianceStatus: member('Compliance', 'Status'),
  Type: (f) => (f['Types'] ?? []) as readonly string[],
  ResourceType: resources('Type'),
  ResourceId: resources('Id'),
};
/** The fields SortCriteria may name: the string fields and these. */
const SORT_FIELDS: Readonly<Record<string, Read>> = {
  ...FIELDS,
  UpdatedAt: member('UpdatedAt'),
  CreatedAt: member('CreatedAt'),
  SeverityNormalized: (f) => member('Severity', 'Normalized')(f).map((n) => n.padStart(3, '0')),
};
const POSITIVE: Readonly<Record<string, (value: string, operand: string) => boolean>> = {
  EQUALS: (v, o) => v === o,
  PREFIX: (v, o) => v.startsWith(o),
  CONTAINS: (v, o) => v.includes(o),
};
const NEGATIVE: Readonly<Record<string, (value: string, operand: string) => boolean>> = {
  NOT_EQUALS: (v, o) => v !== o,
  PREFIX_NOT_EQUALS: (v, o) => !v.startsWith(o),
  NOT_CONTAINS: (v, o) => !v.includes(o),
};
const MAX_RESULTS = 100;

export function describeHub({ query }: RestRequest, ctx: OperationContext): JsonObject {
  const hub = hubOf(ctx);
  const arn = `arn:aws:securityhub:${ctx.region}:${ctx.caller.account}:hub/default`;
  const asked = query.get('HubArn');
  if (asked !== undefined && asked !== arn)
    throw new AwsError('ResourceNotFoundException', 404, `Hub ${asked} not found`);
  return {
    HubArn: arn,
    SubscribedAt: new Date(hub.subscribedAt).toISOString(),
    AutoEnableControls: true,
    ControlFindingGenerator: 'SECURITY_CONTROL',
  };
}

export function getFindings({ body }: RestRequest, ctx: OperationContext): JsonObject {
  hubOf(ctx);
  const tests = readFilters(body['Filters']);
  const found = ctx.data.securityhub.findings.filter((f) => f.Region === ctx.region && tests.every((test) => test(f)));
  const sorted = sortFindings(found, body['SortCriteria']);
  const size = Math.min(maxResults(body['MaxResults']), ctx.data.securityhub.pageSize);
  const listing = `${ctx.region} ${JSON.stringify([body['Filters'], body['SortCriteria']])}`;
  const offset = readToken(body['NextToken'], listing);
  const page = sorted.slice(offset, offset + size);
  const next = offset + page.length;
  return {
    Findings: page,
    ...(next < sorted.length && { NextToken: Buffer.from(`${listing}\n${next}`).toString('base64url') }),
  };
}

function hubOf(ctx: OperationContext): SeededHub {
  const hub = ctx.data.securityhub.hubs.find((h) => h.region === ctx.region);
  if (hub === undefined)
    throw new AwsError(
      'InvalidAccessException',
      401,
      `Account ${ctx.caller.account} is not subscribed to AWS Security Hub`,
      { Code: 'InvalidAccessException' },
    );
  return hub;
}

function readFilters(value: unknown): ((f: AsffFinding) => boolean)[] {
  if (value === undefined) return [];
  if (!isObject(value)) throw invalidInput('Filters must be an object.');
  return Object.entries(value).map(([field, filters]) => {
    const read = FIELDS[field];
    if (read === undefined) throw invalidInput(`The filter field ${field} is not emulated.`);
    if (!Array.isArray(filters)) throw invalidInput(`Filters.${field} must be a list of StringFilters.`);
    const positive: ((v: string) => boolean)[] = [];
    const negative: ((v: string) => boolean)[] = [];
    for (const filter of filters) {
      const { Value: operand, Comparison: comparison } = isObject(filter) ? filter : {};
      if (typeof operand !== 'string' || typeof comparison !== 'string')
        throw invalidInput(`Filters.${field}: each filter needs Value and Comparison.`);
      const pos = POSITIVE[comparison];
      const neg = NEGATIVE[comparison];
      if (pos) positive.push((v) => pos(v, operand));
      else if (neg) negative.push((v) => neg(v, operand));
      else throw invalidInput(`Filters.${field}: unknown Comparison ${comparison}.`);
    }
    return (f: AsffFinding) => {
      const values = read(f);
      const anyPositive = positive.length === 0 || values.some((v) => positive.some((p) => p(v)));
      return anyPositive && negative.every((n) => values.every((v) => n(v)));
    };
  });
}

function sortFindings(findings: AsffFinding[], criteria: unknown): AsffFinding[] {
  if (criteria === undefined) return findings;
  if (!Array.isArray(criteria)) throw invalidInput('SortCriteria must be a list.');
  const keys = criteria.map((c: unknown) => {
    const { Field: field, SortOrder: order = 'asc' } = isObject(c) ? c : {};
    const read = typeof field === 'string' ? SORT_FIELDS[field] : undefined;
    if (read === undefined) throw invalidInput(`SortCriteria: the field ${String(field)} is not emulated.`);
    if (order !== 'asc' && order !== 'desc') throw invalidInput('SortCriteria: SortOrder is asc or desc.');
    return { read, sign: order === 'asc' ? 1 : -1 };
  });
  return [...findings].sort((a, b) => {
    for (const { read, sign } of keys) {
      const order = (read(a)[0] ?? '').localeCompare(read(b)[0] ?? '');
      if (order !== 0) return sign * order;
    }
    return 0;
  });
}

function maxResults(value: unknown): number {
  if (value === undefined) return MAX_RESULTS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_RESULTS)
    throw invalidInput(`MaxResults must be from 1 to ${MAX_RESULTS}.`);
  return value;
}

function readToken(token: unknown, listing: string): number {
  if (token === undefined || token === '') return 0;
  const [issuedFor, at] = typeof token === 'string' ? Buffer.from(token, 'base64url').toString().split('\n') : [];
  if (issuedFor !== listing || at === undefined || !/^\d+$/.test(at)) throw invalidInput('Invalid NextToken.');
  return Number(at);
}

/** Security Hub's answer to a request it rejects (400, `{"Message", "Code"}`). */
function invalidInput(message: string): AwsError {
  return new AwsError('InvalidInputException', 400, message, { Code: 'InvalidInputException' });
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
