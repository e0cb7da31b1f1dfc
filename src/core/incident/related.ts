import type { ActivityEvent } from '../activity/event';
import type { FindingRow } from '../findings/row';
import type { Subject, Window } from './subject';

/** A GuardDuty or Security Hub finding that names what the report is about, and what it names. */
export interface RelatedFinding {
  readonly id: string;
  readonly source: string;
  readonly title: string;
  readonly type: string;
  readonly severityLabel: string;
  readonly region: string;
  readonly lastSeen?: string;
  /** The value it shares with the investigation (a principal, a key, an address, a resource). */
  readonly shares: string;
}

const LIMIT = 20;

/**
 * The findings that name the subject or any principal, access key, address or resource of its events;
 * for a window, every finding seen in it. Archived findings are left out: someone closed them.
 */
export function relatedFindings(
  findings: readonly FindingRow[],
  subject: Subject,
  events: readonly ActivityEvent[],
  window: Window,
): RelatedFinding[] {
  const needles = needlesOf(subject, events);
  const related: RelatedFinding[] = [];
  for (const finding of findings) {
    if (finding.archived) continue;
    const shares =
      subject.kind === 'window'
        ? inWindow(finding, window)
          ? 'the window'
          : undefined
        : sharedValue(finding, needles);
    if (shares === undefined) continue;
    related.push({
      id: finding.id,
      source: finding.source,
      title: finding.title,
      type: finding.type,
      severityLabel: finding.severityLabel,
      region: finding.region,
      ...(finding.lastSeen !== undefined && { lastSeen: new Date(finding.lastSeen).toISOString() }),
      shares,
    });
  }
  return related
    .sort((a, b) => rank(b.severityLabel) - rank(a.severityLabel) || (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''))
    .slice(0, LIMIT);
}

const RANKS = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
function rank(label: string): number {
  return RANKS.indexOf(label);
}

function inWindow(finding: FindingRow, window: Window): boolean {
  const seen = finding.lastSeen ?? finding.updatedAt;
  return seen >= window.since && (window.until === undefined || (finding.firstSeen ?? seen) <= window.until);
}

/** The values that tie a finding to the investigation: ARNs and names, keys, addresses. */
function needlesOf(subject: Subject, events: readonly ActivityEvent[]): Set<string> {
  const needles = new Set<string>();
  if (subject.kind !== 'window') needles.add(subject.value);
  for (const event of events) {
    const p = event.principal;
    for (const value of [p.arn, p.roleArn, event.accessKeyId, event.sourceIp]) if (value) needles.add(value);
    if (p.type === 'IAMUser') needles.add(p.name);
    if (p.roleArn) needles.add(p.roleArn.slice(p.roleArn.lastIndexOf('/') + 1));
  }
  return needles;
}

function sharedValue(finding: FindingRow, needles: ReadonlySet<string>): string | undefined {
  const candidates: (string | undefined)[] = [finding.principal, finding.arn, ...finding.resources.map((r) => r.id)];
  for (const activity of finding.activity) {
    if (activity.kind === 'apiCall' || activity.kind === 'network') candidates.push(activity.remoteIp);
    else if (activity.kind === 'portProbe') candidates.push(...activity.remoteIps);
  }
  return candidates.find((value): value is string => value !== undefined && needles.has(value));
}
