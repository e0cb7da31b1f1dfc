import type { Evidence, MissingEvidence, PrincipalEvidence } from './evidence';
import type { ActionVerdict } from './merge';
import { bytesText } from '../text/bytes';

const DAY_MS = 86_400_000;

/**
 * What the answer is based on, in one line for a hover, a CodeLens or a report, each source with what
 * it cost and when: "based on 90 days of CloudTrail in Athena (2026-09-02 to 2026-12-01) from 6 AWS calls
 * (1 query, 1.2 MB scanned in 3.1 s) 3 minutes ago and 400 days of IAM last-accessed data (...) from 3 AWS
 * calls 5 minutes ago; IAM Access Analyzer: no unused-access analyzer".
 */
export function describeEvidence(principal: PrincipalEvidence, now: number): string {
  const parts = principal.evidence.map((e) => `${describeOne(e)} ${describeCost(e, now)}`);
  const based = parts.length === 0 ? 'no evidence of use' : `based on ${joinAnd(parts)}`;
  const missing = principal.missing.map(describeMissing);
  return missing.length === 0 ? based : `${based}; ${missing.join('; ')}`;
}

function describeOne(e: Evidence): string {
  if (e.kind === 'accessAnalyzer') return `${e.label} (unused for ${e.unusedAccessAgeDays} days or more)`;
  const days = Math.max(0, (e.window.until - e.window.since) / DAY_MS);
  const regions = e.kind === 'cloudtrail' && e.regions ? ` in ${count(e.regions.length, 'Region')}` : '';
  const length = days >= 2 ? count(Math.round(days), 'day') : count(Math.max(1, Math.round(days * 24)), 'hour');
  return `${length} of ${e.label}${regions} (${day(e.window.since)} to ${day(e.window.until)})`;
}

/**
 * The AWS calls a source took and when it answered ("from 3 AWS calls 5 minutes ago"), with a query's
 * bytes and time and a scan cut short; a source read without AWS (log files) says when it was read.
 */
function describeCost(e: Evidence, now: number): string {
  const when = ago(now - e.fetchedAt);
  if (e.cost === undefined) return `read ${when}`;
  const { calls, bytesScanned, queryMs } = e.cost;
  const details = [
    ...(bytesScanned === undefined
      ? []
      : [`1 query, ${bytesText(bytesScanned)} scanned${queryMs === undefined ? '' : ` in ${seconds(queryMs)}`}`]),
    ...(e.kind === 'cloudtrail' && e.cut !== undefined ? [e.cut] : []),
  ];
  return `from ${count(calls, 'AWS call')}${details.length > 0 ? ` (${details.join('; ')})` : ''} ${when}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

export function day(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function describeMissing(m: MissingEvidence): string {
  return `${m.label}: ${m.reason}`;
}

function joinAnd(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

export function ago(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${count(minutes, 'minute')} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${count(hours, 'hour')} ago`;
  return `${count(Math.round(hours / 24), 'day')} ago`;
}

/** `1,245 days` (toLocaleString's ICU costs microseconds: this runs for every finding). */
export function count(n: number, noun: string): string {
  return `${String(n).replace(/\B(?=(\d{3})+$)/g, ',')} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * What a hover on a granted action says of its use (Markdown): for one action its status and why, for a
 * wildcard the counts and the actions used.
 */
export function describeUse(written: string, verdicts: readonly ActionVerdict[]): string {
  if (verdicts.length === 1) return describeVerdict(verdicts[0]!);
  const by = (status: ActionVerdict['status']) => verdicts.filter((v) => v.status === status);
  const used = by('used');
  const shown = used.slice(0, 10).map((v) => `\`${v.action}\``);
  const more = used.length > shown.length ? ` and ${used.length - shown.length} more` : '';
  const unknown = by('unknown');
  return [
    `\`${written}\` grants ${count(verdicts.length, 'action')}: **${used.length} used**, ${by('unused').length} unused, ${unknown.length} unknown.`,
    ...(used.length > 0 ? [`Used: ${shown.join(', ')}${more}.`] : []),
    ...(unknown.length > 0 ? [`Unknown: ${unknown[0]!.reason}${unknown.length > 1 ? ' (and others)' : ''}.`] : []),
  ].join('\n\n');
}

function describeVerdict(v: ActionVerdict): string {
  const sources = v.sources.length > 0 ? ` (${v.sources.join(', ')})` : '';
  const last = v.lastUsed === undefined ? '' : `, last on ${day(v.lastUsed)}`;
  if (v.status === 'used') return `\`${v.action}\`: **used**${last}${sources}.`;
  if (v.status === 'unknown') return `\`${v.action}\`: **unknown**: ${v.reason}.`;
  return `\`${v.action}\`: **not used** in ${duration(v.days ?? 0)} of evidence${sources}${last === '' ? '' : `; used before${last}`}.`;
}

/** Days as a person says them: `90 days`, `13 hours` for a short stretch of logs, `40 minutes`. */
export function duration(days: number): string {
  if (days >= 2) return count(Math.round(days), 'day');
  if (days * 24 >= 1) return count(Math.round(days * 24), 'hour');
  return count(Math.max(1, Math.round(days * 1440)), 'minute');
}
