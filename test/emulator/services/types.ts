/**
 * What a service module declares: its identity, how the router finds it, and one handler per
 * emulated operation. The emulator's single table of services is `services/index.ts`.
 */
import type { ErrorTable } from '../errors';
import type { XmlObject } from '../protocols/xml';
import type { Seed, SeedCredential } from '../seed';

/** What a handler knows about the call it answers. */
export interface OperationContext {
  /** The seeded credential that signed the request. */
  readonly caller: SeedCredential;
  /** The region of the signature's credential scope. */
  readonly region: string;
  readonly seed: Seed;
  readonly requestId: string;
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

/**
 * Every kind of emulated service, one member per protocol. awsJson1_1 services (CloudTrail, KMS,
 * Secrets Manager; found by their `X-Amz-Target` prefix) and restJson1 services (Access Analyzer,
 * GuardDuty; found by method and path template) join this union with their protocol modules.
 */
export type ServiceDefinition = AwsQueryService;

/** The wire protocols the emulator speaks. */
export type ProtocolName = ServiceDefinition['protocol'];
