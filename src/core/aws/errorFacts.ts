/**
 * What an error thrown by the AWS SDK (v3) says about itself, read from plain properties only (`name`,
 * `message`, `$metadata.httpStatusCode`, `code`, `errno`, `$retryable`, `cause.name`), so the core can
 * classify it without importing the SDK. The names are the SDK's and the services' own: each list says
 * where it comes from.
 */

export interface ErrorFacts {
  readonly name: string;
  readonly message: string;
  /** The HTTP status of AWS's answer, when there was one. */
  readonly status: number | undefined;
  /** Node's system error code (ECONNREFUSED, ENOTFOUND, ...), when the request never got an answer. */
  readonly code: string | undefined;
  /** The name of the error's cause (an AbortError caused by AbortSignal.timeout has `TimeoutError`). */
  readonly causeName: string | undefined;
  /** The SDK's own verdict, `$retryable.throttling`. */
  readonly throttling: boolean;
}

export function factsOf(error: unknown): ErrorFacts {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const metadata = e['$metadata'] as Record<string, unknown> | undefined;
  const retryable = e['$retryable'] as Record<string, unknown> | undefined;
  const cause = e['cause'] as Record<string, unknown> | undefined;
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  return {
    name: text(e['name']) ?? '',
    message: text(e['message']) ?? (typeof error === 'string' ? error : ''),
    status: typeof metadata?.['httpStatusCode'] === 'number' ? metadata['httpStatusCode'] : undefined,
    // Node puts the symbolic code in `code`; some libraries put it in `errno` instead of the number.
    code: text(e['code']) ?? text(e['errno']),
    causeName: text(cause?.['name']),
    throttling: retryable?.['throttling'] === true,
  };
}

/**
 * Throttling error codes: the SDK's list (@smithy/core retry, THROTTLING_ERROR_CODES) without the ones
 * that also mean a quota that waiting does not lift (`LimitExceededException`) or a conflict
 * (`PriorRequestNotComplete`, `TransactionInProgressException`, `BandwidthLimitExceeded`): a scan that
 * waits out throttling forever must not wait on those.
 */
const THROTTLING = new Set([
  'EC2ThrottledException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling', // awsQuery services (STS, IAM)
  'ThrottlingException', // awsJson services (CloudTrail, KMS)
  'TooManyRequestsException',
]);

/** Whether AWS asked the caller to slow down (the error names above, HTTP 429, or the SDK's flag). */
export function isThrottlingError(error: unknown): boolean {
  const facts = factsOf(error);
  return THROTTLING.has(facts.name) || facts.status === 429 || facts.throttling;
}

/** Errors of the credential and token providers (@smithy/core config: ProviderError and its subclasses). */
export const PROVIDER_ERRORS = new Set(['CredentialsProviderError', 'TokenProviderError', 'ProviderError']);

/** The session credential has expired (STS and awsQuery: ExpiredToken; awsJson: ExpiredTokenException). */
export const EXPIRED_TOKEN = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired']);

/** AWS does not know the access key (or, in an opt-in Region the account has not enabled, any key). */
export const UNKNOWN_KEY = new Set([
  'InvalidClientTokenId', // awsQuery (STS, IAM)
  'UnrecognizedClientException', // awsJson (CloudTrail, KMS, Secrets Manager)
  'InvalidAccessKeyId', // S3
  'AuthFailure', // EC2
]);

/** The signature did not verify: a wrong secret, or a clock far off. */
export const BAD_SIGNATURE = new Set(['SignatureDoesNotMatch', 'IncompleteSignature', 'InvalidSignatureException']);

/** Authorization refused (names per protocol family; EC2 says UnauthorizedOperation). */
export const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
]);

/** The Region is not enabled for the account (EC2 and others say it outright). */
export const OPT_IN_REQUIRED = new Set(['OptInRequired', 'OptInRequiredException']);

/** Node's codes for a request that never reached AWS (@smithy/core retry lists most of them). */
export const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
]);

/** A TLS certificate the machine does not trust (often a corporate proxy): also "could not reach AWS". */
export function isCertificateCode(code: string | undefined): boolean {
  return code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code);
}

/** AWS's own failures, for answers whose status the SDK did not record. */
export const SERVER_ERRORS = new Set([
  'InternalFailure',
  'InternalError',
  'InternalServerError',
  'InternalServerException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);
