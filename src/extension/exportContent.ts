/**
 * What the timeline's export writes: the events the page listed (by id, in its order) as the JSON or CSV
 * of `cloudwarden trail`, and a file name to suggest. Pure.
 */
import type { ActivityRequest } from '../shared/protocol';
import type { ExportFormat } from '../shared/timelineMessages';
import { trailCsv, trailJson } from '../shared/trailRows';

export function exportContent(
  format: ExportFormat,
  answer: ActivityRequest.Result,
  eventIds: readonly string[],
): { readonly text: string; readonly count: number } {
  const byId = new Map(answer.events.map((e) => [e.eventId, e]));
  // Ids the page sent that the answer does not hold (the page is untrusted) are dropped, repeats once.
  const events = [...new Set(eventIds)].flatMap((id) => byId.get(id) ?? []);
  return { text: format === 'json' ? trailJson(events, answer.unreadable) : trailCsv(events), count: events.length };
}

/** `cloudtrail-my-bucket-20260301-1412.csv`: the title's words, the time, nothing a file system minds. */
export function exportFileName(title: string, format: ExportFormat, now: number): string {
  const slug = title
    .replace(/^CloudTrail:\s*/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60);
  const time = new Date(now).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `cloudtrail-${slug || 'events'}-${time}.${format}`;
}
