/**
 * Answers one AWS request: the protocol that recognises it finds the service and operation, then
 * SigV4 is verified, faults are applied, AWS's rate limit is checked and the handler runs. Every
 * outcome, errors included, is rendered in the service's own protocol and recorded in the request log.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AwsError, type CommonErrorKind, commonError } from './errors';
import { faultError, type FaultController } from './faults';
import { type EmulatorRequest, type EmulatorResponse, jsonResponse, rawPath } from './http';
import { PROTOCOLS } from './protocols/index';
import type { Call, Protocol } from './protocols/types';
import type { RequestLog } from './requests';
import { findCredential, type Seed, type SeedCredential } from './seed';
import { type ServiceData, SERVICES } from './services/index';
import { verifySigV4 } from './sigv4';
import type { RateLimiter } from './throttle';

/** What answering needs from the running emulator. */
export interface DispatchContext {
  readonly seed: Seed;
  readonly faults: FaultController;
  readonly requests: RequestLog;
  readonly log: (line: string) => void;
  /** What the services built from the seed at start. */
  readonly data: ServiceData;
  /** Enforces the services' `rateLimits`; absent when throttling is off. */
  readonly limiter?: RateLimiter;
}

/** The response, and what the request log should say about it. */
interface Answer {
  readonly response: EmulatorResponse;
  readonly call?: Call;
  readonly caller?: string;
  readonly errorCode?: string;
}

/** Answers one AWS request and records it. */
export async function dispatch(req: EmulatorRequest, env: DispatchContext): Promise<EmulatorResponse> {
  const requestId = randomUUID();
  const at = new Date();
  const { response, call, caller, errorCode } = await answer(req, env, requestId);
  const durationMs = Date.now() - at.getTime();
  env.requests.record({
    requestId,
    at: at.toISOString(),
    ...(call && { service: call.service.id, operation: call.operation }),
    ...(caller !== undefined && { caller }),
    status: response.status,
    ...(errorCode !== undefined && { errorCode }),
    durationMs,
  });
  const target = call ? `${call.service.id}:${call.operation}` : `${req.method} ${rawPath(req.rawUrl)}`;
  env.log(
    `${target} ${response.status}${errorCode ? ` ${errorCode}` : ''} ${durationMs}ms${caller ? ` ${caller}` : ''}`,
  );
  return response;
}

async function answer(req: EmulatorRequest, env: DispatchContext, requestId: string): Promise<Answer> {
  for (const protocol of PROTOCOLS) {
    const decoded = protocol.decode(req, SERVICES);
    if (decoded === undefined) continue;
    if ('call' in decoded) return answerCall(protocol, decoded.call, req, env, requestId);
    const error = commonError(protocol.errors, undefined, 'unknownOperation', decoded.unserved);
    return { response: protocol.renderError(error, requestId), errorCode: error.code };
  }
  const message = `The CloudWarden emulator speaks no protocol that serves ${req.method} ${rawPath(req.rawUrl)}; see test/emulator/README.md.`;
  return { response: jsonResponse(501, { message }) };
}

async function answerCall(
  protocol: Protocol,
  call: Call,
  req: EmulatorRequest,
  env: DispatchContext,
  requestId: string,
): Promise<Answer> {
  const { service } = call;
  const failWith = (error: AwsError, caller?: string): Answer => ({
    response: protocol.renderError(error, requestId, service),
    call,
    errorCode: error.code,
    ...(caller !== undefined && { caller }),
  });
  const fail = (kind: CommonErrorKind, message?: string, caller?: string): Answer =>
    failWith(commonError(protocol.errors, service.errorCodes, kind, message), caller);

  const auth = verifySigV4(req, { service: service.signingName, lookup: (id) => findCredential(env.seed, id) });
  if (!auth.ok) {
    // What the emulator signed, to diff against the client's canonical request when debugging a signer.
    if (auth.canonicalRequest)
      env.log(
        `signature mismatch; expected canonical request:\n${auth.canonicalRequest}\nstring to sign:\n${auth.stringToSign}`,
      );
    return fail(auth.kind, auth.message);
  }
  const caller = auth.credential;
  try {
    if (call.known) {
      const { delayMs, failure } = env.faults.take(service.id, call.operation);
      if (delayMs > 0) await sleep(delayMs);
      if (failure) {
        const action = service.iamActions?.[call.operation] ?? `${service.id}:${call.operation}`;
        const { kind, message } = faultError(failure, action, caller.arn);
        return fail(kind, message, caller.arn);
      }
      if (!withinRate(call, caller, auth.region, env)) return fail('throttling', undefined, caller.arn);
    }
    const response = await call.run({ caller, region: auth.region, seed: env.seed, requestId, data: env.data });
    return { response, call, caller: caller.arn };
  } catch (error) {
    if (error instanceof AwsError) return failWith(error, caller.arn);
    env.log(
      `${service.id}:${call.operation} handler failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return fail('internalFailure', undefined, caller.arn);
  }
}

/** Whether the call is within its operation's rate for the caller's account in the signed region. */
function withinRate(call: Call, caller: SeedCredential, region: string, env: DispatchContext): boolean {
  const limit = call.service.rateLimits?.[call.operation];
  if (limit === undefined || env.limiter === undefined) return true;
  return env.limiter.take(`${call.service.id}:${call.operation} ${caller.account} ${region}`, limit);
}
