/**
 * LookupEvents' request, checked as AWS checks it: at most one lookup attribute with a known key,
 * a start no later than the end, 1 to 50 results, `insight` as the only event category. Members of
 * the wrong JSON type are refused with SerializationException, as awsJson services do.
 */
import { AwsError } from '../../errors';
import { serializationError } from '../../protocols/awsJson';
import type { JsonObject } from '../types';

/** The keys LookupEvents accepts in `LookupAttributes`. */
const ATTRIBUTE_KEYS = [
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
] as const;

/** A lookup attribute's key. */
export type AttributeKey = (typeof ATTRIBUTE_KEYS)[number];

/** The only keys that apply to Insights events. */
const INSIGHT_KEYS: readonly AttributeKey[] = ['EventId', 'EventName', 'EventSource'];

/** LookupEvents' page size limit and default. */
const MAX_RESULTS = 50;

/** A checked LookupEvents request. */
export interface LookupQuery {
  readonly attribute?: { readonly key: AttributeKey; readonly value: string };
  /** Inclusive bounds, in milliseconds. */
  readonly startMs?: number;
  readonly endMs?: number;
  /** `EventCategory: insight`: Insights events instead of management events. */
  readonly insight: boolean;
  readonly maxResults: number;
  readonly nextToken?: string;
}

/** Checks a LookupEvents request. */
export function parseLookupInput(input: JsonObject): LookupQuery {
  const maxResults = integerMember(input, 'MaxResults') ?? MAX_RESULTS;
  if (maxResults < 1 || maxResults > MAX_RESULTS)
    throw modelled('InvalidMaxResultsException', `MaxResults must be from 1 to ${MAX_RESULTS}, got ${maxResults}.`);
  const startMs = timeMember(input, 'StartTime');
  const endMs = timeMember(input, 'EndTime');
  if (startMs !== undefined && endMs !== undefined && startMs > endMs)
    throw modelled('InvalidTimeRangeException', 'The start time is after the end time.');
  const category = stringMember(input, 'EventCategory');
  if (category !== undefined && category !== 'insight')
    throw modelled('InvalidEventCategoryException', `EventCategory must be insight, got ${category}.`);
  const attribute = lookupAttribute(input, category === 'insight');
  const nextToken = stringMember(input, 'NextToken');
  return {
    ...(attribute !== undefined && { attribute }),
    ...(startMs !== undefined && { startMs }),
    ...(endMs !== undefined && { endMs }),
    insight: category === 'insight',
    maxResults,
    ...(nextToken !== undefined && { nextToken }),
  };
}

/** The one lookup attribute, if any. */
function lookupAttribute(input: JsonObject, insight: boolean): LookupQuery['attribute'] {
  const list = input['LookupAttributes'];
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) throw serializationError('LookupAttributes must be a list');
  if (list.length > 1)
    throw modelled('InvalidLookupAttributesException', 'LookupAttributes may contain only one attribute.');
  if (list.length === 0) return undefined;
  const item = list[0] as unknown;
  if (typeof item !== 'object' || item === null) throw serializationError('A lookup attribute must be a structure');
  const key = stringMember(item as JsonObject, 'AttributeKey');
  const value = stringMember(item as JsonObject, 'AttributeValue');
  const allowed = insight ? INSIGHT_KEYS : ATTRIBUTE_KEYS;
  if (key === undefined || !allowed.includes(key as AttributeKey))
    throw modelled('InvalidLookupAttributesException', `AttributeKey must be one of ${allowed.join(', ')}.`);
  if (value === undefined || value === '')
    throw modelled('InvalidLookupAttributesException', 'AttributeValue must not be empty.');
  if (key === 'ReadOnly' && value !== 'true' && value !== 'false')
    throw modelled('InvalidLookupAttributesException', 'The ReadOnly attribute takes true or false.');
  return { key: key as AttributeKey, value };
}

function stringMember(input: JsonObject, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw serializationError(`${name} must be a string`);
  return value;
}

function integerMember(input: JsonObject, name: string): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw serializationError(`${name} must be an integer`);
  return value;
}

/** An awsJson timestamp: epoch seconds, possibly with a fraction, as the SDKs send it. */
function timeMember(input: JsonObject, name: string): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw serializationError(`${name} must be a timestamp in epoch seconds`);
  return value * 1000;
}

/** One of LookupEvents' modelled errors; all of them are client faults with HTTP 400. */
function modelled(code: string, message: string): AwsError {
  return new AwsError(code, 400, message);
}
