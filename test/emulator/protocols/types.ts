/**
 * The contract between the router and a wire protocol. A protocol recognises requests of its
 * shape, finds the service and operation they address, decodes the input for the handler, and
 * renders results and errors the way AWS does in that protocol.
 */
import type { AwsError, ErrorTable } from '../errors';
import type { EmulatorRequest, EmulatorResponse } from '../http';
import type { OperationContext, ProtocolName, ServiceDefinition } from '../services/types';

/** A decoded request: the service and operation it addresses, ready to run. */
export interface Call {
  readonly service: ServiceDefinition;
  readonly operation: string;
  /** Whether the service emulates the operation. */
  readonly known: boolean;
  /**
   * Runs the operation's handler and renders its result. Throws an `AwsError` when the handler
   * does, or (in the protocol's words) when the operation is not known.
   */
  run(ctx: OperationContext): Promise<EmulatorResponse>;
}

/** What a protocol makes of a request of its shape. */
export type Decoded =
  | { readonly call: Call }
  /** No emulated service answers it; the text says what was asked for. */
  | { readonly unserved: string };

/** One wire protocol. */
export interface Protocol {
  readonly name: ProtocolName;
  /** AWS's codes for the common errors in this protocol family. */
  readonly errors: ErrorTable;
  /** Decodes a request of this protocol's shape; undefined when the request has another shape. */
  decode(req: EmulatorRequest, services: readonly ServiceDefinition[]): Decoded | undefined;
  /** Renders an error as AWS does in this protocol; `service` is absent when none was found. */
  renderError(error: AwsError, requestId: string, service?: ServiceDefinition): EmulatorResponse;
}
