/**
 * `cloudwarden trail --format text`: one line an event for a person. JSON and CSV are written by
 * src/shared/trailRows.ts, which the timeline's export uses too; the text shows the same rows.
 */
import type { ActivityEvent } from '../core';
import { rowOf, type UnreadableRow } from '../shared/trailRows';

/** One line an event: time, what, who, from where, and its error when it failed. */
export function trailText(events: readonly ActivityEvent[], unreadable: readonly UnreadableRow[]): string {
  const lines = events.map((event) => {
    const row = rowOf(event);
    const what = row.action ?? `${row.eventSource.split('.')[0]}:${row.eventName}`;
    const outcome = row.errorCode ? `  ${row.errorCode}` : '';
    return `${row.eventTime}  ${row.region}  ${what}  ${row.principal}  ${row.sourceIp ?? '-'}${outcome}`;
  });
  lines.push(`${events.length} event${events.length === 1 ? '' : 's'}`);
  for (const u of unreadable)
    lines.push(`not read: ${u.file ?? u.region ?? ''}${u.eventId ? ` ${u.eventId}` : ''}: ${u.reason}`);
  return `${lines.join('\n')}\n`;
}
