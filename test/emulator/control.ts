/**
 * The control endpoint: unsigned JSON over plain HTTP under a path AWS never uses, for scripts
 * and tests outside the emulator's process. It is safe unsigned because the emulator listens on
 * the loopback interface only.
 *
 * - `GET /__emulator/health`: `{ status: "ok", services, faults, requests }`
 * - `GET /__emulator/faults`: the active faults
 * - `POST /__emulator/faults`: add one fault (a JSON object) or several (an array)
 * - `DELETE /__emulator/faults`: clear every fault
 * - `GET /__emulator/requests`, `DELETE /__emulator/requests`: read or clear the request log
 * - `GET /__emulator/secret-value-calls`: every refused GetSecretValue or BatchGetSecretValue (never cleared)
 */
import type { Fault, FaultController } from './faults';
import { type EmulatorRequest, type EmulatorResponse, jsonResponse, rawPath } from './http';
import type { RequestLog } from './requests';
import type { SecretValueCall } from './services/secretsManager/valueCalls';
import { SERVICES } from './services/index';
import { ValidationError } from './validate';

/** Requests under this path are for the emulator itself, not for an AWS service. */
export const CONTROL_PREFIX = '/__emulator/';

/** What the control endpoint reads and changes. */
export interface ControlContext {
  readonly faults: FaultController;
  readonly requests: RequestLog;
  /** The refused attempts to read a secret value. */
  readonly secretValueCalls: () => readonly SecretValueCall[];
}

/** Answers a request under {@link CONTROL_PREFIX}. */
export function control(req: EmulatorRequest, state: ControlContext): EmulatorResponse {
  const resource = rawPath(req.rawUrl).slice(CONTROL_PREFIX.length);
  switch (`${req.method} ${resource}`) {
    case 'GET health':
      return jsonResponse(200, {
        status: 'ok',
        services: SERVICES.map((s) => s.id),
        faults: state.faults.list().length,
        requests: state.requests.entries.length,
      });
    case 'GET faults':
      return jsonResponse(200, { faults: state.faults.list() });
    case 'POST faults':
      return addFaults(req, state.faults);
    case 'DELETE faults':
      state.faults.clear();
      return jsonResponse(200, { faults: [] });
    case 'GET requests':
      return jsonResponse(200, { requests: state.requests.entries });
    case 'GET secret-value-calls':
      return jsonResponse(200, { calls: state.secretValueCalls() });
    case 'DELETE requests':
      state.requests.clear();
      return jsonResponse(200, { requests: [] });
    default:
      return jsonResponse(404, {
        error: `no control endpoint ${req.method} ${CONTROL_PREFIX}${resource}; see test/emulator/README.md`,
      });
  }
}

function addFaults(req: EmulatorRequest, faults: FaultController): EmulatorResponse {
  let body: unknown;
  try {
    body = JSON.parse(req.body.toString('utf8'));
  } catch (e) {
    return jsonResponse(400, { error: `body: not valid JSON (${(e as Error).message})` });
  }
  try {
    // Unchecked JSON is fine here: `add` checks each fault, naming it `fault` or `faults[i]`.
    faults.add(...((Array.isArray(body) ? body : [body]) as Fault[]));
  } catch (e) {
    if (e instanceof ValidationError) return jsonResponse(400, { error: e.message });
    throw e;
  }
  return jsonResponse(201, { faults: faults.list() });
}
