/**
 * How the security explorer's adapters read lists: every page of a call (throttling waited out, the
 * first problem the answer), and work over many items a few at a time, each item's own result kept so
 * one key that cannot be read does not hide the others.
 */
import type { AwsProblem, AwsResult } from '../core';
import { whileThrottled } from './patience';

/**
 * The items of every page of a list call; `next` names the page's continuation token (KMS's
 * `NextMarker` when `Truncated`, Secrets Manager's `NextToken`).
 */
export async function everyItem<P, I>(
  page: (token: string | undefined) => Promise<AwsResult<P>>,
  read: { readonly items: (page: P) => readonly I[] | undefined; readonly next: (page: P) => string | undefined },
  signal: AbortSignal | undefined,
  cancelled: AwsProblem,
): Promise<AwsResult<I[]>> {
  const items: I[] = [];
  let token: string | undefined;
  do {
    const current = token;
    const answer = await whileThrottled(() => page(current), signal, cancelled);
    if (!answer.ok) return answer;
    items.push(...(read.items(answer.value) ?? []));
    token = read.next(answer.value);
  } while (token);
  return { ok: true, value: items };
}

/** `work` over every item, at most `limit` at once, results in the items' order. */
export async function fewAtATime<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Whether AWS answered that the call does not apply to this resource (rotation of an asymmetric key). */
export function isUnsupported(problem: AwsProblem): boolean {
  return problem.detail?.startsWith('UnsupportedOperationException') === true;
}
