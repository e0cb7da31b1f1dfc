import type { ActivityEvent } from '../activity/event';
import type { Detection, Hit, Scanner } from './detection';
import type { DetectionFacts } from './facts';
import { DETECTIONS } from './registry';

/** A detection ready for one run: its scanner (fresh state for stream detections). */
interface Armed {
  readonly source: string | undefined;
  readonly scan: Scanner;
}

/** Armed detections by event name; those that read every event apart. */
interface Plan {
  readonly byName: Map<string, Armed[]>;
  readonly everyEvent: Scanner[];
}

function planOf(detections: readonly Detection[]): Plan {
  const byName = new Map<string, Armed[]>();
  const everyEvent: Scanner[] = [];
  for (const detection of detections) {
    const scan = detection.kind === 'event' ? detection.check : detection.scan();
    if (detection.eventNames === 'any') {
      everyEvent.push(scan);
      continue;
    }
    for (const pair of detection.eventNames) {
      const colon = pair.lastIndexOf(':');
      const name = pair.slice(colon + 1);
      const list = byName.get(name) ?? [];
      list.push({ source: pair.slice(0, colon), scan });
      byName.set(name, list);
    }
  }
  return { byName, everyEvent };
}

/**
 * Every detection over events in time order, hits in the order their events came. A detection sees
 * only the events whose source and name it lists (a map look-up per event), except the few that read
 * every event, and those read no facts; `factsOf` is asked only for an event some detection lists, so it
 * can be a look-up in the log index's facts.
 */
export function runDetections(
  events: Iterable<ActivityEvent>,
  factsOf: (event: ActivityEvent) => DetectionFacts | undefined,
  detections: readonly Detection[] = DETECTIONS,
  /** Told of each hit with its event while the event is in hand (a caller that drops events keeps these). */
  onHit?: (hit: Hit, event: ActivityEvent) => void,
): Hit[] {
  const { byName, everyEvent } = planOf(detections);
  const hits: Hit[] = [];
  for (const event of events) {
    const named = byName.get(event.eventName);
    let facts: DetectionFacts | undefined;
    let read = false;
    // Facts only once per event, and only for an event a listing detection reads.
    const factsOnce = (): DetectionFacts | undefined => {
      if (!read) {
        facts = factsOf(event);
        read = true;
      }
      return facts;
    };
    if (named !== undefined) {
      for (const armed of named) {
        if (armed.source !== event.eventSource) continue;
        const hit = armed.scan(event, factsOnce());
        if (hit !== undefined) {
          hits.push(hit);
          onHit?.(hit, event);
        }
      }
    }
    for (const scan of everyEvent) {
      const hit = scan(event, undefined);
      if (hit !== undefined) {
        hits.push(hit);
        onHit?.(hit, event);
      }
    }
  }
  return hits;
}
