import { parentPort, workerData } from 'node:worker_threads';
import {
  type Catalog,
  lazyCatalog,
  type LintConfig,
  type LintResult,
  lintText,
  loadGrammar,
  readRelativeTo,
  type SourceFormat,
} from '../core';

/** One lint, sent to the worker thread. */
export interface LintJob {
  readonly id: number;
  readonly text: string;
  readonly format: SourceFormat;
  readonly config: LintConfig;
  /** The document's folder on disk, for files a Terraform document names (`file("policy.json")`). */
  readonly folder?: string;
}

export type LintAnswer =
  { readonly id: number; readonly result: LintResult } | { readonly id: number; readonly error: string };

export interface LintWorkerData {
  readonly cloudwardenLintWorker: true;
  readonly catalogFile: string;
  readonly grammarDir: string;
}

export function isLintWorker(data: unknown): data is LintWorkerData {
  return typeof data === 'object' && data !== null && (data as LintWorkerData).cloudwardenLintWorker === true;
}

/**
 * The worker thread's side: lints each job it is sent and answers with the result (plain data: the
 * policy model and the findings cross the thread boundary by structured clone). Loads its own catalog.
 */
export function serveLintJobs(): void {
  const port = parentPort;
  if (!port) return;
  const catalog = lazyCatalog((workerData as LintWorkerData).catalogFile);
  const { grammarDir } = workerData as LintWorkerData;
  port.on('message', (job: LintJob) => {
    void answer(job, catalog, grammarDir).then((a) => port.postMessage(a));
  });
}

async function answer(job: LintJob, catalog: () => Catalog, grammarDir: string): Promise<LintAnswer> {
  try {
    // The worker has its own WebAssembly instance: a TypeScript or Terraform job loads the grammar here.
    if (job.format === 'typescript' || job.format === 'terraform') await loadGrammar(job.format, grammarDir);
    return {
      id: job.id,
      result: lintText(
        job.text,
        job.format,
        catalog(),
        job.config,
        job.folder ? { readFile: readRelativeTo(job.folder) } : {},
      ),
    };
  } catch (error) {
    return { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
}
