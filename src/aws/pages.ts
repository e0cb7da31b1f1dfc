/**
 * Reading many AWS answers politely: every page of a listing, throttling waited out, and work over many
 * items a few at a time. Shared by the adapters that read lists (Access Analyzer's findings, GuardDuty's,
 * Security Hub's).
 */
import type { AwsProblem, AwsResult } from '../core';
import type { AwsGateway, CallOptions } from './gateway';
import { whileThrottled } from './patience';

/**
 * The pages of a call that pages with a token, throttling waited out, until the last page or until
 * `enough` says so; the first problem is the answer.
 */
export async function everyPage<P>(
  page: (token: string | undefined) => Promise<AwsResult<P>>,
  nextToken: (page: P) => string | undefined,
  signal: AbortSignal | undefined,
  cancelled: AwsProblem,
  enough: (page: P, pages: readonly P[]) => boolean = () => false,
): Promise<AwsResult<P[]>> {
  const pages: P[] = [];
  let token: string | undefined;
  do {
    const current = token;
    const read = await whileThrottled(() => page(current), signal, cancelled);
    if (!read.ok) return read;
    pages.push(read.value);
    if (enough(read.value, pages)) break;
    token = nextToken(read.value);
  } while (token);
  return { ok: true, value: pages };
}

/**
 * `work` over every item, at most `limit` at once, results in the items' order; the first problem
 * stops the items not yet started and is the answer.
 */
export async function fewAtATime<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<AwsResult<R>>,
): Promise<AwsResult<R[]>> {
  const results: R[] = [];
  let next = 0;
  let problem: AwsProblem | undefined;
  const worker = async (): Promise<void> => {
    while (problem === undefined && next < items.length) {
      const index = next++;
      const result = await work(items[index]!);
      if (result.ok) results[index] = result.value;
      else problem ??= result.problem;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return problem === undefined ? { ok: true, value: results } : { ok: false, problem };
}

/**
 * The Region asked, else the profile's, and call options in it that count each request sent: what an
 * adapter reports as its cost (polls, pages and throttled retries included).
 */
export async function countingCalls(
  gateway: AwsGateway,
  options: { readonly region?: string; readonly signal?: AbortSignal },
): Promise<AwsResult<{ readonly region: string; readonly call: CallOptions; readonly calls: () => number }>> {
  const region: AwsResult<string> = options.region
    ? { ok: true, value: options.region }
    : await gateway.defaultRegion(options.signal ? { signal: options.signal } : {});
  if (!region.ok) return region;
  let calls = 0;
  const call: CallOptions = {
    region: region.value,
    ...(options.signal && { signal: options.signal }),
    onRequest: () => void calls++,
  };
  return { ok: true, value: { region: region.value, call, calls: () => calls } };
}
