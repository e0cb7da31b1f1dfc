import type { ActivityEvent } from './event';
import { ownValue, type JsonObject } from './json';

type Category = ActivityEvent['category'];

/** eventCategory as recorded since version 1.07 (CloudTrail User Guide, "CloudTrail record contents"). */
const RECORDED: Readonly<Record<string, Category>> = {
  Management: 'management',
  Data: 'data',
  Insight: 'insight',
  NetworkActivity: 'networkActivity',
};

/**
 * The event's category: eventCategory where recorded; before it, an Insights event by its eventType,
 * and the others by managementEvent (since 1.06). Older records say nothing: `fallback`, which is
 * 'management' for LookupEvents (it returns management events only, and Insights events say so).
 */
export function categoryOf(record: JsonObject, fallback: Category): Category {
  const recorded = typeof record.eventCategory === 'string' ? ownValue(RECORDED, record.eventCategory) : undefined;
  if (recorded !== undefined) return recorded;
  if (record.eventType === 'AwsCloudTrailInsight') return 'insight';
  if (typeof record.managementEvent === 'boolean') return record.managementEvent ? 'management' : 'data';
  return fallback;
}
