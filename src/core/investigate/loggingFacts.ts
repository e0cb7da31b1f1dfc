import { objectOf, type JsonObject } from '../activity/json';

/**
 * How a PutEventSelectors or UpdateTrail request narrows what a trail records, or undefined when it does
 * not: management events excluded or limited to reads or writes, management event sources excluded, a
 * multi-Region trail made single-Region, global service events or log file validation turned off.
 * Advanced event selectors are not read: what they exclude needs their field conditions interpreted.
 */
export function loggingWeakening(eventName: string, request: JsonObject): string | undefined {
  return eventName === 'UpdateTrail' ? trailWeakening(request) : selectorWeakening(request.eventSelectors);
}

function selectorWeakening(selectors: unknown): string | undefined {
  if (!Array.isArray(selectors)) return undefined;
  for (const item of selectors) {
    const selector = objectOf(item);
    if (selector === undefined) continue;
    if (selector.includeManagementEvents === false) return 'management events excluded';
    const readWrite = selector.readWriteType;
    if (readWrite === 'ReadOnly' || readWrite === 'WriteOnly') return `only ${readWrite} events recorded`;
    const excluded = selector.excludeManagementEventSources;
    if (Array.isArray(excluded) && excluded.length > 0) return `management events of ${excluded.join(', ')} excluded`;
  }
  return undefined;
}

const TRAIL_SWITCHES: readonly [field: string, change: string][] = [
  ['isMultiRegionTrail', 'multi-Region off'],
  ['includeGlobalServiceEvents', 'global service events off'],
  ['enableLogFileValidation', 'log file validation off'],
];

function trailWeakening(request: JsonObject): string | undefined {
  return TRAIL_SWITCHES.find(([field]) => request[field] === false)?.[1];
}
