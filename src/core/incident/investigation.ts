/**
 * An investigation's report as plain data, in the order of the incident workflow: detection (what fired),
 * analysis (the profile, the unusual, the timeline, related findings), classification (severity and why),
 * response (steps for a person), summary, and pivots to the next investigation. The report webview and
 * the Markdown export both read this model; nothing in it is computed twice.
 */
import type { ActivityEvent } from '../activity/event';
import type { Hit } from '../investigate/detection';
import { DETECTIONS } from '../investigate/registry';
import { runDetections } from '../investigate/run';
import { isPermissionChange, profileOf } from './analysis';
import { classify, severityRank } from './classify';
import { eventLine, type EventLine } from './eventLine';
import type { DetectionCount, Investigation, InvestigationInput, ReportHit } from './model';
import { pivotsOf } from './pivots';
import { relatedFindings } from './related';
import { containmentSteps, detectionSteps } from './response';
import { subjectTitle } from './subject';
import { summaryOf } from './summary';
import { unusualOf } from './unusual';

/**
 * The newest events of a subject a report reads from a log index: about 0.7 s of query and report on a
 * 2-core machine (bench/investigation.bench.ts); more is a window to narrow, and the report says so.
 */
export const REPORT_EVENT_LIMIT = 100_000;
const TIMELINE_LIMIT = 300;
const HITS_LIMIT = 500;
const CHANGES_LIMIT = 50;

const META = new Map(DETECTIONS.map((d) => [d.id, d]));

export function buildInvestigation(input: InvestigationInput): Investigation {
  const { subject, window, now, events } = input;
  // Stream detections count in event order. Sources answer newest first with same-second events in
  // reverse reading order: reversed, a stable sort by time keeps reading order, as a plain read gives.
  const newestFirst = events.length > 1 && events[0]!.time > events[events.length - 1]!.time;
  const sorted = (newestFirst ? [...events].reverse() : [...events]).sort((a, b) => a.time - b.time);
  const hits = [...(input.hits ?? runDetections(sorted, input.factsOf ?? (() => undefined)))].sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || b.eventTime.localeCompare(a.eventTime),
  );
  const firedOn = new Map<string, string[]>();
  for (const hit of hits) firedOn.set(hit.eventId, [...(firedOn.get(hit.eventId) ?? []), hit.detection]);
  const line = (event: ActivityEvent): EventLine => eventLine(event, firedOn.get(event.eventId) ?? []);
  const latest = [...sorted].reverse();
  const shown = subject.kind === 'window' ? latest.filter((e) => firedOn.has(e.eventId)) : latest;
  const profile = profileOf(sorted);
  const unusual = unusualOf(sorted);
  const findings = relatedFindings(input.findings ?? [], subject, sorted, window);
  const titles = new Map(DETECTIONS.map((d) => [d.id, d.title]));
  const classification = classify(hits, titles, findings, profile, unusual);
  const byId = new Map(sorted.map((e) => [e.eventId, e]));
  const fired = hits.flatMap((h) => {
    const event = byId.get(h.eventId);
    return event === undefined ? [] : [{ detection: h.detection, event }];
  });
  const serious = severityRank(classification.severity) >= severityRank('MEDIUM');
  const response = [...detectionSteps(fired), ...(serious ? containmentSteps(subject, sorted, now) : [])];
  const focusEvent = subject.kind === 'event' ? byId.get(subject.value) : undefined;
  const report: Investigation = {
    title: subjectTitle(subject),
    subject,
    since: new Date(window.since).toISOString(),
    until: new Date(window.until ?? now).toISOString(),
    generatedAt: new Date(now).toISOString(),
    source: input.source,
    partial: [
      ...(input.partial ?? []),
      ...(hits.length > HITS_LIMIT
        ? [`Only the ${HITS_LIMIT} most severe of ${hits.length} detections are listed.`]
        : []),
    ],
    detection: { counts: countsOf(hits), hits: hits.slice(0, HITS_LIMIT).map(reportHit) },
    analysis: {
      profile,
      permissionChanges: latest.filter(isPermissionChange).slice(0, CHANGES_LIMIT).map(line),
      unusual,
      timeline: shown.slice(0, TIMELINE_LIMIT).map(line),
      timelineTotal: shown.length,
      ...(focusEvent && { focus: line(focusEvent) }),
      findings,
      ...(input.findingsNote !== undefined && { findingsNote: input.findingsNote }),
    },
    classification,
    response,
    summary: '',
    pivots: pivotsOf(profile, subject),
  };
  return { ...report, summary: summaryOf(report) };
}

function mitreOf(id: string): string {
  const meta = META.get(id);
  return meta === undefined ? '' : `${meta.mitre.technique} ${meta.mitre.name}`;
}

function reportHit(hit: Hit): ReportHit {
  return { ...hit, title: META.get(hit.detection)?.title ?? hit.detection, mitre: mitreOf(hit.detection) };
}

/** Hits per detection, most severe first, then by count. */
function countsOf(hits: readonly Hit[]): DetectionCount[] {
  const counts = new Map<string, DetectionCount>();
  for (const hit of hits) {
    const known = counts.get(hit.detection);
    counts.set(hit.detection, {
      id: hit.detection,
      title: META.get(hit.detection)?.title ?? hit.detection,
      severity: hit.severity,
      count: (known?.count ?? 0) + 1,
      mitre: mitreOf(hit.detection),
    });
  }
  return [...counts.values()].sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || b.count - a.count || a.id.localeCompare(b.id),
  );
}
