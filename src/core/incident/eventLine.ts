import type { ActivityEvent } from '../activity/event';

/** One event as a report lists it: plain data, names as recorded. */
export interface EventLine {
  readonly eventId: string;
  readonly eventTime: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly action?: string;
  /** The principal's display name, and its ARN where recorded (a pivot). */
  readonly principal: string;
  readonly principalArn?: string;
  readonly accessKeyId?: string;
  readonly sourceIp?: string;
  readonly userAgent?: string;
  readonly region: string;
  readonly errorCode?: string;
  readonly readOnly?: boolean;
  /** ARNs where known, else names. */
  readonly resources: readonly string[];
  /** The detections that fired on this event. */
  readonly detections: readonly string[];
}

/** The ARN of each resource the event names, else its name, each once. */
export function resourceNames(event: ActivityEvent): string[] {
  const names = new Set<string>();
  for (const resource of event.resources) {
    const name = resource.arn ?? resource.name;
    if (name !== undefined) names.add(name);
  }
  return [...names];
}

/** The principal as a pivot: a role session investigates as its role, which outlives the session. */
export function principalPivot(event: ActivityEvent): string | undefined {
  return event.principal.roleArn ?? event.principal.arn;
}

export function eventLine(event: ActivityEvent, detections: readonly string[]): EventLine {
  const line: Record<string, unknown> = {
    eventId: event.eventId,
    eventTime: event.eventTime,
    eventSource: event.eventSource,
    eventName: event.eventName,
    action: event.action,
    principal: event.principal.name,
    principalArn: event.principal.arn,
    accessKeyId: event.accessKeyId,
    sourceIp: event.sourceIp,
    userAgent: event.userAgent,
    region: event.region,
    errorCode: event.errorCode,
    readOnly: event.readOnly,
    resources: resourceNames(event),
    detections,
  };
  // Absent, not undefined: the line travels as JSON and is compared in tests.
  for (const key of Object.keys(line)) if (line[key] === undefined) delete line[key];
  return line as unknown as EventLine;
}
