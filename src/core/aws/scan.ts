/**
 * A paced page loop that throttling never ends. The issue measured the SDK's default retry on a 58-page
 * LookupEvents scan: 0 of 6 scans completed, since three attempts with short back-off do not outlast a
 * quota shared with the console and other tools. Here every page waits for a token, and a throttled page
 * holds the whole key back (decorrelated jitter, capped) and is asked again; only a cancellation or
 * another error ends a scan early.
 */
import { abortReason } from './clock';
import { isThrottlingError } from './errorFacts';
import type { Pacer } from './pacer';

/** One page of a paged AWS answer. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

/** Fetches the page after `token` (the first page without one). */
export type FetchPage<T> = (token: string | undefined, signal: AbortSignal | undefined) => Promise<Page<T>>;

export interface ScanOptions<T> {
  readonly pacer: Pacer;
  /** The pacing key: account and Region. */
  readonly key: string;
  /** Stop after this many pages (the summary then says where to go on). */
  readonly maxPages?: number;
  readonly signal?: AbortSignal;
  /** Receives each page's items as it arrives; the next page waits for it. */
  readonly onPage?: (items: readonly T[], page: number) => void | Promise<void>;
  /** Back-off after a throttled page: from `baseMs` up to `capMs`, drawn with `random` (tests fix it). */
  readonly backoff?: { readonly baseMs?: number; readonly capMs?: number; readonly random?: () => number };
}

export interface ScanSummary {
  readonly pages: number;
  readonly items: number;
  /** How many throttled answers were waited out. */
  readonly throttles: number;
  /** Whether the last page was reached (false when maxPages stopped it). */
  readonly complete: boolean;
  /** Where to go on when maxPages stopped the scan. */
  readonly nextToken?: string;
}

const BASE_MS = 1000;
const CAP_MS = 30_000;

/** Reads pages until the last one (or maxPages); rejects only on cancellation or a non-throttling error. */
export async function scanPages<T>(fetchPage: FetchPage<T>, options: ScanOptions<T>): Promise<ScanSummary> {
  const { pacer, key, signal } = options;
  const backoff = jitter(options.backoff);
  let token: string | undefined;
  let pages = 0;
  let items = 0;
  let throttles = 0;
  while (options.maxPages === undefined || pages < options.maxPages) {
    await pacer.take(key, signal);
    let page: Page<T>;
    try {
      page = await fetchPage(token, signal);
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      if (!isThrottlingError(error)) throw error;
      throttles += 1;
      pacer.hold(key, backoff.next()); // the next take waits it out, and so does everyone on this key
      continue;
    }
    backoff.reset();
    pages += 1;
    items += page.items.length;
    await options.onPage?.(page.items, pages);
    token = page.nextToken;
    if (!token) return { pages, items, throttles, complete: true };
  }
  return { pages, items, throttles, complete: false, ...(token !== undefined && { nextToken: token }) };
}

/**
 * Decorrelated jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): each wait is drawn between
 * the base and three times the previous wait, capped; callers throttled together drift apart.
 */
function jitter(options: ScanOptions<unknown>['backoff']): { next(): number; reset(): void } {
  const base = options?.baseMs ?? BASE_MS;
  const cap = options?.capMs ?? CAP_MS;
  const random = options?.random ?? Math.random;
  let last = base;
  return {
    next() {
      last = Math.min(cap, base + random() * (last * 3 - base));
      return last;
    },
    reset() {
      last = base;
    },
  };
}
