import type { ActivityResource, Normalised } from './event';
import { objectOf, quoted, textOf } from './json';
import { guarded, readOnlyOf, readRecord } from './normalise';
import { namedResource } from './resources';

/** The fields of the SDK's LookupEvents `Event` that the event model reads (structural: no SDK import). */
export interface LookupEventLike {
  readonly EventId?: string;
  readonly EventName?: string;
  readonly EventTime?: Date | string;
  readonly EventSource?: string;
  readonly Username?: string;
  readonly AccessKeyId?: string;
  readonly ReadOnly?: string;
  readonly Resources?: readonly { readonly ResourceType?: string; readonly ResourceName?: string }[];
  readonly CloudTrailEvent?: string;
}

/**
 * An event of a LookupEvents answer: its CloudTrailEvent (the full record, as a JSON string) read as a
 * log record, with the answer's Resources added (`from: 'lookup'`) and its own fields used where the
 * record is silent. Never throws; a CloudTrailEvent that is absent or not JSON is a reason. `onRecord`
 * is given the parsed record, so what the event model leaves out of it (the facts the detections read)
 * can be taken without parsing the JSON twice.
 */
export function normaliseLookupEvent(event: LookupEventLike, onRecord?: (record: unknown) => void): Normalised {
  return guarded(() => {
    const lookup = objectOf(event) as LookupEventLike | undefined;
    if (lookup === undefined) return { ok: false, reason: `the lookup event is not an object (${quoted(event)})` };
    const text = lookup.CloudTrailEvent;
    if (typeof text !== 'string')
      return { ok: false, reason: `its CloudTrailEvent is ${text === undefined ? 'missing' : quoted(text)}` };
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch (error) {
      return { ok: false, reason: `its CloudTrailEvent is not JSON (${(error as Error).message})` };
    }
    onRecord?.(record);
    return readRecord(record, {
      eventId: textOf(lookup.EventId),
      eventTime: isoOf(lookup.EventTime),
      eventSource: textOf(lookup.EventSource),
      eventName: textOf(lookup.EventName),
      accessKeyId: textOf(lookup.AccessKeyId),
      readOnly: readOnlyOf(lookup.ReadOnly),
      // LookupEvents returns management events, and Insights events (which say so) when asked for them.
      category: 'management',
      resources: lookupResources(lookup.Resources),
    });
  });
}

function isoOf(time: unknown): string | undefined {
  if (typeof time === 'string') return time;
  return time instanceof Date && Number.isFinite(time.getTime()) ? time.toISOString() : undefined;
}

function lookupResources(resources: unknown): ActivityResource[] {
  if (!Array.isArray(resources)) return [];
  return resources.flatMap((entry) => {
    const r = objectOf(entry);
    const name = textOf(r?.ResourceName);
    return (name && namedResource(name, textOf(r?.ResourceType), 'lookup')) || [];
  });
}
