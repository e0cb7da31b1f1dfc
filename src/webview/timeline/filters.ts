/**
 * The timeline table's filters: by principal and event name (case-insensitive parts of the text shown),
 * errors only, read-only only. Pure, so the page and the tests run the same code.
 */
import type { ActivityEvent } from '../../core';
import { isBoolean, shape, shortString, type Guard } from '../../shared/guards';

export interface EventFilter {
  /** Part of the principal's name or ARN (a user, a role, a session). */
  readonly principal: string;
  /** Part of the event name or its IAM action. */
  readonly eventName: string;
  readonly errorsOnly: boolean;
  readonly readOnlyOnly: boolean;
}

export const NO_FILTER: EventFilter = { principal: '', eventName: '', errorsOnly: false, readOnlyOnly: false };

export const isEventFilter: Guard<EventFilter> = shape<EventFilter>({
  principal: shortString(500),
  eventName: shortString(500),
  errorsOnly: isBoolean,
  readOnlyOnly: isBoolean,
});

/** Whether the filter lets every event through. */
export function isNoFilter(filter: EventFilter): boolean {
  return filter.principal.trim() === '' && filter.eventName.trim() === '' && !filter.errorsOnly && !filter.readOnlyOnly;
}

export function filterEvents(events: readonly ActivityEvent[], filter: EventFilter): ActivityEvent[] {
  const principal = filter.principal.trim().toLowerCase();
  const eventName = filter.eventName.trim().toLowerCase();
  return events.filter(
    (event) =>
      (!filter.errorsOnly || event.errorCode !== undefined) &&
      (!filter.readOnlyOnly || event.readOnly === true) &&
      (principal === '' || principalTexts(event).some((text) => text.toLowerCase().includes(principal))) &&
      (eventName === '' ||
        event.eventName.toLowerCase().includes(eventName) ||
        (event.action?.toLowerCase().includes(eventName) ?? false)),
  );
}

function principalTexts(event: ActivityEvent): string[] {
  const p = event.principal;
  return [p.name, p.arn, p.roleArn, p.sessionName, p.invokedBy].filter((t): t is string => t !== undefined);
}
