/**
 * A key policy or a secret's resource policy as the explorer shows it: the text pretty-printed, and
 * CloudWarden's own findings on it (the same rules as in the editor), each with its line, to list beside
 * the policy.
 */
import type { Catalog } from '../catalog';
import { lintText } from '../lint';
import { LineIndex } from '../text/lines';

export interface PolicyReviewFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
  /** 1-based line in `text`. */
  readonly line: number;
}

export interface PolicyReview {
  /** The policy as shown: AWS's JSON string, indented. */
  readonly text: string;
  readonly findings: readonly PolicyReviewFinding[];
}

/** The policy AWS returned (a JSON string), indented, with CloudWarden's findings on it. */
export function reviewPolicy(policy: string, catalog: Catalog): PolicyReview {
  const text = indented(policy);
  const lines = new LineIndex(text);
  const findings = lintText(text, 'json', catalog).findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    line: lines.positionAt(f.span.start).line + 1,
  }));
  return { text, findings };
}

/** Two-space indentation so a finding's line means something; text that is not JSON is kept as sent. */
function indented(policy: string): string {
  try {
    return `${JSON.stringify(JSON.parse(policy), null, 2)}\n`;
  } catch {
    return policy;
  }
}
