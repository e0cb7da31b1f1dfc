/**
 * One answer kept in memory and served at once, while a newer one is fetched in the background: what a
 * judgement on every keystroke needs (it must never wait for AWS or an index). An answer of another key,
 * one the caller no longer finds fresh, or one marked stale is fetched again; meanwhile the previous
 * answer of the same family (the same log folders, the same Athena table) still serves, and an answer
 * of another family never does.
 */
export interface Answered<T> {
  readonly value: T;
  /** When it came, epoch ms. */
  readonly at: number;
}

export class BackgroundAnswer<T> {
  private current: (Answered<T> & { readonly key: string; readonly family: string; stale?: boolean }) | undefined;
  private pending: { readonly key: string; readonly promise: Promise<void> } | undefined;

  /** `onAnswer` is told when an answer comes (the open files are judged again). */
  constructor(
    private readonly now: () => number,
    private readonly onAnswer: () => void,
  ) {}

  /**
   * The answer to serve for `key` of `family`, fetching one when there is none of this key, the one there
   * is marked stale or not `fresh`, and no fetch of this key is under way. `fetch` never throws: a
   * failure is an answer too (said, and asked again when it is no longer fresh).
   */
  get(
    family: string,
    key: string,
    fetch: () => Promise<T>,
    fresh: (answer: Answered<T>) => boolean,
  ): Answered<T> | undefined {
    const current = this.current?.family === family ? this.current : undefined;
    const serves = current?.key === key && !current.stale && fresh(current);
    if (!serves && this.pending?.key !== key) this.start(family, key, fetch);
    return current;
  }

  /** The next `get` fetches again (the stale answer serves meanwhile); true when there was one. */
  invalidate(): boolean {
    if (this.current === undefined) return false;
    this.current.stale = true;
    return true;
  }

  /** Resolves when the answer being fetched, if any, has come (the workspace report waits for it). */
  settled(): Promise<void> {
    return this.pending?.promise.catch(() => undefined) ?? Promise.resolve();
  }

  /** Forgets everything (the settings changed): an answer still coming is dropped. */
  clear(): void {
    this.current = undefined;
    this.pending = undefined;
  }

  private start(family: string, key: string, fetch: () => Promise<T>): void {
    const promise = fetch().then((value) => {
      if (this.pending?.promise !== promise) return;
      this.pending = undefined;
      this.current = { family, key, value, at: this.now() };
      this.onAnswer();
    });
    this.pending = { key, promise };
  }
}
