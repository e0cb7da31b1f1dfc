/**
 * An event as LookupEvents answers it, derived once from its record when the emulator starts:
 * the `Event` members AWS returns, and what the lookup attributes match against.
 */
import type { Fields } from '../../validate';
import { eventResources, type EventResource } from './resources';
import { objectField, stringField, type TrailRecord } from './records';

/** One `Event` of a LookupEvents response, as AWS sends it (absent members left out). */
interface LookupEvent {
  readonly EventId: string;
  readonly EventName: string;
  /** "true" or "false": a string in this API, unlike the record's boolean. */
  readonly ReadOnly?: string;
  readonly AccessKeyId?: string;
  /** Epoch seconds, awsJson's timestamp form. */
  readonly EventTime: number;
  readonly EventSource: string;
  readonly Username?: string;
  readonly Resources: readonly EventResource[];
  /** The whole record, as a JSON string. */
  readonly CloudTrailEvent: string;
}

/** An event ready to be looked up. */
export interface StoredEvent {
  /** Position in the order the records were read; breaks ties between events of the same second. */
  readonly seq: number;
  readonly timeMs: number;
  readonly region: string;
  /** The bytes the record stands for (see TrailRecord). */
  readonly bytes: number;
  /** Only management events are in LookupEvents' history; data and network-activity events are not. */
  readonly management: boolean;
  readonly event: LookupEvent;
  /** Every name a `ResourceName` lookup matches: listed resource names and record ARNs. */
  readonly resourceNames: ReadonlySet<string>;
}

/** The stored event of a record, its time moved by `shiftMs`. */
export function storedEvent(record: TrailRecord, seq: number, shiftMs: number): StoredEvent {
  const { fields } = record;
  const timeMs = record.timeMs + shiftMs;
  // CloudTrail writes whole seconds without a fraction; the shifted record keeps that form.
  const eventTime = new Date(timeMs).toISOString().replace('.000Z', 'Z');
  const identity = objectField(fields, 'userIdentity');
  const { resources, names } = eventResources(fields);
  const readOnly = fields['readOnly'];
  return {
    seq,
    timeMs,
    region: fields['awsRegion'] as string,
    bytes: record.bytes,
    management: fields['managementEvent'] !== false && (fields['eventCategory'] ?? 'Management') === 'Management',
    event: {
      EventId: fields['eventID'] as string,
      EventName: fields['eventName'] as string,
      ...(typeof readOnly === 'boolean' && { ReadOnly: String(readOnly) }),
      ...optional('AccessKeyId', stringField(identity, 'accessKeyId')),
      EventTime: timeMs / 1000,
      EventSource: fields['eventSource'] as string,
      ...optional('Username', username(identity)),
      Resources: resources,
      CloudTrailEvent: JSON.stringify({ ...fields, eventTime }),
    },
    resourceNames: names,
  };
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

/**
 * The `Username` AWS gives an event: the IAM user's name; for a role session, the session name
 * (the last part of `assumed-role/<role>/<session>`); `root` for the account's root user; the
 * federated user's name; for a service acting on its own (`AWSService`), the service
 * (`invokedBy`). Events without a user identity (service events) have none.
 */
export function username(identity: Fields | undefined): string | undefined {
  const arn = stringField(identity, 'arn');
  switch (stringField(identity, 'type')) {
    case 'Root':
      return 'root';
    case 'AssumedRole':
    case 'FederatedUser':
      return arn?.slice(arn.lastIndexOf('/') + 1) || stringField(identity, 'userName');
    case 'AWSService':
      return stringField(identity, 'invokedBy');
    default:
      return stringField(identity, 'userName');
  }
}
