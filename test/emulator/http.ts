/**
 * The emulator's view of one HTTP exchange, independent of `node:http` so that protocols, SigV4
 * verification and handlers can be exercised with plain objects in tests.
 */

/** Header values by lower-case name; repeated headers keep every value, in arrival order. */
export type Headers = Readonly<Record<string, string | readonly string[] | undefined>>;

/** One incoming request, with the body fully read. */
export interface EmulatorRequest {
  readonly method: string;
  /** Path and query exactly as sent, still percent-encoded: SigV4 signs this form. */
  readonly rawUrl: string;
  readonly headers: Headers;
  readonly body: Buffer;
}

/** One response to send. */
export interface EmulatorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** All values of a header (lower-case name), as received. */
export function headerValues(headers: Headers, name: string): readonly string[] {
  const value = headers[name];
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

/** A header's value, repeated values joined by commas as HTTP allows; undefined when absent. */
export function header(headers: Headers, name: string): string | undefined {
  const values = headerValues(headers, name);
  return values.length === 0 ? undefined : values.join(',');
}

/** The path part of a raw URL, still encoded. */
export function rawPath(rawUrl: string): string {
  const q = rawUrl.indexOf('?');
  return q < 0 ? rawUrl : rawUrl.slice(0, q);
}

/** The query part of a raw URL without the `?`, still encoded. */
export function rawQuery(rawUrl: string): string {
  const q = rawUrl.indexOf('?');
  return q < 0 ? '' : rawUrl.slice(q + 1);
}

/** A JSON response (the control endpoint and the "not emulated" answer use it). */
export function jsonResponse(status: number, value: unknown): EmulatorResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) + '\n' };
}
