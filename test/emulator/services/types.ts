/**
 * What a service module declares: its identity, how the router finds it, and one handler per
 * emulated operation. The emulator's single table of services is `services/index.ts`.
 */
import type { ErrorTable } from '../errors';
import type { XmlObject } from '../protocols/xml';
import type { Seed, SeedCredential } from '../seed';
import type { RateLimit } from '../throttle';
import type { Fields } from '../validate';
import type { ServiceData } from './index';

/** What a handler knows about the call it answers. */
export interface OperationContext {
  /** The seeded credential that signed the request. */
  readonly caller: SeedCredential;
  /** The region of the signature's credential scope. */
  readonly region: string;
  readonly seed: Seed;
  readonly requestId: string;
  /** What the services built from the seed at start (CloudTrail's events, …). */
  readonly data: ServiceData;
}

/** What every service declares, whatever its protocol. */
interface ServiceBase {
  /**
   * The service's prefix in IAM action names (`sts`, `cloudtrail`, `access-analyzer`). Faults,
   * request counts and AccessDenied messages name the service by it.
   */
  readonly id: string;
  /** The name the SDK signs with: the credential scope's service element. */
  readonly signingName: string;
  /** Codes where this service differs from its protocol family's (see `errors.ts`). */
  readonly errorCodes?: Partial<ErrorTable>;
  /** AWS's documented request rates, by operation; calls above them get the throttling error. */
  readonly rateLimits?: Readonly<Record<string, RateLimit>>;
}

/** An awsQuery request's parameters (query string and form body), flattened as sent: `PolicyArns.member.1`. */
export type QueryParams = ReadonlyMap<string, string>;

/** An awsQuery operation: returns the members of `<OperationResult>` in order, or throws an `AwsError`. */
type QueryHandler = (params: QueryParams, ctx: OperationContext) => XmlObject | Promise<XmlObject>;

/** A service spoken over awsQuery (STS, IAM): found by its `Version=` parameter, answering XML. */
export interface AwsQueryService extends ServiceBase {
  readonly protocol: 'awsQuery';
  /** The API version in `Version=`, which tells awsQuery services apart on one endpoint. */
  readonly version: string;
  /** The `xmlns` of response documents. */
  readonly xmlNamespace: string;
  readonly operations: Readonly<Record<string, QueryHandler>>;
}

/** A JSON object as sent or received over the JSON protocols. */
export type JsonObject = Fields;

/** An awsJson operation: gets the request's JSON object, returns the response's, or throws an `AwsError`. */
type JsonHandler = (input: JsonObject, ctx: OperationContext) => JsonObject | Promise<JsonObject>;

/** A service spoken over awsJson1_1 (CloudTrail, KMS, Secrets Manager): found by its `X-Amz-Target` prefix. */
export interface AwsJsonService extends ServiceBase {
  readonly protocol: 'awsJson1_1';
  /**
   * The prefixes before `.Operation` in `X-Amz-Target`. AWS accepts the model's short service name
   * (`CloudTrail_20131101`, what the JavaScript SDK sends) and the fully qualified one
   * (`com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101`, what botocore and the CLI send).
   */
  readonly targetPrefixes: readonly string[];
  readonly operations: Readonly<Record<string, JsonHandler>>;
}

/**
 * Every kind of emulated service, one member per protocol. restJson1 services (Access Analyzer,
 * GuardDuty; found by method and path template) join this union with their protocol module.
 */
export type ServiceDefinition = AwsQueryService | AwsJsonService;

/** The wire protocols the emulator speaks. */
export type ProtocolName = ServiceDefinition['protocol'];
