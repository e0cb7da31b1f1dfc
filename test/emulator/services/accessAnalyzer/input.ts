/**
 * What Access Analyzer's calls share: its modelled errors (ValidationException with the offending
 * field, ResourceNotFoundException with the resource's id and type), the analyzer ARN and maxResults
 * members checked as its model constrains them, the analyzer a call names (in the call's Region), and
 * opaque page tokens good only for the listing that issued them.
 */
import { AwsError } from '../../errors';
import type { OperationContext } from '../types';
import type { SeededAnalyzer, SeededFinding } from './seed';

/** The model's pattern of an analyzer ARN. */
const ANALYZER_ARN = /^[^:]*:[^:]*:[^:]*:[^:]*:[^:]*:analyzer\/.{1,255}$/;

/** A member that breaks the model's constraints. */
export function validationException(field: string, message: string): AwsError {
  return new AwsError('ValidationException', 400, message, {
    reason: 'fieldValidationFailed',
    fieldList: [{ name: field, message }],
  });
}

function notFound(message: string, resourceId: string, resourceType: string): AwsError {
  return new AwsError('ResourceNotFoundException', 404, message, { resourceId, resourceType });
}

/** The analyzer `value` names, checked, in the caller's Region. */
export function analyzerOf(value: unknown, ctx: OperationContext): SeededAnalyzer {
  if (value === undefined || value === '') throw validationException('analyzerArn', 'analyzerArn is required.');
  if (typeof value !== 'string' || !ANALYZER_ARN.test(value))
    throw validationException(
      'analyzerArn',
      `Value '${String(value)}' at 'analyzerArn' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:]*:[^:]*:[^:]*:[^:]*:[^:]*:analyzer/.{1,255}`,
    );
  const analyzer = ctx.data.accessAnalyzer.seed.analyzers.find((a) => a.arn === value && a.region === ctx.region);
  if (analyzer === undefined) throw notFound(`Analyzer ${value} not found`, value, 'AWS::AccessAnalyzer::Analyzer');
  return analyzer;
}

/** The finding `id` of `analyzer`. */
export function findingOf(analyzer: SeededAnalyzer, id: string): SeededFinding {
  const finding = analyzer.findings.find((f) => f.id === id);
  if (finding === undefined) throw notFound(`Finding ${id} not found`, id, 'AWS::AccessAnalyzer::Finding');
  return finding;
}

/** `maxResults` (a query string's text or a body's number), 1 or more; undefined when absent. */
export function maxResultsOf(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1)
    throw validationException(
      'maxResults',
      `Value '${String(value)}' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1`,
    );
  return n;
}

/** One page of `items` from the offset `token` holds, at most `size` long, and the token of the next. */
export function pageOf<T>(
  items: readonly T[],
  listing: string,
  token: unknown,
  size: number,
): { items: readonly T[]; nextToken?: string } {
  const offset = token === undefined ? 0 : readToken(listing, token);
  const page = items.slice(offset, offset + size);
  const next = offset + page.length;
  return next < items.length
    ? { items: page, nextToken: Buffer.from(`${listing}\n${next}`).toString('base64url') }
    : { items: page };
}

function readToken(listing: string, token: unknown): number {
  const [issuedFor, offset] =
    typeof token === 'string' ? Buffer.from(token, 'base64url').toString('utf8').split('\n') : [];
  if (issuedFor !== listing || offset === undefined || !/^\d+$/.test(offset))
    throw validationException('nextToken', 'Invalid nextToken.');
  return Number(offset);
}

/** Access Analyzer's timestamps: ISO 8601 date-times in the JSON body. */
export function timestamp(ms: number): string {
  return new Date(ms).toISOString();
}
