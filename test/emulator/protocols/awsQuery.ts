/**
 * awsQuery, the protocol of STS and IAM: parameters form-encoded (in a POST body, or in the query
 * string of a GET such as a presigned URL), `Action=` naming the operation and `Version=` the API;
 * answers are XML documents `<ActionResponse><ActionResult>…` and errors `<ErrorResponse>`.
 */
import { commonError, type AwsError, type ErrorTable } from '../errors';
import { type EmulatorRequest, type EmulatorResponse, header, rawQuery } from '../http';
import type { AwsQueryService, QueryParams, ServiceDefinition } from '../services/types';
import type { Decoded, Protocol } from './types';
import { escapeXml, type XmlObject, xmlMembers } from './xml';

/** The awsQuery codes of the common errors (AWS's common-errors reference, and what STS/IAM send). */
const ERRORS: ErrorTable = {
  missingAuthentication: { code: 'MissingAuthenticationToken', status: 403 },
  incompleteSignature: { code: 'IncompleteSignature', status: 400 },
  invalidClientToken: { code: 'InvalidClientTokenId', status: 403 },
  signatureMismatch: { code: 'SignatureDoesNotMatch', status: 403 },
  // STS and IAM report a stale signature as a mismatch ("Signature expired: …"), not RequestExpired.
  signatureExpired: { code: 'SignatureDoesNotMatch', status: 403 },
  expiredToken: { code: 'ExpiredToken', status: 403 },
  accessDenied: { code: 'AccessDenied', status: 403 },
  throttling: { code: 'Throttling', status: 400 },
  internalFailure: { code: 'InternalFailure', status: 500 },
  serviceUnavailable: { code: 'ServiceUnavailable', status: 503 },
  unknownOperation: { code: 'InvalidAction', status: 400 },
};

/** The awsQuery protocol. */
export const awsQuery: Protocol = {
  name: 'awsQuery',
  errors: ERRORS,

  decode(req: EmulatorRequest, services: readonly ServiceDefinition[]): Decoded | undefined {
    const params = queryParams(req);
    const action = params?.get('Action');
    if (params === undefined || action === undefined) return undefined;
    const version = params.get('Version');
    const service = services.find((s): s is AwsQueryService => s.protocol === 'awsQuery' && s.version === version);
    if (service === undefined) {
      return {
        unserved: `The CloudWarden emulator does not emulate Action=${action} for Version=${version ?? '(none)'}.`,
      };
    }
    const handler = Object.hasOwn(service.operations, action) ? service.operations[action] : undefined;
    return {
      call: {
        service,
        operation: action,
        known: handler !== undefined,
        async run(ctx) {
          if (handler === undefined) {
            throw commonError(
              ERRORS,
              service.errorCodes,
              'unknownOperation',
              `Could not find operation ${action} for version ${service.version}`,
            );
          }
          return renderResult(service, action, await handler(params, ctx), ctx.requestId);
        },
      },
    };
  },

  renderError(error: AwsError, requestId: string, service?: ServiceDefinition): EmulatorResponse {
    const xmlns = service?.protocol === 'awsQuery' ? ` xmlns="${escapeXml(service.xmlNamespace)}"` : '';
    const body =
      `<ErrorResponse${xmlns}>\n` +
      '  <Error>\n' +
      `    <Type>${error.fault}</Type>\n` +
      `    <Code>${escapeXml(error.code)}</Code>\n` +
      `    <Message>${escapeXml(error.message)}</Message>\n` +
      '  </Error>\n' +
      `  <RequestId>${requestId}</RequestId>\n` +
      '</ErrorResponse>\n';
    return xmlResponse(error.status, body, requestId);
  },
};

/**
 * The request's parameters when it has awsQuery's shape: a form-encoded POST, or a GET with its
 * parameters in the query string. Form fields win over query-string fields of the same name.
 */
function queryParams(req: EmulatorRequest): QueryParams | undefined {
  const params = new Map(new URLSearchParams(rawQuery(req.rawUrl)));
  if (req.method === 'POST') {
    const type = header(req.headers, 'content-type') ?? '';
    if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) return undefined;
    for (const [name, value] of new URLSearchParams(req.body.toString('utf8'))) params.set(name, value);
  } else if (req.method !== 'GET') {
    return undefined;
  }
  return params;
}

function renderResult(
  service: AwsQueryService,
  action: string,
  result: XmlObject,
  requestId: string,
): EmulatorResponse {
  const body =
    `<${action}Response xmlns="${escapeXml(service.xmlNamespace)}">\n` +
    `  <${action}Result>\n` +
    xmlMembers(result, '    ') +
    `  </${action}Result>\n` +
    '  <ResponseMetadata>\n' +
    `    <RequestId>${requestId}</RequestId>\n` +
    '  </ResponseMetadata>\n' +
    `</${action}Response>\n`;
  return xmlResponse(200, body, requestId);
}

function xmlResponse(status: number, body: string, requestId: string): EmulatorResponse {
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}
