/**
 * How long ago, as a person says it: "just now", "5 min ago", "2 h ago", "12 days ago", and past 90 days
 * (a log file's history) the day: "on 2023-07-10".
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function timeAgo(time: number, now: number): string {
  const age = now - time;
  // A clock a little ahead of this one (or an event from the future) is "just now", not negative.
  if (age < MINUTE) return 'just now';
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min ago`;
  // Hours up to two days: "30 h ago" says more than "1 day ago".
  if (age < 2 * DAY) return `${Math.floor(age / HOUR)} h ago`;
  if (age < 90 * DAY) return `${Math.floor(age / DAY)} days ago`;
  return `on ${new Date(time).toISOString().slice(0, 10)}`;
}
