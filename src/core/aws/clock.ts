/**
 * Time and cancellation for the AWS room. Pacing, back-off and cache ages are decided here, so the clock
 * is handed in: the gateway passes the system clock, unit tests a fake one that advances only when told,
 * which makes "60 pages take 29.5 s" a fact checked in milliseconds of real time.
 */

/** What the AWS room asks of time. */
export interface Clock {
  /** Milliseconds, as Date.now(). */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason as soon as it aborts (and then clears its timer). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortReason(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * Why a signal aborted, as an error: its reason when that is one (AbortSignal.timeout gives a
 * `TimeoutError`, which classifyAwsError tells from a cancellation), else an `AbortError`.
 */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return Object.assign(new Error(reason === undefined ? 'The operation was aborted' : String(reason)), {
    name: 'AbortError',
  });
}

/**
 * `promise`, or the signal's reason as soon as it aborts, whichever comes first. The SDK honours its abort
 * signal only while a request is on the wire; resolving credentials (a credential_process, an SSO token
 * refresh) does not listen, so a timeout or a cancel must not wait for them. `onAbort` runs first when
 * the signal wins (a shared call's caller leaving it).
 */
export function untilAborted<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  onAbort?: () => void,
): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined); // it may still settle; nobody listens any more
    return Promise.reject(abortReason(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const aborted = () => {
      promise.catch(() => undefined);
      onAbort?.();
      reject(abortReason(signal));
    };
    signal.addEventListener('abort', aborted, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', aborted);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', aborted);
        reject(error);
      },
    );
  });
}
