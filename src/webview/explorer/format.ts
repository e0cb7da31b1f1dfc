/**
 * How the explorer writes times and small values: dates in UTC as AWS writes them (a key created in
 * Sydney reads the same for everyone looking at it), absent values as a dash rather than a blank, which
 * a reader cannot tell from "not loaded".
 */

const DAY_MS = 86_400_000;

/** `2026-03-01`, or `—` when unknown. */
export function formatDate(ms: number | undefined): string {
  return ms === undefined ? '—' : new Date(ms).toISOString().slice(0, 10);
}

/** `2026-03-01 10:05 UTC`, or `—` when unknown. */
export function formatTime(ms: number | undefined): string {
  return ms === undefined ? '—' : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** How long ago, in the largest whole unit a glance needs: `just now`, `5 min ago`, `3 h ago`, `12 days ago`. */
export function ago(ms: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - ms) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} h ago`;
  const days = Math.floor((now - ms) / DAY_MS);
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

export function yesNo(value: boolean | undefined): string {
  return value === undefined ? '—' : value ? 'yes' : 'no';
}

/** `n thing` or `n things`. */
export function plural(n: number, thing: string): string {
  return `${n} ${thing}${n === 1 ? '' : 's'}`;
}
