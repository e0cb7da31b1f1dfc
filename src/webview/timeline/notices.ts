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
      text: model.answer ? 'Refreshing from CloudTrail…' : 'Loading CloudTrail events…',
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
  if (answer.total !== undefined && answer.total > answer.events.length)
    notices.push({
      severity: 'warning',
      text: `The newest ${answer.events.length.toLocaleString('en-US')} of ${answer.total.toLocaleString('en-US')} matching events are shown: narrow the window or the query for the others.`,
    });
  const files = answer.unreadable.filter((u) => u.file !== undefined);
  if (files.length > 0)
    notices.push({
      severity: 'warning',
      // Every file named: a person must be able to find what was not read.
      text: `${files.length} log file${files.length === 1 ? '' : 's'} could not be read in full (what could be read is shown): ${files.map((u) => `${u.file}: ${u.reason}`).join('; ')}`,
    });
  const events = answer.unreadable.filter((u) => u.file === undefined);
  if (events.length > 0)
    notices.push({
      severity: 'warning',
      text: `${events.length} event${events.length === 1 ? '' : 's'} could not be read: ${events[0]!.reason}`,
    });
  if (answer.bytesScanned !== undefined)
    notices.push({
      severity: 'info',
      text: `${answer.source === 'lake' ? 'CloudTrail Lake' : 'Athena'} scanned ${bytes(answer.bytesScanned)} for this answer.`,
    });
  if (answer.stale && !model.loading)
    notices.push({
      severity: 'info',
      text: `Cached answer from ${ago(now - answer.fetchedAt)}; CloudWarden is fetching a newer one in the background (Refresh asks CloudTrail now).`,
    });
  return notices;
}

function bytes(n: number): string {
  const units: [number, string][] = [
    [1024 ** 4, 'TB'],
    [1024 ** 3, 'GB'],
    [1024 ** 2, 'MB'],
    [1024, 'KB'],
  ];
  for (const [size, unit] of units) if (n >= size) return `${(n / size).toFixed(n >= 10 * size ? 0 : 1)} ${unit}`;
  return `${n} bytes`;
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
    q.action && `action ${q.action}`,
    q.sourceIp && `from ${q.sourceIp}`,
    q.errorsOnly && 'failed calls only',
  ].filter((p): p is string => typeof p === 'string' && p !== '');
  // A log file's history is asked from the epoch: "everything" says it better than 1970.
  const from = q.since <= 0 ? 'the first event' : new Date(q.since).toISOString().slice(0, 16).replace('T', ' ');
  const to = q.until === undefined ? 'now' : new Date(q.until).toISOString().slice(0, 16).replace('T', ' ');
  return `${parts.join(' · ') || 'all events'} · ${from} to ${to} UTC`;
}
