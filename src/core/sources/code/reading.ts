import type {
  ManagedPolicyAttachment,
  NotAnalysed,
  ParseProblem,
  PolicyDocument,
  PolicyKind,
  Span,
  TemplateResource,
} from '../../policy/model';

/** What a reader of code found: the policies, problems reading them, and attached AWS managed policies. */
export interface CodeReading {
  readonly documents: readonly PolicyDocument[];
  /** Problems about policies only (a heredoc's JSON that does not parse...): the language's own tools report its syntax errors. */
  readonly problems: readonly ParseProblem[];
  /** Managed policies attached to principals (`ManagedPolicy.fromAwsManagedPolicyName`, `aws_iam_role_policy_attachment`). */
  readonly managedPolicies: readonly ManagedPolicyAttachment[];
  /**
   * Policies kept in other files of the workspace (Terraform `file("${path.module}/policy.json")`,
   * `templatefile(...)`): the reader is pure and does not open them; a caller that can may read each
   * one as a policy with this kind and appliesTo.
   */
  readonly externalDocuments?: readonly ExternalDocument[];
  /** Resources the template rules judge, in CloudFormation's shape (Terraform `aws_lambda_permission`). */
  readonly resources?: readonly TemplateResource[];
  /** What the reader saw and could not analyse (a dynamic block over unknown values, code that does not parse). */
  readonly notAnalysed?: readonly NotAnalysed[];
}

export interface ExternalDocument {
  /** The file, relative to the folder of the file read (`policies/deploy.json`). */
  readonly path: string;
  /** Where it is named: the `file(...)` call. */
  readonly span: Span;
  /** Whether it is read with `templatefile`: `${...}` in it are then interpolations. */
  readonly template: boolean;
  readonly kind: PolicyKind;
  /** Where it is used, in words (`aws_iam_policy.deploy.policy`). */
  readonly usedAt: string;
  readonly appliesTo?: readonly string[];
  readonly resourceService?: string;
}
