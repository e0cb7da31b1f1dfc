/**
 * One finding row for GuardDuty's findings and Security Hub's, so the explorer lists, filters and sorts
 * both alike. Plain data: the adapters (src/aws) fill it from each service's answer.
 */

/** Where a finding comes from: GuardDuty itself, or Security Hub (whose product may be GuardDuty too). */
export type FindingSource = 'GuardDuty' | 'Security Hub';

/** Security Hub's labels; GuardDuty's severities (1 to 10) fall in the same bands. */
export type SeverityLabel = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** What a finding is about: its type as the service says it (`AccessKey`, `AwsS3Bucket`) and its id or ARN. */
export interface FindingResource {
  readonly type: string;
  readonly id: string;
}

/** What was seen happening: an API call, a network connection, a DNS query, a probe of ports. */
export type FindingActivity =
  | {
      readonly kind: 'apiCall';
      readonly api: string;
      readonly service?: string;
      readonly remoteIp?: string;
      readonly country?: string;
      readonly userAgent?: string;
    }
  | {
      readonly kind: 'network';
      readonly direction?: string;
      readonly protocol?: string;
      readonly localPort?: number;
      readonly remoteIp?: string;
      readonly remotePort?: number;
      readonly blocked?: boolean;
    }
  | { readonly kind: 'dns'; readonly domain: string; readonly blocked?: boolean }
  | { readonly kind: 'portProbe'; readonly localPorts: readonly number[]; readonly remoteIps: readonly string[] };

export interface FindingRow {
  readonly id: string;
  readonly source: FindingSource;
  /** The product that found it: `GuardDuty`, or Security Hub's ProductName (`Inspector`, `Macie`, …). */
  readonly product: string;
  readonly severityLabel: SeverityLabel;
  /** On GuardDuty's scale, 0 to 10 (Security Hub's normalized 0 to 100, divided by ten). */
  readonly severity: number;
  /** GuardDuty's finding type, or Security Hub's first `Types` entry. */
  readonly type: string;
  readonly title: string;
  readonly description: string;
  /** The first is the finding's main resource; never empty. */
  readonly resources: readonly FindingResource[];
  /** The IAM user or role the finding names (a name or an ARN), when it names one. */
  readonly principal?: string;
  readonly account: string;
  readonly region: string;
  /** Epoch ms. */
  readonly firstSeen?: number;
  readonly lastSeen?: number;
  readonly updatedAt: number;
  /** How many times GuardDuty saw it (1 for Security Hub). */
  readonly count: number;
  /** GuardDuty's `service.archived`; Security Hub's RecordState ARCHIVED. */
  readonly archived: boolean;
  /** Security Hub's workflow status (NEW, NOTIFIED, RESOLVED, SUPPRESSED). */
  readonly workflow?: string;
  /** Security Hub's compliance status (PASSED, WARNING, FAILED, NOT_AVAILABLE), where the product checks one. */
  readonly compliance?: string;
  /** A standard's control id (`CloudTrail.1`), for Security Hub's control findings. */
  readonly control?: string;
  readonly activity: readonly FindingActivity[];
  readonly arn?: string;
}
