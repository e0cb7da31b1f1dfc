/**
 * What a source of evidence says about one principal's use of its permissions, in one shape whatever the
 * source: CloudTrail (through any activity source), IAM last-accessed data, Access Analyzer's unused-access
 * findings. The merge (merge.ts) turns several of these into one answer per action.
 */

/** The kinds of evidence, in the order a message lists them. */
type EvidenceKind = 'cloudtrail' | 'lastAccessed' | 'accessAnalyzer';

/** One action seen used (or, for Access Analyzer, last used before it was found unused). */
interface UsedAction {
  /** The IAM action, `service:Name` in the catalog's casing when known. */
  readonly action: string;
  /** Epoch ms of the latest use the source knows. */
  readonly last: number;
  /** Calls counted (CloudTrail only). */
  readonly count?: number;
  /** The Region of the latest use, when the source says. */
  readonly region?: string;
}

/** An action the principal called and was refused (CloudTrail's AccessDenied and its kin). */
export interface DeniedAction {
  readonly action: string;
  readonly count: number;
  /** Epoch ms of the latest refusal. */
  readonly last: number;
}

/** One service as IAM last-accessed data reports it. */
export interface ServiceAccess {
  /** The service prefix (`s3`). */
  readonly service: string;
  /** Epoch ms of the last authenticated use; undefined when none in the tracking period. */
  readonly last?: number;
  /**
   * Per action, for the services IAM tracks at action level (ACTION_LEVEL): every tracked action of the
   * service is listed, with `last` undefined when unused. Undefined at service level.
   */
  readonly actions?: readonly { readonly action: string; readonly last?: number }[];
}

/** An Access Analyzer unused-access finding about the principal. */
export type AnalyzerFinding =
  | { readonly type: 'UnusedIAMRole'; readonly id: string; readonly lastAccessed?: number }
  | {
      readonly type: 'UnusedPermission';
      readonly id: string;
      readonly service: string;
      /** When the service was last used, if ever. */
      readonly lastAccessed?: number;
      /** Unused actions of the service; empty when the finding is about the whole service. */
      readonly actions: readonly { readonly action: string; readonly lastAccessed?: number }[];
    }
  | {
      readonly type: 'UnusedIAMUserAccessKey' | 'UnusedIAMUserPassword';
      readonly id: string;
      readonly lastAccessed?: number;
    };

/** What asking AWS for a piece of evidence cost: shown with it, so a workspace's calls are never hidden. */
export interface EvidenceCost {
  /** The requests CloudWarden sent (polls and pages included; the SDK's own retries of a failed one not). */
  readonly calls: number;
  /** Athena and Lake: the bytes the query scanned (what both bill) and how long it ran, ms. */
  readonly bytesScanned?: number;
  readonly queryMs?: number;
}

interface EvidenceBase {
  /** What the user reads: `CloudTrail log files`, `IAM last-accessed data`. */
  readonly label: string;
  /** The time the evidence covers, epoch ms: nothing outside it is known. */
  readonly window: { readonly since: number; readonly until: number };
  /** When it was fetched or computed, epoch ms. */
  readonly fetchedAt: number;
  /** The AWS calls it took; absent for evidence read without AWS (log files on disk). */
  readonly cost?: EvidenceCost;
}

/** CloudTrail, from whichever activity source answered. */
export interface CloudTrailEvidence extends EvidenceBase {
  readonly kind: 'cloudtrail';
  /** The Regions covered; undefined when every Region the trail logs is (log files, Athena, Lake). */
  readonly regions?: readonly string[];
  /** Whether the source can hold data events at all (LookupEvents cannot). */
  readonly dataEvents: boolean;
  /**
   * The services (IAM prefixes) of which the source holds data events from anyone in the window: a trail
   * that logged none of a service's data events proves nothing about them.
   */
  readonly dataEventServices: readonly string[];
  readonly used: readonly UsedAction[];
  readonly denied: readonly DeniedAction[];
  /** Why the source was not read to the window's start (a page budget), said beside the window it covers. */
  readonly cut?: string;
}

/** IAM's last-accessed data (GenerateServiceLastAccessedDetails). */
export interface LastAccessedEvidence extends EvidenceBase {
  readonly kind: 'lastAccessed';
  readonly services: readonly ServiceAccess[];
}

/** Access Analyzer's unused-access analyzer. */
export interface AnalyzerEvidence extends EvidenceBase {
  readonly kind: 'accessAnalyzer';
  /** The analyzer's unused-access age in days: a finding means unused for at least this long. */
  readonly unusedAccessAgeDays: number;
  readonly findings: readonly AnalyzerFinding[];
  /** The analyzer the findings are of, and its Region (asked again for a finding's recommendation). */
  readonly analyzer?: { readonly arn: string; readonly region: string };
}

export type Evidence = CloudTrailEvidence | LastAccessedEvidence | AnalyzerEvidence;

/** A source that could not answer: said beside the answer, which the other sources still give. */
export interface MissingEvidence {
  readonly kind: EvidenceKind;
  readonly label: string;
  /** One sentence: why (access denied, no analyzer in the account, not configured). */
  readonly reason: string;
}

/** Everything known about one principal's use of its permissions. */
export interface PrincipalEvidence {
  /** The principal's ARN (a role's, for its sessions). */
  readonly principal: string;
  readonly evidence: readonly Evidence[];
  readonly missing: readonly MissingEvidence[];
}
