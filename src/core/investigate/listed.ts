import type { ActivityEvent } from '../activity/event';
import type { Detection } from './detection';
import { DETECTIONS } from './registry';

/**
 * Whether some detection lists the event's source and name: the only events whose facts a run asks for
 * (runDetections), so a reader of log files reads the facts of those alone. A map look-up by name, then
 * a set look-up by source: no string is built per event.
 */
export function listedByDetections(detections: readonly Detection[] = DETECTIONS): (event: ActivityEvent) => boolean {
  const sourcesByName = new Map<string, Set<string>>();
  for (const detection of detections) {
    if (detection.eventNames === 'any') continue;
    for (const pair of detection.eventNames) {
      const colon = pair.lastIndexOf(':');
      const name = pair.slice(colon + 1);
      const sources = sourcesByName.get(name) ?? new Set<string>();
      sources.add(pair.slice(0, colon));
      sourcesByName.set(name, sources);
    }
  }
  return (event) => sourcesByName.get(event.eventName)?.has(event.eventSource) === true;
}
