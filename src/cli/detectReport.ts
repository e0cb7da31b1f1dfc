/**
 * `cloudwarden detect` as JSON and as text. Hits come newest first, as `cloudwarden trail` lists events.
 */
import type { Detection, Hit } from '../core';
import type { UnreadableFile } from '../logs';

/** The shape, field for field: `panther` only for a detection that has a Panther rule. */
export function detectJson(hits: readonly Hit[], unreadable: readonly UnreadableFile[]): string {
  const rows = hits.map((hit) => ({
    detection: hit.detection,
    severity: hit.severity,
    ...(hit.panther !== undefined && { panther: hit.panther }),
    eventId: hit.eventId,
    eventTime: hit.eventTime,
    principal: hit.principal,
    file: hit.file,
  }));
  return `${JSON.stringify({ hits: rows, unreadable: unreadable.map(({ file, reason }) => ({ file, reason })) }, null, 2)}\n`;
}

/**
 * One line a hit (time, severity, the detection's title, principal, what happened, file), then how many
 * hits each detection had, most severe first, then the files not read.
 */
export function detectText(
  hits: readonly Hit[],
  unreadable: readonly UnreadableFile[],
  detections: readonly Detection[],
): string {
  const byId = new Map(detections.map((d) => [d.id, d]));
  const lines = hits.map(
    (hit) =>
      `${hit.eventTime}  ${hit.severity.padEnd(8)}  ${byId.get(hit.detection)?.title ?? hit.detection}  ${hit.principal}  ${hit.sentence}  ${hit.file ?? '-'}`,
  );
  if (lines.length > 0) lines.push('');
  lines.push(`${hits.length} hit${hits.length === 1 ? '' : 's'}${hits.length > 0 ? ':' : ''}`);
  for (const { detection, count } of countsOf(hits, detections))
    lines.push(`  ${String(count).padStart(5)}  ${detection.severity.padEnd(8)}  ${detection.id}  ${detection.title}`);
  for (const u of unreadable) lines.push(`not read: ${u.file}: ${u.reason}`);
  return `${lines.join('\n')}\n`;
}

const RANK: Readonly<Record<Hit['severity'], number>> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3, INFO: 4 };

/** The detections that fired with their hits, most severe first, then in the registry's order. */
function countsOf(hits: readonly Hit[], detections: readonly Detection[]): { detection: Detection; count: number }[] {
  const counts = new Map<string, number>();
  for (const hit of hits) counts.set(hit.detection, (counts.get(hit.detection) ?? 0) + 1);
  return detections
    .filter((d) => counts.has(d.id))
    .map((detection) => ({ detection, count: counts.get(detection.id)! }))
    .sort((a, b) => RANK[a.detection.severity] - RANK[b.detection.severity]);
}
