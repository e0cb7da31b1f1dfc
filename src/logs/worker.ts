// The indexing worker (bundled to dist/logWorker.js): builds one segment per batch it is sent and
// answers with the segment's manifest entry. Cancelling is the parent terminating the thread.
import { parentPort } from 'node:worker_threads';
import { indexBatch, type BatchJob } from './batch';

parentPort?.on('message', (job: BatchJob) => {
  indexBatch(job).then(
    (entry) => parentPort?.postMessage({ ok: true, entry }),
    (error: unknown) =>
      parentPort?.postMessage({ ok: false, reason: error instanceof Error ? error.message : String(error) }),
  );
});
