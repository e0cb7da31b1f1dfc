/**
 * awsJson1_1, the protocol of CloudTrail, KMS and Secrets Manager: a `POST /` whose
 * `X-Amz-Target` header names the service and operation (`CloudTrail_20131101.LookupEvents`) and
 * whose body is a JSON object (`Content-Type: application/x-amz-json-1.1`); answers are JSON
 * objects, errors `{"__type": "<Code>", "message": "…"}` with the code repeated in
 * `x-amzn-ErrorType`. The SDK reads `__type` first, then the header, and names the error by it.
 */
import { AwsError, commonError, type ErrorTable } from '../errors';
import { type EmulatorRequest, type EmulatorResponse, header } from '../http';
import type { AwsJsonService, JsonObject, ServiceDefinition } from '../services/types';
import type { Decoded, Protocol } from './types';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

/**
 * The codes AWS's JSON services send for the common errors. Unlike awsQuery, their front end
 * answers authentication, authorisation and throttling failures with HTTP 400.
 */
const ERRORS: ErrorTable = {
  missingAuthentication: { code: 'MissingAuthenticationTokenException', status: 400 },
  incompleteSignature: { code: 'IncompleteSignatureException', status: 400 },
  invalidClientToken: { code: 'UnrecognizedClientException', status: 400 },
  signatureMismatch: { code: 'InvalidSignatureException', status: 400 },
  // "Signature expired: …" comes as InvalidSignatureException in the JSON services too.
  signatureExpired: { code: 'InvalidSignatureException', status: 400 },
  expiredToken: { code: 'ExpiredTokenException', status: 400 },
  accessDenied: { code: 'AccessDeniedException', status: 400 },
  throttling: { code: 'ThrottlingException', status: 400 },
  internalFailure: { code: 'InternalFailure', status: 500 },
  serviceUnavailable: { code: 'ServiceUnavailableException', status: 503 },
  unknownOperation: { code: 'UnknownOperationException', status: 400 },
};

/** The awsJson1_1 protocol. */
export const awsJson: Protocol = {
  name: 'awsJson1_1',
  errors: ERRORS,

  decode(req: EmulatorRequest, services: readonly ServiceDefinition[]): Decoded | undefined {
    const target = header(req.headers, 'x-amz-target');
    if (target === undefined) return undefined;
    const dot = target.lastIndexOf('.');
    const prefix = target.slice(0, Math.max(dot, 0));
    const operation = target.slice(dot + 1);
    const service = services.find(
      (s): s is AwsJsonService => s.protocol === 'awsJson1_1' && s.targetPrefixes.includes(prefix),
    );
    if (service === undefined) return { unserved: `The CloudWarden emulator does not emulate X-Amz-Target=${target}.` };
    const handler = Object.hasOwn(service.operations, operation) ? service.operations[operation] : undefined;
    return {
      call: {
        service,
        operation,
        known: handler !== undefined,
        async run(ctx) {
          if (handler === undefined) throw commonError(ERRORS, service.errorCodes, 'unknownOperation');
          const result = await handler(readBody(req), ctx);
          return jsonResponse(200, JSON.stringify(result), ctx.requestId);
        },
      },
    };
  },

  renderError(error: AwsError, requestId: string): EmulatorResponse {
    const response = jsonResponse(
      error.status,
      JSON.stringify({ __type: error.code, message: error.message }),
      requestId,
    );
    return { ...response, headers: { ...response.headers, 'x-amzn-errortype': error.code } };
  },
};

/** The request's JSON object; AWS answers a body of another type or shape with SerializationException. */
function readBody(req: EmulatorRequest): JsonObject {
  const type = header(req.headers, 'content-type') ?? '';
  if (req.method !== 'POST' || !type.toLowerCase().startsWith(CONTENT_TYPE))
    throw serializationError(`Expected a POST with Content-Type ${CONTENT_TYPE}`);
  const text = req.body.toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw serializationError('The request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw serializationError('The request body must be a JSON object');
  return value as JsonObject;
}

/** The error AWS's JSON services send for a body they cannot read or a member of the wrong type. */
export function serializationError(message: string): AwsError {
  return new AwsError('SerializationException', 400, message);
}

function jsonResponse(status: number, body: string, requestId: string): EmulatorResponse {
  return { status, headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId }, body };
}
