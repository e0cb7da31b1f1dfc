/**
 * restJson1, the protocol of Access Analyzer and GuardDuty: the operation is the request's method and
 * path (`GET /findingv2/{id}`), inputs are path labels, query parameters and a JSON body; answers are
 * JSON objects, errors `{"message": "…", …}` with the code in `x-amzn-ErrorType`, which the SDK reads
 * first. Nothing in such a request names the service, so it is found by the service the signature's
 * scope names (AWS finds it by the host name); an unsigned request is matched against every
 * restJson1 service's paths, and failing that is left to the router's 501.
 */
import { AwsError, type ErrorTable } from '../errors';
import { type EmulatorRequest, type EmulatorResponse, header, rawPath, rawQuery } from '../http';
import type { JsonObject, RestJsonService, RestOperation, ServiceDefinition } from '../services/types';
import { signedService } from '../sigv4';
import type { Call, Decoded, Protocol } from './types';

/**
 * The codes AWS's restJson1 front end sends for the common errors: authentication and authorisation
 * failures with 403, throttling with 429 (the statuses Access Analyzer's and Lambda's models give).
 */
const ERRORS: ErrorTable = {
  missingAuthentication: { code: 'MissingAuthenticationTokenException', status: 403 },
  incompleteSignature: { code: 'IncompleteSignatureException', status: 403 },
  invalidClientToken: { code: 'UnrecognizedClientException', status: 403 },
  signatureMismatch: { code: 'InvalidSignatureException', status: 403 },
  signatureExpired: { code: 'InvalidSignatureException', status: 403 },
  expiredToken: { code: 'ExpiredTokenException', status: 403 },
  accessDenied: { code: 'AccessDeniedException', status: 403 },
  throttling: { code: 'ThrottlingException', status: 429 },
  internalFailure: { code: 'InternalFailure', status: 500 },
  serviceUnavailable: { code: 'ServiceUnavailableException', status: 503 },
  unknownOperation: { code: 'UnknownOperationException', status: 404 },
};

/** The restJson1 protocol. */
export const restJson: Protocol = {
  name: 'restJson1',
  errors: ERRORS,

  decode(req: EmulatorRequest, services: readonly ServiceDefinition[]): Decoded | undefined {
    const signed = signedService(req);
    const candidates = services.filter(
      (s): s is RestJsonService => s.protocol === 'restJson1' && (signed === undefined || s.signingName === signed),
    );
    const path = rawPath(req.rawUrl);
    for (const service of candidates) {
      for (const [operation, op] of Object.entries(service.operations)) {
        const labels = op.method === req.method ? matchPath(op.path, path) : undefined;
        if (labels !== undefined) return { call: restCall(service, operation, op, labels, req) };
      }
    }
    if (signed === undefined || candidates.length === 0) return undefined;
    return { unserved: `The CloudWarden emulator does not emulate ${req.method} ${path} for ${signed}.` };
  },

  renderError(error: AwsError, requestId: string): EmulatorResponse {
    const response = jsonResponse(error.status, { message: error.message, ...error.fields }, requestId);
    return { ...response, headers: { ...response.headers, 'x-amzn-errortype': error.code } };
  },
};

function restCall(
  service: RestJsonService,
  operation: string,
  op: RestOperation,
  labels: Readonly<Record<string, string>>,
  req: EmulatorRequest,
): Call {
  return {
    service,
    operation,
    known: true,
    async run(ctx) {
      const query = new Map(new URLSearchParams(rawQuery(req.rawUrl)));
      const result = await op.handler({ labels, query, body: readBody(req) }, ctx);
      return jsonResponse(200, result, ctx.requestId);
    },
  };
}

/** The labels of `template` in `path`, decoded; undefined when the path does not have the template's shape. */
function matchPath(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const labels: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const segment = got[i] ?? '';
    const label = /^\{(\w+)\}$/.exec(part)?.[1];
    if (label === undefined) {
      if (segment !== part) return undefined;
    } else {
      if (segment === '') return undefined;
      try {
        labels[label] = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
    }
  }
  return labels;
}

/** The JSON object in the body; a body that is not one gets SerializationException, as AWS answers it. */
function readBody(req: EmulatorRequest): JsonObject {
  const text = req.body.toString('utf8').trim();
  if (text === '') return {};
  const type = header(req.headers, 'content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json'))
    throw new AwsError('SerializationException', 400, 'Expected Content-Type application/json');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AwsError('SerializationException', 400, 'The request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new AwsError('SerializationException', 400, 'The request body must be a JSON object');
  return value as JsonObject;
}

function jsonResponse(status: number, value: JsonObject, requestId: string): EmulatorResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
    body: JSON.stringify(value),
  };
}
