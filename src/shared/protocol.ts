/**
 * The typed messages between the VS Code client and the language server, beyond standard LSP. One file
 * shared by both sides; each message is one `RequestType`/`NotificationType` of the protocol library
 * (vscode-jsonrpc, which both sides' libraries are built on), so a changed parameter or result type fails
 * the build on both sides.
 */

import { NotificationType, RequestType } from 'vscode-jsonrpc';
import type {
  AccessLevel,
  ActivityEvent,
  ActivitySourceKind,
  AwsProblemKind,
  ExplorerReveal,
  FindingRow,
  Investigation,
  KeyRow,
  PolicyLanguage,
  PolicyReview,
  SecretRow,
  SeverityCounts,
  UnusedReport,
} from '../core';

/** Summary of the IAM catalog, or why it could not be loaded. */
export namespace CatalogInfoRequest {
  export const method = 'cloudwarden/catalogInfo';
  export type Params = Record<string, never>;
  export type Result =
    | { ok: true; dataDate: string; sourceVersion: string; services: number; actions: number }
    | { ok: false; message: string };
  export const type = new RequestType<Params, Result, void>(method);
}

/** One action as the browse list shows it. */
export interface ActionItem {
  /** `service:Name` in canonical casing. */
  action: string;
  serviceName: string;
  accessLevel: AccessLevel;
  description: string;
}

/** Actions matching free text or an IAM wildcard pattern, best first. */
export namespace SearchActionsRequest {
  export const method = 'cloudwarden/searchActions';
  export interface Params {
    query: string;
    limit?: number;
  }
  export interface Result {
    items: ActionItem[];
    /** How many actions matched in all, before the limit. */
    total: number;
    /** Did-you-mean replacements when nothing matched. */
    suggestions: string[];
    /** Set when the catalog is unavailable. */
    error?: string;
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/** Full documentation of one action, as Markdown, with its Service Authorization Reference page. */
export namespace ActionDetailsRequest {
  export const method = 'cloudwarden/actionDetails';
  export interface Params {
    action: string;
  }
  export type Result = { markdown: string; docsUrl: string } | null;
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * What the server could not do for one open document, after each lint: the parts it could not analyse,
 * the rules that failed on it, and whether it is linted as you type. The client's language status item
 * shows it; nothing here is a finding (those are diagnostics).
 */
export namespace DocumentStatusNotification {
  export const method = 'cloudwarden/documentStatus';
  export interface Params {
    uri: string;
    notAnalysed: { reason: string; line?: number }[];
    /** Rules that threw on the document: `rule-id: message`. */
    internalErrors: string[];
    /** Set when the document is too large to lint as you type: linted when opened and saved. */
    onSaveOnly?: { characters: number; limit: number };
  }
  export const type = new NotificationType<Params>(method);
}

/** An AWS failure as the UI shows it: one sentence, and the command that fixes it when there is one. */
export interface AwsProblemInfo {
  kind: AwsProblemKind;
  sentence: string;
  command?: string;
  region?: string;
}

/**
 * Who CloudWarden is towards AWS, for the status bar: `off` when no AWS configuration is found (no
 * profile set, no AWS_PROFILE, no default profile, no credentials in the environment: nothing is called
 * and nothing nags), else the caller's account and ARN (STS GetCallerIdentity) or why that failed.
 */
export namespace AwsStatusRequest {
  export const method = 'cloudwarden/awsStatus';
  export type Params = Record<string, never>;
  export type Result =
    | { state: 'off'; reason: string }
    | { state: 'connected'; profile?: string; account: string; arn: string; regions: string[] }
    | { state: 'problem'; profile?: string; regions: string[]; problem: AwsProblemInfo };
  export const type = new RequestType<Params, Result, void>(method);
}

/** The profiles of the shared config and credentials files (a line scan: thousands list at once). */
export namespace AwsProfilesRequest {
  export const method = 'cloudwarden/awsProfiles';
  export type Params = Record<string, never>;
  export interface Result {
    profiles: string[];
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/** What a person asks of CloudTrail; times are epoch milliseconds. */
export interface ActivityQueryParams {
  resource?: string;
  principal?: string;
  accessKeyId?: string;
  eventId?: string;
  eventName?: string;
  action?: string;
  sourceIp?: string;
  errorsOnly?: boolean;
  since: number;
  until?: number;
}

/**
 * CloudTrail events for a resource, principal or access key, newest first, through the server's gateway
 * and cache. `stale` when the answer is a cached one being refreshed.
 */
export namespace ActivityRequest {
  export const method = 'cloudwarden/activity';
  export interface Params {
    query: ActivityQueryParams;
    /** Pages of 50 per Region at most. */
    maxPages?: number;
    /** Skip the cache (the timeline's refresh button). */
    fresh?: boolean;
  }
  export interface Result {
    events: ActivityEvent[];
    /** Events (LookupEvents: by Region and id) and log files (by path) that could not be read in full. */
    unreadable: { region?: string; file?: string; eventId?: string; reason: string }[];
    problems: AwsProblemInfo[];
    /** Regions where maxPages stopped the scan. */
    truncated: string[];
    /** When AWS was asked (epoch ms). */
    fetchedAt: number;
    stale: boolean;
    /** Where the events came from (absent: LookupEvents). */
    source?: ActivitySourceKind;
    /** Every event that matches (log files count them all); `events` holds the newest. */
    total?: number;
    /** What Athena or CloudTrail Lake scanned for the answer. */
    bytesScanned?: number;
    /** Every matching event counted by day (UTC), when `events` holds only the newest (log files). */
    days?: { day: string; count: number }[];
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/** The AWS resource a document references at a position (for commands run from the editor). */
export namespace ReferenceAtRequest {
  export const method = 'cloudwarden/referenceAt';
  export interface Params {
    uri: string;
    position: { line: number; character: number };
  }
  export type Result = {
    text: string;
    name?: string;
    arn?: string;
    resourceType?: string;
    /** What to ask CloudTrail for: `resource` (ResourceName) or `principal` (a user's calls). */
    query: { resource?: string; principal?: string };
    /** Where the security explorer shows it. */
    reveal: ExplorerReveal;
  } | null;
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * The indexing of the log folders (`cloudwarden.activity.logFolders`), from the server: `begin` opens a
 * progress notification with Cancel, `report` moves it, `end` closes it with what was done. One `id` per
 * run; a run the settings replace ends before the next begins.
 */
export namespace LogIndexProgressNotification {
  export const method = 'cloudwarden/logIndexProgress';
  export interface Params {
    id: number;
    state: 'begin' | 'report' | 'end';
    /** Files read so far of those to read in this run (new or changed files only). */
    files: number;
    totalFiles: number;
    /** Events indexed so far in this run. */
    events: number;
    /** At `end`: what happened, in one sentence (indexed, cancelled, failed and why). */
    message?: string;
  }
  export const type = new NotificationType<Params>(method);
}

/** Cancel a log indexing run (the progress notification's Cancel): what was indexed is kept, the rest resumes later. */
export namespace CancelLogIndexNotification {
  export const method = 'cloudwarden/cancelLogIndex';
  export interface Params {
    id: number;
  }
  export const type = new NotificationType<Params>(method);
}

/** Index the log folders now (new and changed files only), e.g. after a cancelled run. */
export namespace IndexLogFilesRequest {
  export const method = 'cloudwarden/indexLogFiles';
  export type Params = Record<string, never>;
  /** What was done, in one sentence; `ok` false when there is nothing to index or it failed. */
  export type Result = { ok: boolean; message: string };
  export const type = new RequestType<Params, Result, void>(method);
}

/** The `CREATE EXTERNAL TABLE` of AWS's CloudTrail table with partition projection, for a trail's bucket. */
export namespace AthenaTableRequest {
  export const method = 'cloudwarden/athenaTable';
  export interface Params {
    bucket: string;
    /** The trail's key prefix, without slashes at either end. */
    prefix?: string;
    /** An organisation trail's organisation id (o-...). */
    organizationId?: string;
    accounts: string[];
    regions: string[];
    /** The first day projected: yyyy/MM/dd. */
    startDate: string;
    database: string;
    table: string;
  }
  export type Result = { ok: true; ddl: string } | { ok: false; reason: string };
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * The workspace's unused-permissions report over the files the client found (policy sources that may be
 * mapped to a principal): the report, its Markdown, and the files not read (too large, unreadable).
 */
export namespace UnusedReportRequest {
  export const method = 'cloudwarden/unusedReport';
  export interface Params {
    uris: string[];
  }
  export interface Result {
    report: UnusedReport;
    markdown: string;
    skipped: { uri: string; reason: string }[];
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * A least-privilege policy from a principal's CloudTrail activity in the last `days` days, written in
 * `format`, from the configured activity source (the log index, Athena, Lake, LookupEvents). `text` is
 * empty when there is nothing to grant; `problems` says what the policy leaves out and what the source
 * could not read.
 */
export namespace GeneratePolicyRequest {
  export const method = 'cloudwarden/generatePolicy';
  export interface Params {
    /** A role's or user's ARN. */
    principal: string;
    days: number;
    format: PolicyLanguage;
  }
  export interface Result {
    text: string;
    /** The VS Code language of `text`: the format asked. */
    language: PolicyLanguage;
    /** Statements in `text`. */
    statements: number;
    /** What the policy rests on, in one sentence. */
    evidence: string;
    problems: string[];
    /** Actions the principal used that the policy does not grant (each is said in `problems`). */
    leftOut: string[];
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * The principals a policy can be generated for: the `principals` of the project files (`.cloudwarden.yaml`
 * of the workspace folders and of `uri`'s folder) and the roles and users seen in the log files.
 */
export namespace PolicyPrincipalsRequest {
  export const method = 'cloudwarden/policyPrincipals';
  export interface Params {
    /** The active document, whose nearest project file is read too. */
    uri?: string;
  }
  export interface Result {
    /** Each principal once, with where it was found (`.cloudwarden.yaml:3`, `CloudTrail log files: 23 actions`). */
    principals: { principal: string; from: string }[];
    problems: string[];
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/** A deployed principal a policy may belong to, and the evidence for it (`RoleName at template.yaml:14, ...`). */
interface PrincipalCandidate {
  principal: string;
  evidence: string;
}

/**
 * The identity policy at a position, its principal now, and the principals its evidence offers (the
 * command that sets a policy's principal); `passed` says why other evidence gave none.
 */
export namespace PolicyPrincipalRequest {
  export const method = 'cloudwarden/policyPrincipal';
  export interface Params {
    uri: string;
    position: { line: number; character: number };
  }
  export type Result =
    | {
        ok: true;
        /** The policy, as the CodeLens names it (`Resources.AppRole.Properties.Policies[0].PolicyDocument`). */
        policy: string;
        current?: PrincipalCandidate;
        candidates: PrincipalCandidate[];
        passed: string[];
        /** The project file the principal is written to (created when missing). */
        projectFile: string;
      }
    | { ok: false; reason: string };
  export const type = new RequestType<Params, Result, void>(method);
}

/** Write (or correct) the `principals` entry of the policy at a position in `.cloudwarden.yaml`. */
export namespace SetPolicyPrincipalRequest {
  export const method = 'cloudwarden/setPolicyPrincipal';
  export interface Params {
    uri: string;
    position: { line: number; character: number };
    principal: string;
  }
  export type Result = { ok: true; projectFile: string; created: boolean } | { ok: false; reason: string };
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * IAM Access Analyzer's recommendation for a principal's unused permissions (GenerateFindingRecommendation,
 * then GetFindingRecommendation until it ends), as Markdown; asked only when the user asks for it.
 */
export namespace AnalyzerRecommendationRequest {
  export const method = 'cloudwarden/analyzerRecommendation';
  export interface Params {
    principal: string;
  }
  export type Result = { ok: true; markdown: string; steps: number } | { ok: false; reason: string };
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * One Region's part of a security explorer tab: its rows, or why it has none. A Region that fails does
 * not fail the others: the client asks each Region on its own and shows each answer as it comes.
 */
export interface ExplorerRegionResult<Row> {
  region: string;
  rows: Row[];
  /** Why the Region could not be read (access denied, no credentials, the Region unreachable). */
  problem?: AwsProblemInfo;
  /** What is not a failure but explains an empty list: GuardDuty not enabled, Security Hub not subscribed. */
  notices: string[];
  /** More rows than the explorer reads (10,000 findings a Region) matched; the newest were read. */
  truncated: boolean;
  /** AWS requests sent for this answer (0 when it came from the cache). */
  calls: number;
  /** When AWS was asked (epoch ms): a cached answer keeps its time. */
  fetchedAt: number;
}

/** The security explorer's KMS keys of one Region, from the server's cache unless `fresh`. */
export namespace ExplorerKeysRequest {
  export const method = 'cloudwarden/explorerKeys';
  export interface Params {
    region: string;
    fresh?: boolean;
  }
  export type Result = ExplorerRegionResult<KeyRow>;
  export const type = new RequestType<Params, Result, void>(method);
}

/** The security explorer's Secrets Manager secrets of one Region (metadata only, never a value). */
export namespace ExplorerSecretsRequest {
  export const method = 'cloudwarden/explorerSecrets';
  export interface Params {
    region: string;
    fresh?: boolean;
  }
  export type Result = ExplorerRegionResult<SecretRow>;
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * The security explorer's findings of one Region: GuardDuty's and Security Hub's in one list. Either
 * service may fail or be off while the other answers; `counts` are GuardDuty's own counts of its findings
 * not archived (not limited to the rows read), absent when GuardDuty could not be read.
 */
export namespace ExplorerFindingsRequest {
  export const method = 'cloudwarden/explorerFindings';
  export interface Params {
    region: string;
    fresh?: boolean;
  }
  export type Result = ExplorerRegionResult<FindingRow> & {
    counts?: SeverityCounts;
    /** Each service's own problem, when one failed and the other did not (both failed: `problem`). */
    serviceProblems: AwsProblemInfo[];
  };
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * A KMS key's policy or a secret's resource policy, read on demand and linted by CloudWarden's rules.
 * `none`: the secret has no resource policy (said as a sentence).
 */
export namespace ExplorerPolicyRequest {
  export const method = 'cloudwarden/explorerPolicy';
  export interface Params {
    kind: 'key' | 'secret';
    /** The key's or the secret's ARN. */
    arn: string;
    region: string;
  }
  export type Result =
    | { state: 'policy'; review: PolicyReview }
    | { state: 'none'; sentence: string }
    | { state: 'failed'; problem: AwsProblemInfo };
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * Where the workspace's files reference a resource of the explorer: `names` are the ARNs, ids, aliases
 * and names it goes by (a key's id, ARN and aliases; a secret's name and ARN; a finding's role or user).
 * The server reads each file and matches the references it finds (the same readers as the hover's) and
 * the names written as string literals.
 */
export namespace ExplorerCodeRequest {
  export const method = 'cloudwarden/explorerCode';
  export interface Params {
    uris: string[];
    names: string[];
  }
  export interface Match {
    uri: string;
    /** 0-based, as LSP positions. */
    line: number;
    character: number;
    length: number;
    /** Which of `names` it matched. */
    name: string;
    /** The line's text, trimmed to 200 characters. */
    preview: string;
  }
  export interface Result {
    matches: Match[];
    /** Files not read (too large, unreadable), with why. */
    skipped: { uri: string; reason: string }[];
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/** What an investigation is about (core's Subject, as JSON). */
export type InvestigationSubject =
  { kind: 'principal' | 'resource' | 'accessKey' | 'ip' | 'event'; value: string } | { kind: 'window' };

/**
 * An investigation's report: the subject's CloudTrail events from the activity source the settings choose,
 * every detection run over them, related GuardDuty and Security Hub findings, and the report built in the
 * core with its Markdown. `problem` instead when the request itself cannot be answered.
 */
export namespace InvestigateRequest {
  export const method = 'cloudwarden/investigate';
  export interface Params {
    subject: InvestigationSubject;
    /** Epoch ms (an event id is looked up over everything the source keeps, whatever the window). */
    since: number;
    until?: number;
    /** Ask the source again rather than the cache. */
    fresh?: boolean;
  }
  export type Result = { report: Investigation; markdown: string } | { problem: string };
  export const type = new RequestType<Params, Result, void>(method);
}
