import type { ManagedPolicyAttachment, ParseProblem, PolicyDocument } from '../../policy/model';

/** What a reader of code found: the policies, problems reading them, and attached AWS managed policies. */
export interface CodeReading {
  readonly documents: readonly PolicyDocument[];
  /** Problems about policies only (a heredoc's JSON that does not parse...): the language's own tools report its syntax errors. */
  readonly problems: readonly ParseProblem[];
  /** Managed policies attached to principals (`ManagedPolicy.fromAwsManagedPolicyName`, `aws_iam_role_policy_attachment`). */
  readonly managedPolicies: readonly ManagedPolicyAttachment[];
}
