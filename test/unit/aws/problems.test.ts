/**
 * classifyAwsError over errors shaped as the SDK v3 throws them. Each shape is copied from where the SDK
 * makes it: service errors carry `name` (the AWS error code), `$fault` and `$metadata`; credential
 * providers throw CredentialsProviderError / TokenProviderError (@smithy/core config) with the messages of
 * @aws-sdk/credential-provider-sso, -ini, -process, -login and @aws-sdk/token-providers; the Node HTTP
 * handler rejects with Node's system errors (`code`, `errno`, `syscall`) and, on abort, an `AbortError`
 * whose `cause` is the signal's reason. test/unit/aws/gateway.test.ts checks the same kinds on the errors
 * the real SDK raises against the emulator.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyAwsError, isThrottlingError, type AwsProblemKind } from '../../../src/core';

function serviceError(name: string, message: string, status: number, extra: object = {}): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: {
      httpStatusCode: status,
      requestId: '4f0c9a8e-0000-4000-8000-000000000000',
      attempts: 1,
      totalRetryDelay: 0,
    },
    ...extra,
  });
}

function providerError(message: string, name = 'CredentialsProviderError'): Error {
  return Object.assign(new Error(message), { name, tryNextLink: false });
}

function systemError(code: string, errno: number, message: string): Error {
  return Object.assign(new Error(message), {
    code,
    errno,
    syscall: 'connect',
    $metadata: { attempts: 3, totalRetryDelay: 350 },
  });
}

function abortError(cause?: Error): Error {
  return Object.assign(new Error('Request aborted'), { name: 'AbortError', ...(cause && { cause }) });
}

const context = {
  service: 'CloudTrail',
  operation: 'LookupEvents',
  action: 'cloudtrail:LookupEvents',
  region: 'us-east-1',
};
const withProfile = { ...context, profile: 'dev' };

interface Row {
  readonly name: string;
  readonly error: unknown;
  readonly kind: AwsProblemKind;
  readonly context?: Omit<typeof context, 'region'> & { region?: string; profile?: string; timeoutMs?: number };
  /** Words the sentence must hold. */
  readonly says: readonly string[];
  readonly action?: string;
  readonly command?: string;
}

const ROWS: Row[] = [
  // No credentials: the default chain's last link, a missing profile, env without keys.
  {
    name: 'the default chain found nothing',
    error: providerError('Could not load credentials from any providers'),
    kind: 'noCredentials',
    says: ['`aws configure`', '`aws configure sso`', '`cloudwarden.aws.profile`'],
    command: 'aws configure',
  },
  {
    name: 'the profile is not in the shared files',
    error: providerError('Could not resolve credentials using profile: [dev] in configuration/credentials file(s).'),
    context: withProfile,
    kind: 'noCredentials',
    says: ['"dev"', '`aws configure --profile dev`', '`aws configure sso --profile dev`'],
    command: 'aws configure --profile dev',
  },
  {
    name: 'a credential_process that failed',
    error: providerError('Profile dev credential_process returned invalid JSON.'),
    context: withProfile,
    kind: 'noCredentials',
    says: ['"dev"'],
  },
  // SSO: the legacy profile's cached token, the sso-session token provider, the portal's refusal.
  {
    name: 'SSO (legacy profile): the cached token has expired',
    error: providerError(
      'The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.',
    ),
    context: withProfile,
    kind: 'ssoExpired',
    says: ['`aws sso login --profile dev`'],
    command: 'aws sso login --profile dev',
  },
  {
    name: 'SSO (legacy profile): no cached token at all',
    error: providerError(
      'The SSO session associated with this profile is invalid. To refresh this SSO session run aws sso login with the corresponding profile.',
    ),
    kind: 'ssoExpired',
    says: ['`aws sso login`'],
    command: 'aws sso login',
  },
  {
    name: 'SSO (sso-session): the token provider says the token expired (rethrown by the SSO provider)',
    error: providerError(
      "Token is expired. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
    ),
    context: withProfile,
    kind: 'ssoExpired',
    says: ['`aws sso login --profile dev`'],
  },
  {
    name: 'SSO (sso-session): the token provider itself',
    error: providerError(
      "The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile.",
      'TokenProviderError',
    ),
    context: withProfile,
    kind: 'ssoExpired',
    says: ['`aws sso login --profile dev`'],
  },
  {
    name: 'SSO: the portal refuses a revoked token (GetRoleCredentials, wrapped)',
    error: providerError('UnauthorizedException: Session token not found or invalid'),
    context: withProfile,
    kind: 'ssoExpired',
    says: ['`aws sso login --profile dev`'],
  },
  // Expired session credentials.
  {
    name: 'STS (awsQuery): ExpiredToken',
    error: serviceError('ExpiredToken', 'The security token included in the request is expired', 403),
    context: { ...withProfile, service: 'STS', operation: 'GetCallerIdentity', action: 'sts:GetCallerIdentity' },
    kind: 'expiredToken',
    says: ['"dev"', '`aws sso login --profile dev`'],
  },
  {
    name: 'CloudTrail (awsJson): ExpiredTokenException',
    error: serviceError('ExpiredTokenException', 'The security token included in the request is expired', 400),
    kind: 'expiredToken',
    says: ['expired'],
  },
  {
    name: 'a console sign-in session (aws login) that cannot refresh',
    error: providerError(
      'Failed to load a token for session arn:aws:iam::1:user/x, please re-authenticate using aws login',
    ),
    context: withProfile,
    kind: 'expiredToken',
    says: ['`aws login --profile dev`'],
    command: 'aws login --profile dev',
  },
  {
    name: 'a credential_process that returned expired credentials',
    error: providerError('Profile dev credential_process returned expired credentials.'),
    context: withProfile,
    kind: 'expiredToken',
    says: ['credential_process'],
  },
  // Access denied: the action AWS names, else the call's.
  {
    name: 'STS implicit deny names the action and the principal',
    error: serviceError(
      'AccessDenied',
      'User: arn:aws:iam::111122223333:user/dev-alice is not authorized to perform: sts:GetCallerIdentity because no identity-based policy allows the sts:GetCallerIdentity action',
      403,
    ),
    kind: 'accessDenied',
    says: ['sts:GetCallerIdentity', 'arn:aws:iam::111122223333:user/dev-alice', 'docs/iam-policy.json'],
    action: 'sts:GetCallerIdentity',
  },
  {
    name: 'CloudTrail AccessDeniedException without the wording: the call’s own action',
    error: serviceError('AccessDeniedException', 'Access denied.', 400),
    kind: 'accessDenied',
    says: ['cloudtrail:LookupEvents'],
    action: 'cloudtrail:LookupEvents',
  },
  {
    name: 'an explicit deny in a service control policy',
    error: serviceError(
      'AccessDeniedException',
      'User: arn:aws:sts::111122223333:assumed-role/Dev/alice is not authorized to perform: cloudtrail:LookupEvents with an explicit deny in a service control policy',
      400,
    ),
    kind: 'accessDenied',
    says: ['explicit deny in a service control policy', 'administrator'],
    action: 'cloudtrail:LookupEvents',
  },
  // Throttling: by name, by status, by the SDK's flag.
  {
    name: 'STS Throttling (400)',
    error: serviceError('Throttling', 'Rate exceeded', 400, { $retryable: { throttling: true } }),
    kind: 'throttled',
    says: ['throttling', 'CloudTrail LookupEvents in us-east-1'],
  },
  {
    name: 'CloudTrail ThrottlingException',
    error: serviceError('ThrottlingException', 'Rate exceeded', 400),
    kind: 'throttled',
    says: ['try again'],
  },
  {
    name: 'HTTP 429 with any name',
    error: serviceError('Unknown', 'UnknownError', 429),
    kind: 'throttled',
    says: ['try again'],
  },
  // Region not enabled: said outright, or an unknown key in an opt-in Region.
  {
    name: 'OptInRequired',
    error: serviceError('OptInRequired', 'You are not subscribed to this service.', 401),
    kind: 'regionNotEnabled',
    says: ['us-east-1', '`cloudwarden.aws.regions`'],
  },
  {
    name: 'UnrecognizedClientException in an opt-in Region (CloudTrail, awsJson)',
    error: serviceError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400),
    context: { ...context, region: 'ap-east-1' },
    kind: 'regionNotEnabled',
    says: ['ap-east-1', 'enable it', '`cloudwarden.aws.regions`'],
  },
  {
    name: 'InvalidClientTokenId in an opt-in Region (STS, awsQuery)',
    error: serviceError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403),
    context: { ...context, region: 'me-central-1' },
    kind: 'regionNotEnabled',
    says: ['me-central-1'],
  },
  // The same errors in a Region enabled by default: the credentials are wrong.
  {
    name: 'InvalidClientTokenId in us-east-1: an unknown key',
    error: serviceError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403),
    context: withProfile,
    kind: 'noCredentials',
    says: ['access key is unknown', '`aws configure --profile dev`'],
  },
  {
    name: 'SignatureDoesNotMatch: a wrong secret or a skewed clock',
    error: serviceError(
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
      403,
    ),
    kind: 'noCredentials',
    says: ['secret key', 'clock'],
  },
  // The network.
  ...(
    [
      ['ECONNREFUSED', -111, 'connect ECONNREFUSED 127.0.0.1:1'],
      ['ENOTFOUND', -3008, 'getaddrinfo ENOTFOUND cloudtrail.us-esat-1.amazonaws.com'],
      ['ETIMEDOUT', -110, 'connect ETIMEDOUT 52.94.1.1:443'],
      ['EAI_AGAIN', -3001, 'getaddrinfo EAI_AGAIN cloudtrail.us-east-1.amazonaws.com'],
    ] as const
  ).map(([code, errno, message]): Row => ({
    name: `Node's ${code}`,
    error: systemError(code, errno, message),
    kind: 'network',
    says: [code, 'network', 'AWS_ENDPOINT_URL'],
  })),
  {
    name: 'a TLS certificate the machine does not trust (a proxy)',
    error: Object.assign(new Error('self-signed certificate in certificate chain'), {
      code: 'SELF_SIGNED_CERT_IN_CHAIN',
    }),
    kind: 'network',
    says: ['proxy'],
  },
  // Time limits and cancellation.
  {
    name: "the gateway's time limit (AbortSignal.timeout's reason)",
    error: new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
    context: { ...context, timeoutMs: 10_000 },
    kind: 'timeout',
    says: ['10 s', '`cloudwarden.aws.requestTimeoutMs`'],
  },
  {
    name: "the SDK's AbortError caused by the time limit",
    error: abortError(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    kind: 'timeout',
    says: ['time limit'],
  },
  {
    name: "the SDK's own socket timeout",
    error: Object.assign(
      new Error('@smithy/node-http-handler - the request socket timed out after 5000 ms of inactivity'),
      { name: 'TimeoutError' },
    ),
    kind: 'timeout',
    says: ['no answer'],
  },
  { name: 'the SDK aborted by the caller', error: abortError(), kind: 'cancelled', says: ['cancelled'] },
  {
    name: "a signal's default reason",
    error: new DOMException('This operation was aborted', 'AbortError'),
    kind: 'cancelled',
    says: ['cancelled'],
  },
  // AWS failing.
  {
    name: 'InternalFailure (500)',
    error: serviceError('InternalFailure', 'An internal error occurred', 500),
    kind: 'serverError',
    says: ['500 InternalFailure', "AWS's side"],
  },
  {
    name: 'ServiceUnavailable (503)',
    error: serviceError('ServiceUnavailable', 'Service unavailable', 503),
    kind: 'serverError',
    says: ['503'],
  },
  {
    name: 'a 5xx without a modelled name',
    error: serviceError('UnknownError', '', 502),
    kind: 'serverError',
    says: ['502'],
  },
  // Invalid requests, and the rest.
  {
    name: 'CloudTrail InvalidTimeRangeException',
    error: serviceError('InvalidTimeRangeException', 'Start time must be before end time.', 400),
    kind: 'invalidRequest',
    says: ['InvalidTimeRangeException', 'report'],
  },
  {
    name: 'CloudFormation ValidationError of another kind',
    error: serviceError('ValidationError', 'Either StackName or PhysicalResourceId must be specified.', 400),
    kind: 'invalidRequest',
    says: ['ValidationError', 'report'],
  },
  // A deployed principal's evidence: what IAM, CloudFormation and Access Analyzer do not have.
  {
    name: 'IAM NoSuchEntity naming the role',
    error: serviceError('NoSuchEntityException', 'The role with name orders-fn cannot be found.', 404),
    kind: 'noSuchPrincipal',
    says: ['the role orders-fn', 'not deployed in the account'],
  },
  {
    name: 'IAM NoSuchEntity in other words',
    error: serviceError('NoSuchEntityException', 'No job with ID 1234 exists.', 404),
    kind: 'noSuchPrincipal',
    says: ['that principal'],
  },
  {
    name: 'CloudFormation: no such stack',
    error: serviceError('ValidationError', 'Stack with id orders-dev does not exist', 400),
    kind: 'noSuchStack',
    says: ['no stack orders-dev in us-east-1', "stack's name and the Region"],
  },
  {
    name: 'Access Analyzer ResourceNotFoundException',
    error: serviceError('ResourceNotFoundException', 'Finding 0a1b not found', 404, {
      resourceId: '0a1b',
      resourceType: 'AWS::AccessAnalyzer::Finding',
    }),
    kind: 'notFound',
    says: ['Finding 0a1b not found', 'archived'],
  },
  {
    name: 'no Region configured (the SDK’s "Region is missing")',
    error: new Error('Region is missing'),
    context: { service: 'STS', operation: 'GetCallerIdentity', action: 'sts:GetCallerIdentity' },
    kind: 'invalidRequest',
    says: ['`region`', 'AWS_REGION', '`cloudwarden.aws.regions`'],
  },
  {
    name: 'anything else',
    error: new TypeError('Cannot read properties of undefined'),
    kind: 'unknown',
    says: ['TypeError', 'output'],
  },
  { name: 'not even an Error', error: 'boom', kind: 'unknown', says: ['failed'] },
];

describe('classifyAwsError: every kind from real-shaped errors', () => {
  for (const row of ROWS) {
    test(`${row.kind} ← ${row.name}`, () => {
      const problem = classifyAwsError(row.error, row.context ?? context);
      assert.equal(problem.kind, row.kind, problem.sentence);
      for (const words of row.says)
        assert.ok(problem.sentence.includes(words), `"${words}" not in: ${problem.sentence}`);
      assert.equal(problem.action, row.action);
      if (row.command !== undefined) assert.equal(problem.command, row.command);
      assert.equal(problem.region, (row.context ?? context).region);
      assert.doesNotMatch(problem.sentence, /undefined/);
      assert.equal(problem.profile, row.context?.profile);
    });
  }

  test('every kind is covered by a row', () => {
    const kinds: AwsProblemKind[] = [
      'noCredentials',
      'ssoExpired',
      'expiredToken',
      'accessDenied',
      'throttled',
      'regionNotEnabled',
      'network',
      'timeout',
      'serverError',
      'cancelled',
      'invalidRequest',
      'noSuchPrincipal',
      'noSuchStack',
      'notFound',
      'unknown',
    ];
    assert.deepEqual([...new Set(ROWS.map((r) => r.kind))].sort(), kinds.sort());
  });

  test('every sentence is one sentence: what happened, then the next step', () => {
    for (const row of ROWS) {
      const { sentence } = classifyAwsError(row.error, row.context ?? context);
      assert.match(sentence, /^[A-Z`].*\.$/, sentence);
      assert.doesNotMatch(sentence.slice(0, -1), /[.!?]\s/, `more than one sentence: ${sentence}`);
    }
  });

  test("the SDK's own words are kept for the log", () => {
    const problem = classifyAwsError(serviceError('ThrottlingException', 'Rate exceeded', 400), context);
    assert.equal(problem.detail, 'ThrottlingException: Rate exceeded');
  });
});

describe('isThrottlingError', () => {
  const cases: [string, unknown, boolean][] = [
    ['Throttling', serviceError('Throttling', 'Rate exceeded', 400), true],
    ['ThrottlingException', serviceError('ThrottlingException', 'Rate exceeded', 400), true],
    ['TooManyRequestsException', serviceError('TooManyRequestsException', '', 429), true],
    ['the SDK flag alone', serviceError('Whatever', '', 400, { $retryable: { throttling: true } }), true],
    ['LimitExceededException (a quota waiting does not lift)', serviceError('LimitExceededException', '', 400), false],
    ['AccessDenied', serviceError('AccessDenied', '', 403), false],
    ['undefined', undefined, false],
  ];
  for (const [name, error, expected] of cases)
    test(`${name}: ${expected}`, () => {
      assert.equal(isThrottlingError(error), expected);
    });
});
