import type { Catalog } from '../catalog/catalog';
import type { PolicyDocument, PolicySource, Span } from '../policy/model';

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/**
 * The lower of a rule's configured severity and a report's own cap: a report may only lower what the
 * user (or the rule's default) set, never raise it, so `"warning"` in the settings keeps every finding
 * of the rule at most a warning.
 */
export function atMost(configured: Severity, cap: Severity | undefined): Severity {
  return cap !== undefined && SEVERITIES.indexOf(cap) > SEVERITIES.indexOf(configured) ? cap : configured;
}

/** A replacement of the text in `span` (an insertion when the span is empty). */
export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
  /**
   * The text is written in the syntax of the construct itself (a Terraform `condition {}` block, a CDK
   * `conditions:` prop), not as IAM JSON: right in a document whose keys are not IAM names (`construct`).
   */
  readonly native?: boolean;
}

/** A fix a user can apply: one or more non-overlapping edits, as data. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The fix most users want (VS Code's "preferred" quick fix, applied by auto-fix). */
  readonly preferred?: boolean;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly fixes: readonly Fix[];
}

/** The same rule as other tools name it, for users who know those tools and for our agreement figures. */
interface Equivalents {
  readonly accessAnalyzer?: readonly string[];
  readonly parliament?: readonly string[];
  readonly checkov?: readonly string[];
  readonly cdkNag?: readonly string[];
  readonly cfnLint?: readonly string[];
}

type RuleFamily = 'validity' | 'least-privilege' | 'trust-and-resource' | 'hygiene';

export interface RuleMeta {
  /** Stable id: never renamed once released (settings and suppressions name it). */
  readonly id: string;
  /** A short name for lists. */
  readonly name: string;
  readonly family: RuleFamily;
  readonly defaultSeverity: Severity;
  readonly equivalents: Equivalents;
  /** The documentation page, in Markdown parts (rendered to docs/rules/<id>.md). */
  readonly docs: {
    readonly what: string;
    readonly why: string;
    readonly example: string;
    readonly fix: string;
  };
}

/** What a rule reports: where, what, and the fixes (dropped for documents with coarse spans). */
export interface Report {
  readonly span: Span;
  readonly message: string;
  readonly fixes?: readonly Fix[];
  /**
   * At most this severity, for a finding that weighs less than the rule's worst case (a Read action on
   * `"*"`, a privilege escalation that does not reach administrator). The configured severity stays the
   * ceiling: the finding gets the lower of the two (atMost). The message says why it is lower.
   */
  readonly severity?: Severity;
}

/** What a rule sees while it checks one document. */
export interface RuleContext {
  readonly catalog: Catalog;
  readonly text: string;
  readonly source: PolicySource;
  report(finding: Report): void;
}

/** What a rule sees while it checks a whole file once. */
export interface SourceContext {
  readonly catalog: Catalog;
  readonly text: string;
  /** `document` says which document the finding is in, so that its fixes are dropped when its spans are coarse. */
  report(finding: Report, document?: PolicyDocument): void;
}

/**
 * A rule checks each document (`check`), or the whole file once (`checkSource`): rules that combine
 * documents (all the policies of one principal) or read a template beyond its policies.
 */
export interface Rule {
  readonly meta: RuleMeta;
  check?(document: PolicyDocument, ctx: RuleContext): void;
  checkSource?(source: PolicySource, ctx: SourceContext): void;
}
