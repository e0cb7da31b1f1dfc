/**
 * What the editor shows of a referenced resource's CloudTrail activity, as plain data: the reference, the
 * question asked of CloudTrail, the last answer (if any) and whether a fetch is running. The server fills
 * it from its cache without waiting on AWS; hover.ts and lens.ts turn it into text.
 */
import type { ActivityEvent } from '../activity/event';
import type { ActivityQuery } from '../activity/query';
import type { AwsProblemKind } from '../aws/problems';
import type { ResourceReference } from '../refs/types';

/** An AWS problem as the editor shows it. */
export interface ProblemNote {
  readonly kind: AwsProblemKind;
  /** CloudWarden's sentence (classifyAwsError's): what happened and the next step. */
  readonly sentence: string;
  readonly command?: string;
  readonly region?: string;
}

/** One answer of CloudTrail to a query, as kept in the cache. */
export interface ActivitySnapshot {
  /** Newest first. */
  readonly events: readonly ActivityEvent[];
  /** The Regions where the page limit stopped the scan before the window's start. */
  readonly truncated: readonly string[];
  readonly problems: readonly ProblemNote[];
  /** When AWS was asked (epoch ms). */
  readonly fetchedAt: number;
  /** Events CloudTrail returned that could not be read (a malformed record), and why. */
  readonly unreadable?: readonly { readonly reason: string }[];
  /** Where the answer came from (absent: LookupEvents, the first source). */
  readonly source?: ActivitySourceKind;
  /** Every event that matches, when the source counts them all (log files): `events` holds the newest. */
  readonly total?: number;
  /** The bytes Athena or CloudTrail Lake scanned for the answer (what it cost). */
  readonly bytesScanned?: number;
}

export type ActivitySourceKind = 'lookupEvents' | 'logFiles' | 'athena' | 'lake';

export interface Glance {
  readonly reference: ResourceReference;
  readonly query: ActivityQuery;
  /** The last answer kept for the query, fresh or stale. */
  readonly answer?: ActivitySnapshot;
  /** Why the last attempt failed (then shown instead of, or beside, an older answer). */
  readonly problems: readonly ProblemNote[];
  /** A fetch of the query is running. */
  readonly loading: boolean;
}
