/**
 * Pagination for the emulated list calls of KMS and Secrets Manager: a page of at most
 * `min(asked, pageSize)` items, and a token that is good only for the call, Region and filter that
 * issued it (as AWS's are), so a client that mixes them up fails here as it would in AWS.
 */
import { AwsError } from '../errors';

/** One page of `items` from `offset`, and the token of the next, if any. */
export interface ListPage<T> {
  readonly items: readonly T[];
  readonly next?: string;
}

/** What a token is bound to: the operation, the Region and any filter (a key id). */
export type TokenScope = readonly string[];

/** The token that continues `scope` at `offset`. */
function encodeToken(scope: TokenScope, offset: number): string {
  return Buffer.from(JSON.stringify([...scope, offset])).toString('base64');
}

/** The offset a token continues at, or undefined when it was not issued for `scope`. */
function decodeToken(token: string, scope: TokenScope): number | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== scope.length + 1) return undefined;
    if (scope.some((part, i) => parsed[i] !== part)) return undefined;
    const offset: unknown = parsed[scope.length];
    return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}

/** The page of `items` a call asks for; `badToken` is the service's error for a token it did not issue. */
export function listPage<T>(
  items: readonly T[],
  request: { readonly limit: number; readonly token: string | undefined; readonly scope: TokenScope },
  badToken: () => AwsError,
): ListPage<T> {
  const offset = request.token === undefined ? 0 : decodeToken(request.token, request.scope);
  if (offset === undefined || offset > items.length) throw badToken();
  const end = offset + request.limit;
  return {
    items: items.slice(offset, end),
    ...(end < items.length && { next: encodeToken(request.scope, end) }),
  };
}

/** A request's page size: `Limit`/`MaxResults` within [1, max] (else `invalid`), never above the seed's `pageSize`. */
export function pageLimit(
  asked: unknown,
  range: { readonly max: number; readonly fallback: number },
  pageSize: number,
  invalid: (message: string) => AwsError,
): number {
  if (asked === undefined) return Math.min(range.fallback, pageSize);
  if (typeof asked !== 'number' || !Number.isInteger(asked) || asked < 1 || asked > range.max)
    throw invalid(
      `1 validation error detected: Value '${String(asked)}' at 'limit' failed to satisfy constraint: Member must have value between 1 and ${range.max}`,
    );
  return Math.min(asked, pageSize);
}

/** An optional string member of a JSON request. */
export function optionalInput(input: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = input[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Epoch seconds, as the JSON protocols send timestamps. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}
