/** An investigation's report as plain data: what the report webview, the Markdown and the CLI read. */
import type { ActivityEvent } from '../activity/event';
import type { Hit } from '../investigate/detection';
import type { DetectionFacts } from '../investigate/facts';
import type { FindingRow } from '../findings/row';
import type { Profile } from './analysis';
import type { Classification } from './classify';
import type { EventLine } from './eventLine';
import type { Pivot } from './pivots';
import type { RelatedFinding } from './related';
import type { ResponseStep } from './response';
import type { Subject, Window } from './subject';
import type { Unusual } from './unusual';

/** A detection that fired, as the report lists it. */
export interface ReportHit extends Hit {
  readonly title: string;
  readonly mitre: string;
}

export interface DetectionCount {
  readonly id: string;
  readonly title: string;
  readonly severity: string;
  readonly count: number;
  readonly mitre: string;
}

export interface Investigation {
  readonly title: string;
  readonly subject: Subject;
  /** ISO 8601. */
  readonly since: string;
  readonly until: string;
  readonly generatedAt: string;
  /** Where the events came from: `log files`, `LookupEvents (us-east-1)`, `Athena (primary)`. */
  readonly source: string;
  /** Why the report may miss something (a cap reached, a file unreadable, a Region failed); empty when complete. */
  readonly partial: readonly string[];
  readonly detection: { readonly counts: readonly DetectionCount[]; readonly hits: readonly ReportHit[] };
  readonly analysis: {
    readonly profile: Profile;
    /** Policy and permission changes first: who changed who may do what. */
    readonly permissionChanges: readonly EventLine[];
    readonly unusual: readonly Unusual[];
    /** Newest first; for a window, the events detections fired on. */
    readonly timeline: readonly EventLine[];
    /** The events the timeline would list without its cap. */
    readonly timelineTotal: number;
    /** The event an event investigation is about. */
    readonly focus?: EventLine;
    readonly findings: readonly RelatedFinding[];
    /** Why findings could not be read (no AWS credentials, GuardDuty denied). */
    readonly findingsNote?: string;
  };
  readonly classification: Classification;
  readonly response: readonly ResponseStep[];
  readonly summary: string;
  readonly pivots: readonly Pivot[];
}

export interface InvestigationInput {
  readonly subject: Subject;
  readonly window: Window;
  readonly now: number;
  /** The subject's events (for an event id, the events around it), any order. */
  readonly events: readonly ActivityEvent[];
  /** Facts of the events that have any (detections read them); without, those detections stay silent. */
  readonly factsOf?: (event: ActivityEvent) => DetectionFacts | undefined;
  /** Hits already found (the log index runs detections over a whole window itself). */
  readonly hits?: readonly Hit[];
  readonly findings?: readonly FindingRow[];
  readonly findingsNote?: string;
  readonly source: string;
  readonly partial?: readonly string[];
}
