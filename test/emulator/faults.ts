/**
 * Fault injection: make chosen calls fail or slow down the way AWS does, so the gateway's retry,
 * pacing and error explanations can be tested. Faults come from the seed, from code
 * (`emulator.faults.add`) or from the control endpoint; all three go through {@link parseFault}.
 */
import type { CommonErrorKind } from './errors';
import { fields, optionalChoice, optionalInteger, optionalString, ValidationError } from './validate';

/** The kinds of fault the emulator can inject. */
const FAULT_KINDS = ['accessDenied', 'expiredToken', 'throttle', 'serverError', 'delay'] as const;

/** One kind of fault. */
type FaultKind = (typeof FAULT_KINDS)[number];

/** A rule that makes matching calls fail or wait. */
export interface Fault {
  /** Service id as in IAM action names (`sts`, `cloudtrail`, `kms`); every service when absent. */
  readonly service?: string;
  /** Operation name as in the API (`GetCallerIdentity`); every operation when absent. */
  readonly operation?: string;
  readonly kind: FaultKind;
  /** For `delay`: how long to wait before answering normally. */
  readonly delayMs?: number;
  /** For `serverError`: 500 (`InternalFailure`, the default) or 503 (`ServiceUnavailable`). */
  readonly status?: 500 | 503;
  /** How many matching calls it affects before it clears itself; unlimited when absent. */
  readonly times?: number;
}

/** A fault that makes a call fail (every kind but `delay`). */
export type FailureFault = Fault & { readonly kind: Exclude<FaultKind, 'delay'> };

/** What the active faults decide for one call. */
export interface FaultOutcome {
  /** Total time to wait before answering (every matching `delay` fault adds its own). */
  readonly delayMs: number;
  /** The first matching failure fault, if any. */
  readonly failure?: FailureFault;
}

/** Reads a fault from JSON (seed file, control endpoint, or code), naming the offending field. */
export function parseFault(value: unknown, path = 'fault'): Fault {
  const obj = fields(value, path, ['service', 'operation', 'kind', 'delayMs', 'status', 'times']);
  const kind = optionalChoice(obj, 'kind', path, FAULT_KINDS);
  if (kind === undefined) throw new ValidationError(`${path}.kind: required, one of ${FAULT_KINDS.join(', ')}`);
  const delayMs = optionalInteger(obj, 'delayMs', path, 1, 600_000);
  if ((kind === 'delay') !== (delayMs !== undefined)) {
    throw new ValidationError(
      `${path}.delayMs: ${kind === 'delay' ? 'required for a delay fault' : 'only a delay fault takes it'}`,
    );
  }
  const status = optionalChoice(obj, 'status', path, [500, 503] as const);
  if (status !== undefined && kind !== 'serverError')
    throw new ValidationError(`${path}.status: only a serverError fault takes it`);
  const fault: Fault = {
    service: optionalString(obj, 'service', path, { pattern: /^[a-z0-9-]+$/, expected: 'a service id like "sts"' }),
    operation: optionalString(obj, 'operation', path, {
      pattern: /^[A-Z][A-Za-z0-9]*$/,
      expected: 'an operation name like "GetCallerIdentity"',
    }),
    kind,
    delayMs,
    status,
    times: optionalInteger(obj, 'times', path, 1, Number.MAX_SAFE_INTEGER),
  };
  // Drop absent members so listings and comparisons show only what was asked for.
  return Object.fromEntries(Object.entries(fault).filter(([, v]) => v !== undefined)) as unknown as Fault;
}

/** The error a failure fault produces, as a common error kind (which the protocol turns into AWS's code). */
export function faultError(
  fault: FailureFault,
  action: string,
  callerArn: string,
): { kind: CommonErrorKind; message?: string } {
  switch (fault.kind) {
    case 'accessDenied':
      // The wording of IAM's implicit deny, which the gateway parses to name the missing action.
      return {
        kind: 'accessDenied',
        message: `User: ${callerArn} is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`,
      };
    case 'expiredToken':
      return { kind: 'expiredToken' };
    case 'throttle':
      return { kind: 'throttling' };
    case 'serverError':
      return { kind: fault.status === 503 ? 'serviceUnavailable' : 'internalFailure' };
  }
}

/** The active faults. Faults apply in the order they were added. */
export class FaultController {
  #active: { fault: Fault; remaining: number }[] = [];

  /** Adds faults, after checking them as {@link parseFault} does. */
  add(...faults: Fault[]): void {
    const parsed = faults.map((f, i) => parseFault(f, faults.length > 1 ? `faults[${i}]` : 'fault'));
    for (const fault of parsed) this.#active.push({ fault, remaining: fault.times ?? Infinity });
  }

  /** Removes every fault. */
  clear(): void {
    this.#active = [];
  }

  /** The active faults, `times` showing the uses left. */
  list(): Fault[] {
    return this.#active.map(({ fault, remaining }) =>
      Number.isFinite(remaining) ? { ...fault, times: remaining } : fault,
    );
  }

  /**
   * Decides one call of `service`:`operation`. Each fault that takes effect uses up one of its
   * `times`: every matching delay, and the first matching failure (later failures stay unused).
   */
  take(service: string, operation: string): FaultOutcome {
    let delayMs = 0;
    let failure: FailureFault | undefined;
    for (const entry of this.#active) {
      const { fault } = entry;
      if ((fault.service ?? service) !== service || (fault.operation ?? operation) !== operation) continue;
      if (fault.kind === 'delay') delayMs += fault.delayMs ?? 0;
      else if (failure === undefined) failure = fault as FailureFault;
      else continue;
      entry.remaining -= 1;
    }
    this.#active = this.#active.filter((e) => e.remaining > 0);
    return failure === undefined ? { delayMs } : { delayMs, failure };
  }
}
