/**
 * LookupEvents' NextToken: opaque to the caller, and good only with the parameters of the call that
 * returned it (AWS: "This token must be passed in with the same parameters that were specified in
 * the original call"). It holds the position of the last event returned and a MAC over that
 * position and the query, so a token from another query, region or account, or an edited one, is
 * refused rather than silently answered.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where a page ended: the last event returned, in the history's order. */
export interface PagePosition {
  readonly timeMs: number;
  readonly seq: number;
}

/** The token that continues `query` after `position`. */
export function pageToken(key: Buffer, query: string, position: PagePosition): string {
  const at = `${position.timeMs}.${position.seq}`;
  return Buffer.from(`${at}.${mac(key, query, at)}`).toString('base64url');
}

/** The position a token continues from, or undefined when it was not issued for `query`. */
export function readPageToken(key: Buffer, query: string, token: string): PagePosition | undefined {
  const match = /^(-?\d+)\.(\d+)\.([\w-]+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (match === null) return undefined;
  const [, timeMs = '', seq = '', tag = ''] = match;
  const expected = Buffer.from(mac(key, query, `${timeMs}.${seq}`));
  const given = Buffer.from(tag);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return { timeMs: Number(timeMs), seq: Number(seq) };
}

function mac(key: Buffer, query: string, at: string): string {
  return createHmac('sha256', key).update(`${query}\n${at}`).digest('base64url');
}
