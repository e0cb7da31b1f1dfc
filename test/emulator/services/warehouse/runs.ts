/**
 * Queries in flight, as Athena and Lake keep them: each starts at once on the engine, and its state
 * moves one step per poll (QUEUED, then RUNNING, then the outcome), so a client's polling loop is
 * exercised as it is against AWS. A query cancelled before its outcome was reported stays cancelled.
 */
import { randomUUID } from 'node:crypto';
import { EngineError, type ResultTable, type WarehouseEngine } from './engine';

export type RunState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface QueryRun {
  readonly id: string;
  readonly sql: string;
  readonly submittedAt: number;
  readonly bytesScanned: number;
  /** Extra facts the service keeps (Athena's workgroup, database, output location). */
  readonly details: Readonly<Record<string, string>>;
  state: RunState;
  polls: number;
  completedAt?: number;
  result?: ResultTable;
  failure?: EngineError;
  /** Settles when the engine has answered. */
  readonly done: Promise<void>;
}

export class QueryRuns {
  private readonly runs = new Map<string, QueryRun>();

  constructor(private readonly engine: WarehouseEngine) {}

  get rows(): WarehouseEngine['rows'] {
    return this.engine.rows;
  }

  start(sql: string, lake: boolean, bytesScanned: number, details: Readonly<Record<string, string>>): QueryRun {
    const run: QueryRun = {
      id: randomUUID(),
      sql,
      submittedAt: Date.now(),
      bytesScanned,
      details,
      state: 'QUEUED',
      polls: 0,
      done: Promise.resolve(),
    };
    const done = this.engine.run(sql, lake).then(
      (result) => {
        run.result = result;
      },
      (error: unknown) => {
        run.failure = error instanceof EngineError ? error : new EngineError('other', String(error));
      },
    );
    Object.assign(run, { done });
    this.runs.set(run.id, run);
    return run;
  }

  find(id: string): QueryRun | undefined {
    return this.runs.get(id);
  }

  /** One poll: the first says QUEUED, the next RUNNING, the third the outcome (once the engine has one). */
  async poll(run: QueryRun): Promise<RunState> {
    run.polls += 1;
    if (run.polls === 1) return run.state;
    if (run.state === 'QUEUED') run.state = 'RUNNING';
    else if (run.state === 'RUNNING') {
      await run.done;
      if (run.state === 'RUNNING') {
        run.state = run.failure ? 'FAILED' : 'SUCCEEDED';
        run.completedAt = Date.now();
      }
    }
    return run.state;
  }

  /** Cancels a run whose outcome has not been reported; false when it had already ended. */
  cancel(run: QueryRun): boolean {
    if (run.state !== 'QUEUED' && run.state !== 'RUNNING') return false;
    run.state = 'CANCELLED';
    run.completedAt = Date.now();
    return true;
  }
}

/** Where page `n` of a result starts, as an opaque token bound to its query. */
export function pageToken(run: QueryRun, offset: number): string {
  return Buffer.from(`${run.id}:${offset}`).toString('base64');
}

/** The offset of a token issued for `run`; undefined when it is not one. */
export function readPageToken(run: QueryRun, token: string): number | undefined {
  const [id, offset] = Buffer.from(token, 'base64').toString('utf8').split(':');
  return id === run.id && offset !== undefined && /^\d+$/.test(offset) ? Number(offset) : undefined;
}
