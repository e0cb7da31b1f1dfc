/**
 * The lines above the timeline: what is happening (loading, refreshing, a cached answer), what is
 * missing (problems as their one sentence, Regions cut short, events not read) and the investigate
 * notice. Plain data; the page writes them with textContent.
 */
import type { TimelineModel } from '../../shared/timelineMessages';

export interface Notice {
  readonly severity: 'info' | 'warning' | 'error';
  readonly text: string;
}

export function noticesOf(model: TimelineModel, now: number): Notice[] {
  const notices: Notice[] = [];
  if (model.notice) notices.push({ severity: 'info', text: model.notice });
  if (model.loading)
    notices.push({
      severity: 'info',
      text: model.answer
        ? 'Refreshing from CloudTrail…'
        : 'Loading CloudTrail events (LookupEvents answers 2 pages a second)…',
    });
  if (model.failure) notices.push({ severity: 'error', text: model.failure });
  const answer = model.answer;
  if (!answer) return notices;
  for (const problem of answer.problems)
    notices.push({
      severity: 'error',
      text: problem.region ? `${problem.region}: ${problem.sentence}` : problem.sentence,
    });
  if (answer.truncated.length > 0)
    notices.push({
      severity: 'warning',
      text: `Stopped after the page limit in ${answer.truncated.join(', ')}: older events in the window are not shown.`,
    });
  if (answer.unreadable.length > 0)
    notices.push({
      severity: 'warning',
      text: `${answer.unreadable.length} event${answer.unreadable.length === 1 ? '' : 's'} could not be read: ${answer.unreadable[0]!.reason}`,
    });
  if (answer.stale && !model.loading)
    notices.push({
      severity: 'info',
      text: `Cached answer from ${ago(now - answer.fetchedAt)}; CloudWarden is fetching a newer one in the background (Refresh asks CloudTrail now).`,
    });
  return notices;
}

function ago(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'less than a minute ago';
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours ago` : `${Math.round(hours / 24)} days ago`;
}

/** The query in words, under the title: what was asked, over which window. */
export function describeQuery(model: TimelineModel): string {
  const q = model.target.query;
  const parts = [
    q.resource && `resource ${q.resource}`,
    q.principal && `principal ${q.principal}`,
    q.accessKeyId && `access key ${q.accessKeyId}`,
    q.eventName && `event ${q.eventName}`,
  ].filter((p): p is string => typeof p === 'string' && p !== '');
  const from = new Date(q.since).toISOString().slice(0, 16).replace('T', ' ');
  const to = q.until === undefined ? 'now' : new Date(q.until).toISOString().slice(0, 16).replace('T', ' ');
  return `${parts.join(' · ') || 'all events'} · ${from} to ${to} UTC`;
}
