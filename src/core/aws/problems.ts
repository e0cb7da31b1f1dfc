/**
 * AWS failures as typed problems the UI can explain: what happened and the next step, in one sentence.
 * Every error the gateway meets goes through classifyAwsError; nothing else in CloudWarden reads SDK
 * errors.
 */
import {
  ACCESS_DENIED,
  BAD_SIGNATURE,
  EXPIRED_TOKEN,
  factsOf,
  isCertificateCode,
  isThrottlingError,
  NETWORK_CODES,
  OPT_IN_REQUIRED,
  PROVIDER_ERRORS,
  SERVER_ERRORS,
  UNKNOWN_KEY,
  type ErrorFacts,
} from './errorFacts';
import { principalRefusal, type PrincipalProblemKind } from './principalProblems';
import { queryRefusal, type QueryProblemKind } from './queryProblems';
import { isOptInRegion } from './regions';

export type AwsProblemKind =
  | 'noCredentials'
  | 'ssoExpired'
  | 'expiredToken'
  | 'accessDenied'
  | 'throttled'
  | 'regionNotEnabled'
  | 'network'
  | 'timeout'
  | 'serverError'
  | 'cancelled'
  | 'invalidRequest'
  | QueryProblemKind
  | PrincipalProblemKind
  | 'unknown';

export interface AwsProblem {
  readonly kind: AwsProblemKind;
  /** What happened and the next step, one sentence. */
  readonly sentence: string;
  /** For accessDenied: the IAM action refused (as AWS named it, else the one the call needs). */
  readonly action?: string;
  /** A command that fixes it, when there is one (`aws sso login --profile dev`). */
  readonly command?: string;
  readonly profile?: string;
  readonly region?: string;
  /** The SDK's own words (`name: message`), for the output log. */
  readonly detail?: string;
}

/** The call that failed. */
export interface AwsCallContext {
  /** The service as people say it: `CloudTrail`, `STS`. */
  readonly service: string;
  readonly operation: string;
  /** The IAM action the call needs: `cloudtrail:LookupEvents`. */
  readonly action: string;
  /** The profile in use; absent for the SDK's default chain. */
  readonly profile?: string;
  /** The Region; absent when none could be found (the problem then says so). */
  readonly region?: string;
  /** The time limit, when the gateway set one. */
  readonly timeoutMs?: number;
}

type Classified = Pick<AwsProblem, 'kind' | 'sentence' | 'action' | 'command'>;

/** Turns anything the SDK (or an abort signal) threw into a problem with its explanation. */
export function classifyAwsError(error: unknown, context: AwsCallContext): AwsProblem {
  const facts = factsOf(error);
  const classified = classify(facts, context, error);
  return {
    ...classified,
    ...(context.profile !== undefined && { profile: context.profile }),
    ...(context.region !== undefined && { region: context.region }),
    detail: facts.name ? `${facts.name}: ${facts.message}` : facts.message,
  };
}

function classify(facts: ErrorFacts, context: AwsCallContext, error: unknown): Classified {
  return (
    aborted(facts, context) ??
    fromProvider(facts, context) ??
    refused(facts, context) ??
    (isThrottlingError(error) ? throttled(context) : undefined) ??
    unreachable(facts, context) ??
    queryRefusal(facts.name, facts.message, context) ??
    principalRefusal(facts.name, facts.message, context) ??
    failed(facts, context)
  );
}

/** Cancelled by the caller, or stopped by a time limit (the gateway's signal, or the SDK's socket timeouts). */
function aborted(facts: ErrorFacts, context: AwsCallContext): Classified | undefined {
  if (facts.name === 'TimeoutError' || (facts.name === 'AbortError' && facts.causeName === 'TimeoutError')) {
    const limit = context.timeoutMs === undefined ? 'the time limit' : `${context.timeoutMs / 1000} s`;
    return {
      kind: 'timeout',
      sentence: `${call(context)} got no answer within ${limit}: check the network connection, or raise \`cloudwarden.aws.requestTimeoutMs\`.`,
    };
  }
  if (facts.name === 'AbortError')
    return { kind: 'cancelled', sentence: `${call(context)} was cancelled before it finished.` };
  return undefined;
}

/** The credential providers' errors: nothing configured, an SSO session to renew, a process that failed. */
function fromProvider(facts: ErrorFacts, context: AwsCallContext): Classified | undefined {
  if (facts.message === 'Region is missing')
    return {
      kind: 'invalidRequest',
      sentence: `No AWS Region is set for ${who(context)}: add \`region\` to the profile, set AWS_REGION, or list Regions in \`cloudwarden.aws.regions\`.`,
    };
  if (!PROVIDER_ERRORS.has(facts.name)) return undefined;
  const profileFlag = context.profile ? ` --profile ${context.profile}` : '';
  // Every SSO expiry message of the SSO credential and token providers says "aws sso login"; the SSO
  // portal's refusal of an old token comes wrapped as "UnauthorizedException: Session token not found".
  if (/aws sso login|UnauthorizedException/.test(facts.message))
    return {
      kind: 'ssoExpired',
      sentence: `The SSO session of ${who(context)} has expired or is not signed in: run \`aws sso login${profileFlag}\`, then try again.`,
      command: `aws sso login${profileFlag}`,
    };
  if (/\baws login\b/.test(facts.message))
    return {
      kind: 'expiredToken',
      sentence: `The console sign-in session of ${who(context)} has expired: run \`aws login${profileFlag}\`, then try again.`,
      command: `aws login${profileFlag}`,
    };
  if (/returned expired credentials/.test(facts.message))
    return {
      kind: 'expiredToken',
      sentence: `The credential_process of ${who(context)} returned credentials that have already expired: fix or renew what that command reads, then try again.`,
    };
  return noCredentials(context);
}

function noCredentials(context: AwsCallContext): Classified {
  if (context.profile)
    return {
      kind: 'noCredentials',
      sentence: `CloudWarden found no usable credentials for profile "${context.profile}": run \`aws configure --profile ${context.profile}\` or \`aws configure sso --profile ${context.profile}\`, or set \`cloudwarden.aws.profile\` to another profile.`,
      command: `aws configure --profile ${context.profile}`,
    };
  return {
    kind: 'noCredentials',
    sentence:
      'CloudWarden found no AWS credentials: run `aws configure` or `aws configure sso`, or set `cloudwarden.aws.profile` to a profile that has them.',
    command: 'aws configure',
  };
}

/** AWS answered, and refused: the credential, the Region or the permission. */
function refused(facts: ErrorFacts, context: AwsCallContext): Classified | undefined {
  if (EXPIRED_TOKEN.has(facts.name)) {
    const flag = context.profile ? ` --profile ${context.profile}` : '';
    return {
      kind: 'expiredToken',
      sentence: `The session credentials of ${who(context)} have expired: renew them (\`aws sso login${flag}\` for an SSO profile, else new credentials), then try again.`,
    };
  }
  if (OPT_IN_REQUIRED.has(facts.name) || (UNKNOWN_KEY.has(facts.name) && isOptInRegion(context.region ?? '')))
    return regionNotEnabled(context.region ?? 'of this call');
  if (UNKNOWN_KEY.has(facts.name) || BAD_SIGNATURE.has(facts.name)) return rejectedCredentials(facts, context);
  if (ACCESS_DENIED.has(facts.name)) return accessDenied(facts, context);
  return undefined;
}

function regionNotEnabled(region: string): Classified {
  return {
    kind: 'regionNotEnabled',
    sentence: `The Region ${region} is not enabled for this account: enable it (AWS console, Account, AWS Regions) or remove it from \`cloudwarden.aws.regions\`.`,
  };
}

function rejectedCredentials(facts: ErrorFacts, context: AwsCallContext): Classified {
  const configure = context.profile ? `aws configure --profile ${context.profile}` : 'aws configure';
  const why = BAD_SIGNATURE.has(facts.name)
    ? "the secret key does not match the access key, or this computer's clock is far off"
    : 'the access key is unknown or deleted';
  return {
    kind: 'noCredentials',
    sentence: `AWS rejected the credentials of ${who(context)} (${why}): set valid ones with \`${configure}\`.`,
    command: configure,
  };
}

/**
 * AWS's implicit-deny wording names the action and the principal ("User: arn:... is not authorized to
 * perform: sts:GetCallerIdentity because no identity-based policy allows ..."); an explicit deny names the
 * kind of policy ("with an explicit deny in a service control policy"), which the caller cannot fix.
 */
function accessDenied(facts: ErrorFacts, context: AwsCallContext): Classified {
  const action = /not authorized to perform:?\s+([\w-]+:[\w*]+)/.exec(facts.message)?.[1] ?? context.action;
  const principal = /^User:\s+(arn:\S+)/.exec(facts.message)?.[1] ?? who(context);
  const explicit = /with an explicit deny in (an? [\w -]*?(?:policy|boundary))/.exec(facts.message)?.[1];
  const sentence = explicit
    ? `AWS denied ${action} to ${principal} with an explicit deny in ${explicit}: only an administrator who can change that policy can allow it.`
    : `AWS denied ${action} to ${principal}: add ${action} to the IAM policy of that user or role (docs/iam-policy.json lists what CloudWarden needs).`;
  return { kind: 'accessDenied', sentence, action };
}

function throttled(context: AwsCallContext): Classified {
  return {
    kind: 'throttled',
    sentence: `AWS is throttling ${call(context)} for this account: wait a few seconds and try again (CloudWarden's own scans slow down and retry by themselves).`,
  };
}

/** The request never reached AWS: no route, no name, refused, or a TLS certificate the machine rejects. */
function unreachable(facts: ErrorFacts, context: AwsCallContext): Classified | undefined {
  if (!(facts.code !== undefined && NETWORK_CODES.has(facts.code)) && !isCertificateCode(facts.code)) return undefined;
  return {
    kind: 'network',
    sentence: `CloudWarden could not reach ${context.service}${context.region ? ` in ${context.region}` : ''} (${facts.code}): check the network connection and proxy, and the endpoint if one is set (AWS_ENDPOINT_URL, \`endpoint_url\` in the profile).`,
  };
}

function failed(facts: ErrorFacts, context: AwsCallContext): Classified {
  if ((facts.status !== undefined && facts.status >= 500) || SERVER_ERRORS.has(facts.name))
    return {
      kind: 'serverError',
      sentence: `AWS failed to answer ${call(context)} (${statusOf(facts)}), a problem on AWS's side: try again in a few minutes.`,
    };
  if (facts.status !== undefined && facts.status >= 400)
    return {
      kind: 'invalidRequest',
      sentence: `AWS refused ${call(context)} as invalid (${statusOf(facts)}), which is a CloudWarden bug: please report it with the detail from the CloudWarden output.`,
    };
  return {
    kind: 'unknown',
    sentence: `${call(context)} failed unexpectedly (${facts.name || 'no error name'}): the CloudWarden output has the details.`,
  };
}

function call(context: AwsCallContext): string {
  return `${context.service} ${context.operation}${context.region ? ` in ${context.region}` : ''}`;
}

function who(context: AwsCallContext): string {
  return context.profile ? `profile "${context.profile}"` : 'the default credentials';
}

function statusOf(facts: ErrorFacts): string {
  const status = facts.status === undefined ? '' : `${facts.status} `;
  return `${status}${facts.name || 'no error name'}`.trim();
}

/** What a gateway call answers: the value, or the problem that stopped it. */
export type AwsResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: AwsProblem };
