import type { Hit } from '../investigate/detection';
import type { Profile } from './analysis';
import type { RelatedFinding } from './related';
import type { Unusual } from './unusual';

type ReportSeverity = 'INFO' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface Classification {
  readonly severity: ReportSeverity;
  /** Why, in one sentence a reviewer can check. */
  readonly reason: string;
}

const ORDER: readonly ReportSeverity[] = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

export function severityRank(severity: string): number {
  return ORDER.indexOf(severity === 'INFORMATIONAL' ? 'INFO' : (severity as ReportSeverity));
}

/**
 * The report's severity: the most severe detection or related finding; failing those, LOW when calls
 * were denied or something is unusual, INFO otherwise. The reason names what decided it.
 */
export function classify(
  hits: readonly Hit[],
  titles: ReadonlyMap<string, string>,
  findings: readonly RelatedFinding[],
  profile: Profile,
  unusual: readonly Unusual[],
): Classification {
  const top = [...hits].sort((a, b) => severityRank(b.severity) - severityRank(a.severity))[0];
  const finding = findings[0];
  const hitRank = top === undefined ? -1 : severityRank(top.severity);
  const findingRank = finding === undefined ? -1 : severityRank(finding.severityLabel);
  if (top !== undefined && hitRank >= findingRank) {
    const same = hits.filter((h) => h.detection === top.detection).length;
    return {
      severity: top.severity,
      reason: `${titles.get(top.detection) ?? top.detection}${same > 1 ? ` (${same} times)` : ''}: ${top.sentence}.`,
    };
  }
  if (finding !== undefined)
    return {
      severity: ORDER[findingRank] ?? 'INFO',
      reason: `${finding.source} finding ${finding.type}: ${finding.title}.`,
    };
  if (profile.accessDenied > 0 || unusual.length > 0) {
    const parts = [
      ...(profile.accessDenied > 0 ? [`${profile.accessDenied} calls were denied`] : []),
      ...(unusual.length > 0 ? [`${unusual.length} unusual items (${unusual[0]!.detail})`] : []),
    ];
    return { severity: 'LOW', reason: `No detection fired, but ${parts.join(' and ')}.` };
  }
  return {
    severity: 'INFO',
    reason:
      profile.events === 0
        ? 'No events in the window.'
        : `No detection fired over ${profile.events} events, no call was denied and nothing is unusual.`,
  };
}
