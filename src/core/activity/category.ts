import type { ActivityEvent } from './event';
import type { JsonObject } from './json';

type Category = ActivityEvent['category'];

/**
 * The event's category: eventCategory as recorded since version 1.07 (CloudTrail User Guide, "CloudTrail
 * record contents"); before it, an Insights event by its eventType, and the others by managementEvent
 * (since 1.06). Older records say nothing: `fallback`, which is 'management' for LookupEvents (it
 * returns management events only, and Insights events say so). A switch, not a table: every event of a
 * log asks.
 */
export function categoryOf(record: JsonObject, fallback: Category): Category {
  switch (record.eventCategory) {
    case 'Management':
      return 'management';
    case 'Data':
      return 'data';
    case 'Insight':
      return 'insight';
    case 'NetworkActivity':
      return 'networkActivity';
  }
  if (record.eventType === 'AwsCloudTrailInsight') return 'insight';
  if (typeof record.managementEvent === 'boolean') return record.managementEvent ? 'management' : 'data';
  return fallback;
}
