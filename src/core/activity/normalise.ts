import { actionOf } from './actions';
import { categoryOf } from './category';
import type { ActivityEvent, ActivityResource, Normalised } from './event';
import { objectOf, quoted, textOf, type JsonObject } from './json';
import { whyNoActionOfType } from './noAction';
import { principalOf } from './principal';
import { resourcesOf } from './resources';
import { timeOf } from './time';

/** What a source knows besides the record, used where the record is silent (LookupEvents' own fields). */
export interface Alongside {
  readonly eventId?: string;
  readonly eventTime?: string;
  readonly eventSource?: string;
  readonly eventName?: string;
  readonly accessKeyId?: string;
  readonly readOnly?: boolean;
  readonly category: ActivityEvent['category'];
  readonly resources: readonly ActivityResource[];
}

const NOTHING_ALONGSIDE: Alongside = { category: 'unknown', resources: [] };

/**
 * A CloudTrail log record (one element of a log file's `Records`) as an ActivityEvent, or why it is not
 * one. Never throws: a record comes from someone else's file, and one bad record must not stop a scan.
 * Any event version 1.x reads: fields added by later versions are optional here, and fields CloudTrail
 * omits or truncates (requestParameters of a large request) only leave out what they would have named.
 */
export function normaliseRecord(record: unknown): Normalised {
  // Not through guarded: a closure per record of a log file costs more than the try itself.
  try {
    return readRecord(record, NOTHING_ALONGSIDE);
  } catch (error) {
    return unreadable(error);
  }
}

/** readRecord, with any exception (a getter that throws, say) returned as the reason. */
export function guarded(read: () => Normalised): Normalised {
  try {
    return read();
  } catch (error) {
    return unreadable(error);
  }
}

function unreadable(error: unknown): Normalised {
  return {
    ok: false,
    reason: `the record could not be read: ${error instanceof Error ? error.message : String(error)}`,
  };
}

interface Required {
  readonly eventID: string;
  readonly eventTime: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly awsRegion: string;
}

/** In the order a missing one is reported. */
const REQUIRED = ['eventID', 'eventTime', 'eventSource', 'eventName', 'awsRegion'] as const;

/** The fields no event is without, or the reason naming the first one missing or of the wrong type. */
function requiredOf(record: JsonObject, alongside: Alongside): Required | string {
  // A log file's record has all five: only the others are worth looking through `alongside` for.
  if (
    textOf(record.eventID) !== undefined &&
    textOf(record.eventTime) !== undefined &&
    textOf(record.eventSource) !== undefined &&
    textOf(record.eventName) !== undefined &&
    textOf(record.awsRegion) !== undefined
  )
    return record as unknown as Required;
  // Insights events name the source and name of the calls they summarise in insightDetails.
  const insight = record.eventType === 'AwsCloudTrailInsight' ? objectOf(record.insightDetails) : undefined;
  const fields = {
    eventID: firstText(record.eventID, alongside.eventId),
    eventTime: firstText(record.eventTime, alongside.eventTime),
    eventSource: firstText(record.eventSource, insight?.eventSource, alongside.eventSource),
    eventName: firstText(record.eventName, insight?.eventName, alongside.eventName),
    awsRegion: record.awsRegion,
  };
  for (const field of REQUIRED) {
    const value = fields[field];
    if (textOf(value) === undefined) return `its ${field} is ${value === undefined ? 'missing' : quoted(value)}`;
  }
  return fields as Required;
}

/** The first non-empty string, else the first value there is (for the reason to quote). */
function firstText(first: unknown, second?: unknown, third?: unknown): unknown {
  if (textOf(first) !== undefined) return first;
  if (textOf(second) !== undefined) return second;
  if (textOf(third) !== undefined) return third;
  return first ?? second ?? third;
}

export function readRecord(input: unknown, alongside: Alongside): Normalised {
  const record = objectOf(input);
  if (record === undefined) return failed(`the record is not an object (${quoted(input)})`);
  const required = requiredOf(record, alongside);
  if (typeof required === 'string') return failed(required);
  const { eventID, eventTime, eventSource, eventName, awsRegion } = required;
  const time = timeOf(eventTime);
  if (time === undefined) return failed(`its eventTime is not a date and time: ${quoted(eventTime)}`);
  const principal = principalOf(record, eventSource);
  // Field by field, the optional ones only when recorded, in the type's order: the same object compact()
  // would make of a literal, without the literal (this runs for every event of a log).
  const event = { eventId: eventID, eventTime, time } as Mutable<ActivityEvent>;
  const eventVersion = textOf(record.eventVersion);
  if (eventVersion !== undefined) event.eventVersion = eventVersion;
  event.eventSource = eventSource;
  event.eventName = eventName;
  const action = actionFor(record, eventSource, eventName);
  if (action !== undefined) event.action = action;
  event.principal = principal;
  const accessKeyId = textOf(objectOf(record.userIdentity)?.accessKeyId) ?? alongside.accessKeyId;
  if (accessKeyId !== undefined) event.accessKeyId = accessKeyId;
  const sourceIp = textOf(record.sourceIPAddress);
  if (sourceIp !== undefined) event.sourceIp = sourceIp;
  const userAgent = textOf(record.userAgent);
  if (userAgent !== undefined) event.userAgent = userAgent;
  event.region = awsRegion;
  const account = textOf(record.recipientAccountId) ?? principal.account;
  if (account !== undefined) event.account = account;
  const errorCode = textOf(record.errorCode);
  if (errorCode !== undefined) event.errorCode = errorCode;
  const errorMessage = textOf(record.errorMessage);
  if (errorMessage !== undefined) event.errorMessage = errorMessage;
  const readOnly = readOnlyOf(record.readOnly) ?? alongside.readOnly;
  if (readOnly !== undefined) event.readOnly = readOnly;
  event.category = categoryOf(record, alongside.category);
  event.resources = resourcesOf(record, eventSource, eventName, alongside.resources);
  return { ok: true, event };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function actionFor(record: JsonObject, eventSource: string, eventName: string): string | undefined {
  const eventType = textOf(record.eventType);
  // actionOf says when the source and name have no action; the event's type may say so for all names.
  return whyNoActionOfType(eventType) === undefined ? actionOf(eventSource, eventName) : undefined;
}

/** readOnly is a boolean in log files; LookupEvents' own ReadOnly field is the string "true" or "false". */
export function readOnlyOf(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

function failed(reason: string): Normalised {
  return { ok: false, reason };
}
