import type { Span } from '../policy/model';
import type { Finding, Severity } from '../rules/types';

/** A problem in a project file, at the exact key or value; the file is still used as far as it can be read. */
export interface ConfigProblem {
  readonly message: string;
  readonly span: Span;
  readonly severity: 'error' | 'warning';
}

/** One `suppressions:` entry of `.cloudwarden.yaml`: findings of these rules in files matching `path`. */
export interface ProjectSuppression {
  readonly path: string;
  readonly rules: readonly string[];
  /** Undefined when the entry has none (a problem is reported, the entry still applies). */
  readonly reason?: string;
  /** When set, only findings whose element's text equals it (an action, a resource ARN). */
  readonly match?: string;
  /** The entry's span in the project file, for messages ("line 12"). */
  readonly span: Span;
}

/** One `principals:` entry: the deployed role or user the identity policies of these files belong to. */
export interface ProjectPrincipal {
  /** A glob of the files, relative to the project file's folder; absent: every file. */
  readonly files?: string;
  /** A resource's logical id, a construct id, or a part of the policy's path; absent: every policy. */
  readonly resource?: string;
  /** The role's or user's ARN. */
  readonly principal: string;
  readonly span: Span;
}

/** One `stacks:` entry: the CloudFormation stack these templates are deployed as. */
export interface ProjectStack {
  /** A glob of the templates, relative to the project file's folder; absent: every file. */
  readonly files?: string;
  /** The stack's name (or id). */
  readonly stack: string;
  /** Its Region; absent: the profile's (or the first of `cloudwarden.aws.regions`). */
  readonly region?: string;
  readonly span: Span;
}

/** `.cloudwarden.yaml` as read: every part optional, defaults empty. */
export interface ProjectConfig {
  readonly rules: Readonly<Record<string, Severity | 'off'>>;
  readonly ignore: readonly string[];
  readonly suppressions: readonly ProjectSuppression[];
  readonly principals: readonly ProjectPrincipal[];
  readonly stacks: readonly ProjectStack[];
}

/**
 * A project-file suppression that applies to the file being linted (its `path` matched); `origin` says
 * where it is written, e.g. `.cloudwarden.yaml:12`.
 */
export interface ExternalSuppression {
  readonly rules: readonly string[];
  readonly reason?: string;
  readonly match?: string;
  readonly origin: string;
}

/** Where the suppression that silenced a finding is written. */
type SuppressionKind = 'comment' | 'metadata' | 'project';

export interface SuppressedFinding {
  readonly finding: Finding;
  /** The reason given with the suppression; undefined when it gave none. */
  readonly reason: string | undefined;
  readonly kind: SuppressionKind;
  /** The comment or Metadata entry in this file (kinds `comment` and `metadata`). */
  readonly span?: Span;
  /** The project file and line (kind `project`). */
  readonly origin?: string;
}

/**
 * Per-rule settings: a severity, or 'off'. Rules not named keep their default severity. Callers merge
 * the sources (defaults < editor settings < project file, see docs/architecture.md) before calling.
 */
export interface LintConfig {
  readonly rules?: Readonly<Record<string, Severity | 'off'>>;
  /** The project file's suppressions whose path matches this file (see config/resolve.ts). */
  readonly suppressions?: readonly ExternalSuppression[];
}
