import { Worker } from 'node:worker_threads';
import {
  type Catalog,
  type LintConfig,
  type LintResult,
  lintSource,
  lintText,
  type PolicySource,
  type SourceFormat,
} from '../core';
import type { LintAnswer, LintJob, LintWorkerData } from './lintWorker';

/** Thrown (as a rejection) to the caller of a lint that a newer version of the same document replaced. */
export class LintCancelled extends Error {
  constructor() {
    super('lint cancelled: the document changed');
  }
}

interface Pending {
  readonly job: LintJob;
  readonly key: string;
  resolve(result: LintResult): void;
  reject(error: Error): void;
}

/**
 * Runs lints. Small texts are linted at once on the server's thread (a few milliseconds). Large ones
 * (a 1 MB YAML template costs about a second, most of it the YAML parser) go to a worker thread, so the
 * server keeps answering hover, completion and other documents meanwhile; and when a newer version of
 * the document comes in, the stale lint is cancelled for real by terminating the worker, rather than
 * left to finish. One worker, one job at a time, the latest job per document queued.
 */
export class LintRunner {
  private worker: Worker | undefined;
  private running: Pending | undefined;
  private readonly queue: Pending[] = [];
  private nextId = 1;

  constructor(
    private readonly options: {
      /** The script a worker runs: the server bundle itself, which serves lint jobs when it is a worker. */
      readonly script: string | undefined;
      readonly catalogFile: string;
      readonly grammarDir: string;
      /** Texts of at least this many characters are linted in the worker. */
      readonly workerThreshold: number;
      readonly log: (message: string) => void;
    },
  ) {}

  /** Texts of at least this many characters are linted in the worker (never, without a worker script). */
  get workerThreshold(): number {
    return this.options.script ? this.options.workerThreshold : Infinity;
  }

  /**
   * Lints `text`; `key` names the document (a newer lint with the same key cancels this one). A small
   * text is linted here, on policies `read` gives when it has them (the server keeps one reading per version).
   */
  lint(
    key: string,
    text: string,
    format: SourceFormat,
    config: LintConfig,
    catalog: Catalog,
    read?: () => PolicySource,
    folder?: string,
  ): Promise<LintResult> {
    if (text.length < this.workerThreshold) {
      // A large version of the same document may still be in the worker: it is stale now.
      this.cancel(key);
      return Promise.resolve(
        read ? lintSource(read(), text, catalog, config) : lintText(text, format, catalog, config),
      );
    }
    return new Promise<LintResult>((resolve, reject) => {
      // A queued or running lint of the same document is stale: drop it.
      this.cancel(key);
      this.queue.push({
        job: { id: this.nextId++, text, format, config, ...(folder && { folder }) },
        key,
        resolve,
        reject,
      });
      this.pump();
    });
  }

  /** Drops the lint of `key`, queued or running (its document closed). */
  cancel(key: string): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i]!.key === key) this.queue.splice(i, 1)[0]!.reject(new LintCancelled());
    }
    if (this.running?.key === key) {
      this.cancelRunning();
      this.pump();
    }
  }

  dispose(): void {
    for (const p of this.queue.splice(0)) p.reject(new LintCancelled());
    this.running?.reject(new LintCancelled());
    this.running = undefined;
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private cancelRunning(): void {
    this.running?.reject(new LintCancelled());
    this.running = undefined;
    // Terminating is the only way to stop synchronous work on another thread; a fresh worker starts on demand.
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const next = this.queue.shift()!;
    this.running = next;
    let worker: Worker;
    try {
      worker = this.ensureWorker();
    } catch (error) {
      // Without a worker the job fails, and so would the next: each is told, none waits for ever.
      this.running = undefined;
      next.reject(error instanceof Error ? error : new Error(String(error)));
      this.pump();
      return;
    }
    // Referenced while it works (the answer is awaited), unreferenced when idle so it never keeps the process alive.
    worker.ref();
    worker.postMessage(next.job);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const data: LintWorkerData = {
      cloudwardenLintWorker: true,
      catalogFile: this.options.catalogFile,
      grammarDir: this.options.grammarDir,
    };
    const worker = new Worker(this.options.script!, { workerData: data });
    worker.on('message', (answer: LintAnswer) => {
      const running = this.running;
      if (!running || running.job.id !== answer.id) return;
      this.running = undefined;
      worker.unref();
      if ('error' in answer) running.reject(new Error(answer.error));
      else running.resolve(answer.result);
      this.pump();
    });
    const lost = (error: Error) => {
      // Only the current worker's end matters: a terminated (cancelled) one has been replaced already.
      if (this.worker !== worker) return;
      this.options.log(`The lint worker failed: ${error.message}`);
      this.worker = undefined;
      this.running?.reject(error);
      this.running = undefined;
      this.pump();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`it exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }
}
