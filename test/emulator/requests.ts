/**
 * The log of AWS requests the emulator answered, so tests can assert how often a client called
 * (retries, pacing, caching) and scripts can read it from the control endpoint.
 */

/** One answered AWS request. */
export interface RequestRecord {
  readonly requestId: string;
  /** When the request arrived, ISO 8601. */
  readonly at: string;
  /** The service id (`sts`), when the request addressed an emulated service. */
  readonly service?: string;
  readonly operation?: string;
  /** The caller's ARN, when the signature was valid. */
  readonly caller?: string;
  readonly status: number;
  /** The AWS error code, when the answer was an error. */
  readonly errorCode?: string;
  readonly durationMs: number;
}

/** Keeps the log of a long `npm start` session from growing without bound. */
const MAX_ENTRIES = 10_000;

/** The most recent answered requests, oldest first. */
export class RequestLog {
  #entries: RequestRecord[] = [];

  /** The recorded requests, oldest first (at most the last 10,000). */
  get entries(): readonly RequestRecord[] {
    return this.#entries;
  }

  /** Adds a request to the log. */
  record(entry: RequestRecord): void {
    this.#entries.push(entry);
    if (this.#entries.length > MAX_ENTRIES) this.#entries.splice(0, this.#entries.length - MAX_ENTRIES);
  }

  /** How many recorded requests addressed `service` (and `operation`, when given); all requests when neither is. */
  count(service?: string, operation?: string): number {
    return this.#entries.filter(
      (e) => (service === undefined || e.service === service) && (operation === undefined || e.operation === operation),
    ).length;
  }

  /** Forgets every recorded request. */
  clear(): void {
    this.#entries = [];
  }
}
