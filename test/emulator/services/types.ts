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
  /**
   * The IAM action of an operation whose action is not `<id>:<Operation>` (Access Analyzer's
   * `ListFindingsV2` is authorised as `access-analyzer:ListFindings`); AccessDenied names it.
   */
  readonly iamActions?: Readonly<Record<string, string>>;
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

/** A restJson1 request as its handler reads it: the path's labels, the query string and the JSON body. */
export interface RestRequest {
  /** The values of the path template's `{labels}`, decoded. */
  readonly labels: Readonly<Record<string, string>>;
  /** The query string's parameters, decoded. */
  readonly query: QueryParams;
  /** The JSON body; `{}` when there is none. */
  readonly body: JsonObject;
}

/** A restJson1 operation: where it lives (method and path template) and what answers it. */
export interface RestOperation {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The path template as in the model's `@http` trait: `/findingv2/{id}`. */
  readonly path: string;
  readonly handler: (request: RestRequest, ctx: OperationContext) => JsonObject | Promise<JsonObject>;
}

/**
 * A service spoken over restJson1 (Access Analyzer, GuardDuty): found by the service its signature
 * names and the method and path of the request; answers JSON objects.
 */
export interface RestJsonService extends ServiceBase {
  readonly protocol: 'restJson1';
  readonly operations: Readonly<Record<string, RestOperation>>;
}

/** Every kind of emulated service, one member per protocol. */
export type ServiceDefinition = AwsQueryService | AwsJsonService | RestJsonService;

/** The wire protocols the emulator speaks. */
export type ProtocolName = ServiceDefinition['protocol'];
