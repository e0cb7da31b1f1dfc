/**
 * Coalescing: identical requests in flight share one call. A hover over the same resource in two editors,
 * or a refresh while the first one still runs, costs one LookupEvents token, not two.
 */
import { abortReason, untilAborted } from './clock';

interface InFlight {
  readonly promise: Promise<unknown>;
  readonly controller: AbortController;
  callers: number;
}

/** Shares one call among the callers of the same key while it runs; forgets it once it settles. */
export class Coalescer {
  private readonly inFlight = new Map<string, InFlight>();

  /**
   * The result of `call` for `key`, started now or joined if already running. `call` gets a signal that
   * aborts only when every caller has cancelled: one caller moving on rejects its own promise at once
   * (with its signal's reason) and leaves the call running for the others.
   */
  run<T>(key: string, call: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const entry = this.inFlight.get(key) ?? this.start(key, call);
    entry.callers += 1;
    const shared = entry.promise as Promise<T>;
    if (!signal) return shared;
    return untilAborted(shared, signal, () => this.leave(key, entry));
  }

  /** How many distinct calls are running. */
  get size(): number {
    return this.inFlight.size;
  }

  private start<T>(key: string, call: (signal: AbortSignal) => Promise<T>): InFlight {
    const controller = new AbortController();
    const promise = (async () => call(controller.signal))().finally(() => {
      if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
    });
    // Callers who left still hold nothing on it; a rejection nobody awaits must not crash the process.
    promise.catch(() => undefined);
    const entry: InFlight = { promise, controller, callers: 0 };
    this.inFlight.set(key, entry);
    return entry;
  }

  private leave(key: string, entry: InFlight): void {
    entry.callers -= 1;
    if (entry.callers > 0) return;
    // Nobody waits any more: stop the call, and let the next identical request start afresh.
    if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
    entry.controller.abort();
  }
}
