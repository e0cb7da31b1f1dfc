/**
 * A TTL cache for AWS answers (pages of events, identities): in memory, bounded (least recently used
 * first out), optionally backed by a persistent store (the server gives it the extension's storage, so a
 * restart does not spend the 2-a-second LookupEvents quota again). An answer past its TTL is still served
 * for a while, marked not fresh, while a refresh runs: a hover answers at once and improves later.
 */
import type { Clock } from './clock';

/** What the persistent store keeps per key. */
export interface CacheEntry<V> {
  readonly value: V;
  /** When the value was fetched, in the clock's milliseconds. */
  readonly storedAt: number;
}

/** Where entries outlive the process. Its own size policy is its business; failures only cost a miss. */
export interface PersistentStore<V> {
  get(key: string): Promise<CacheEntry<V> | undefined>;
  set(key: string, entry: CacheEntry<V>): Promise<void>;
}

export interface CacheOptions<V> {
  /** How long a value is fresh. */
  readonly ttlMs: number;
  /** How long after that it may still be served, not fresh, while a refresh runs (0: never). */
  readonly staleMs: number;
  /** Most entries kept in memory. */
  readonly maxEntries: number;
  readonly clock: Pick<Clock, 'now'>;
  readonly store?: PersistentStore<V>;
}

/** A value from the cache and whether it is within its TTL. */
export interface Cached<V> {
  readonly value: V;
  readonly fresh: boolean;
}

/** What `read` answers: when it served a stale value, `refreshed` is the refresh it started. */
export type CacheRead<V> = Cached<V> & { readonly refreshed?: Promise<V> };

export class TtlCache<V> {
  private readonly memory = new Map<string, CacheEntry<V>>();
  private readonly loading = new Map<string, Promise<V>>();

  constructor(private readonly options: CacheOptions<V>) {}

  /** The value for `key` if it is fresh or still servable stale, from memory or else the store. */
  async get(key: string): Promise<Cached<V> | undefined> {
    const entry = this.memory.get(key) ?? (await this.fromStore(key));
    if (!entry) return undefined;
    const age = this.options.clock.now() - entry.storedAt;
    if (age >= this.options.ttlMs + this.options.staleMs) {
      this.memory.delete(key);
      return undefined;
    }
    this.remember(key, entry); // most recently used now
    return { value: entry.value, fresh: age < this.options.ttlMs };
  }

  /** Stores `value` as fetched now, in memory and in the store. */
  async set(key: string, value: V): Promise<void> {
    const entry: CacheEntry<V> = { value, storedAt: this.options.clock.now() };
    this.remember(key, entry);
    const store = this.options.store;
    if (store) await settle(() => store.set(key, entry));
  }

  /**
   * The value for `key`: fresh from the cache; or stale from the cache with a refresh started (one per key
   * at a time); or loaded now when the cache has nothing servable. Concurrent loads of one key share one
   * call of `load`.
   */
  async read(key: string, load: () => Promise<V>): Promise<CacheRead<V>> {
    const cached = await this.get(key);
    if (cached?.fresh) return cached;
    const refreshed = this.load(key, load);
    if (cached) {
      refreshed.catch(() => undefined); // the stale value stands; whoever awaits `refreshed` sees the error
      return { ...cached, refreshed };
    }
    return { value: await refreshed, fresh: true };
  }

  /** How many entries are in memory. */
  get size(): number {
    return this.memory.size;
  }

  private load(key: string, load: () => Promise<V>): Promise<V> {
    let running = this.loading.get(key);
    if (!running) {
      running = (async () => {
        const value = await load();
        await this.set(key, value);
        return value;
      })().finally(() => this.loading.delete(key));
      this.loading.set(key, running);
    }
    return running;
  }

  private async fromStore(key: string): Promise<CacheEntry<V> | undefined> {
    // A store that fails (storage full, a corrupt entry) costs a miss, never the answer.
    const store = this.options.store;
    const entry = store ? await settle(() => store.get(key)) : undefined;
    return entry && typeof entry.storedAt === 'number' ? entry : undefined;
  }

  private remember(key: string, entry: CacheEntry<V>): void {
    this.memory.delete(key);
    this.memory.set(key, entry);
    for (const oldest of this.memory.keys()) {
      if (this.memory.size <= this.options.maxEntries) break;
      this.memory.delete(oldest);
    }
  }
}

/** What `call` resolves to, or undefined when it throws or rejects. */
async function settle<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch {
    return undefined;
  }
}

/** What identifies an AWS answer. */
export interface CacheKeyParts {
  readonly service: string;
  readonly operation: string;
  readonly region: string;
  readonly account: string;
  readonly params: unknown;
}

/**
 * A cache (and coalescing) key for one AWS request: the same request written with its parameters in
 * another order, or with a Date instead of its ISO string, gets the same key.
 */
export function cacheKey(parts: CacheKeyParts): string {
  return [parts.service, parts.operation, parts.region, parts.account, stableJson(parts.params)].join('|');
}

function stableJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : stableJson(item))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const fields = Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`);
    return `{${fields.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
