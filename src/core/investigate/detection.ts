import type { ActivityEvent } from '../activity/event';
import type { DetectionFacts } from './facts';

type DetectionSeverity = 'INFO' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** What a detection is, as data: what the reports, the CLI and the docs show. */
export interface DetectionMeta {
  /** Stable, kebab-case: `cloudtrail-logging-weakened`. */
  readonly id: string;
  readonly title: string;
  readonly severity: DetectionSeverity;
  readonly description: string;
  readonly mitre: { readonly technique: string; readonly name: string };
  /** AWS documentation and ATT&CK pages, https only. */
  readonly references: readonly string[];
  /** The Panther rule (panther-labs/panther-analysis) this detection corresponds to. */
  readonly panther?: string;
  /** Other Panther rules whose test cases this detection also agrees with (same events, same verdict). */
  readonly pantherAlso?: readonly string[];
  /**
   * The `eventSource:eventName` pairs the detection can fire on: the run looks an event up by its name
   * and never shows a detection an event it does not list. 'any' for the few that read every event (root
   * activity, AccessDenied and reconnaissance bursts, instance credentials), whose first test is one field
   * of the event; they are given no facts.
   */
  readonly eventNames: readonly string[] | 'any';
}

/** One detection that fired: plain data, names as recorded. */
export interface Hit {
  readonly detection: string;
  readonly severity: DetectionSeverity;
  readonly panther?: string;
  readonly eventId: string;
  readonly eventTime: string;
  /** The principal's ARN, else its display name. */
  readonly principal: string;
  readonly region: string;
  /** What happened, in one line. */
  readonly sentence: string;
  /** The log file the event came from (log-file sources only). */
  readonly file?: string;
}

/** Reads one event at a time; state kept between events belongs to one run. */
export type Scanner = (event: ActivityEvent, facts: DetectionFacts | undefined) => Hit | undefined;

/** A detection decided by one event alone. */
export interface EventDetection extends DetectionMeta {
  readonly kind: 'event';
  readonly check: Scanner;
}

/**
 * A detection over a time-ordered stream (bursts in a window, a sequence). `counts` says whether an
 * event is one the detection counts: Panther's rule functions decide the same per event and leave
 * thresholds to the alerting around them, so that is what their test cases are compared with.
 */
export interface StreamDetection extends DetectionMeta {
  readonly kind: 'stream';
  readonly counts: (event: ActivityEvent, facts: DetectionFacts | undefined) => boolean;
  /** A fresh scanner for one run. */
  readonly scan: () => Scanner;
}

export type Detection = EventDetection | StreamDetection;

/** The hit of `detection` on `event`. */
export function hitOf(detection: DetectionMeta, event: ActivityEvent, sentence: string): Hit {
  const hit: Hit = {
    detection: detection.id,
    severity: detection.severity,
    panther: detection.panther,
    eventId: event.eventId,
    eventTime: event.eventTime,
    principal: principalKey(event),
    region: event.region,
    sentence,
    file: event.file,
  };
  if (hit.panther === undefined) delete (hit as { panther?: string }).panther;
  if (hit.file === undefined) delete (hit as { file?: string }).file;
  return hit;
}

/** Who acted, as one string: the ARN where recorded (unique), else the type and display name. */
export function principalKey(event: ActivityEvent): string {
  return event.principal.arn ?? `${event.principal.type}:${event.principal.name}`;
}

/** The name a sentence shows for the principal. */
export function who(event: ActivityEvent): string {
  return event.principal.name;
}

/** A successful call: CloudTrail records a failed one with its errorCode. */
export function succeeded(event: ActivityEvent): boolean {
  return event.errorCode === undefined;
}
