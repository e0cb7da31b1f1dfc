/**
 * Errors every AWS service shares (authentication, throttling, server faults), named by kind. Each
 * protocol maps a kind to the code AWS really sends in that protocol family (awsQuery says
 * `InvalidClientTokenId`, the JSON services `UnrecognizedClientException`), and a service may
 * override a code where it differs from its family.
 */

/** The errors the emulator raises outside any one service's model. */
export type CommonErrorKind =
  | 'missingAuthentication'
  | 'incompleteSignature'
  | 'invalidClientToken'
  | 'signatureMismatch'
  | 'signatureExpired'
  | 'expiredToken'
  | 'accessDenied'
  | 'throttling'
  | 'internalFailure'
  | 'serviceUnavailable'
  | 'unknownOperation';

/** The wire code and HTTP status of one error. */
interface ErrorCode {
  readonly code: string;
  readonly status: number;
}

/** A protocol's (or a service's) codes for the common errors. */
export type ErrorTable = Readonly<Record<CommonErrorKind, ErrorCode>>;

/** Messages AWS uses when nothing more specific is said (from AWS's common-errors reference). */
const DEFAULT_MESSAGES: Readonly<Record<CommonErrorKind, string>> = {
  missingAuthentication: 'Request is missing Authentication Token',
  incompleteSignature: 'The request signature does not conform to AWS standards.',
  invalidClientToken: 'The security token included in the request is invalid.',
  signatureMismatch:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  signatureExpired: 'Signature expired.',
  expiredToken: 'The security token included in the request is expired',
  accessDenied: 'Access denied',
  throttling: 'Rate exceeded',
  internalFailure: 'The request processing has failed because of an unknown error, exception or failure.',
  serviceUnavailable: 'The request has failed due to a temporary failure of the server.',
  unknownOperation: 'The action or operation requested is invalid. Verify that the action is typed correctly.',
};

/** An error to send in the service's protocol. Handlers throw it; the protocol renders it. */
export class AwsError extends Error {
  override name = 'AwsError';

  /**
   * `fields`: members the service's model gives the error beside its message (Access Analyzer's
   * `resourceId` and `resourceType`, `reason` and `fieldList`); restJson1 sends them in the body.
   */
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly fields: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  /** Who is at fault, as awsQuery's `<Type>` and the JSON protocols' fault trait say. */
  get fault(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender';
  }
}

/** The common error `kind` with the code from `overrides` or else `table`, and AWS's default message unless one is given. */
export function commonError(
  table: ErrorTable,
  overrides: Partial<ErrorTable> | undefined,
  kind: CommonErrorKind,
  message?: string,
): AwsError {
  const { code, status } = overrides?.[kind] ?? table[kind];
  return new AwsError(code, status, message ?? DEFAULT_MESSAGES[kind]);
}
