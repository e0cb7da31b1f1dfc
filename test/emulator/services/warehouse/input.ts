/**
 * Members of a query call's JSON input, refused with the service's own error code (Athena:
 * InvalidRequestException; CloudTrail: InvalidParameterException) rather than the emulator's
 * seed-validation errors.
 */
import { AwsError } from '../../errors';
import type { JsonObject } from '../types';

export class Members {
  constructor(
    private readonly input: JsonObject,
    private readonly errorCode: string,
  ) {}

  string(key: string): string | undefined {
    const value = this.input[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') throw this.error(`${key} must be a non-empty string.`);
    return value;
  }

  required(key: string): string {
    const value = this.string(key);
    if (value === undefined) throw this.error(`${key} is required.`);
    return value;
  }

  integer(key: string, min: number, max: number): number | undefined {
    const value = this.input[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      throw this.error(`${key} must be an integer from ${min} to ${max}.`);
    return value;
  }

  object(key: string): Members {
    const value = this.input[key] ?? {};
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw this.error(`${key} must be an object.`);
    return new Members(value as JsonObject, this.errorCode);
  }

  /** The service's error; `code` names a modelled error other than the parameter one. */
  error(message: string, code = this.errorCode): AwsError {
    return new AwsError(code, 400, message);
  }
}
