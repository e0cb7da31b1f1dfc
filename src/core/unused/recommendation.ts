/**
 * IAM Access Analyzer's recommendation for a principal's unused permissions, written for a person to read
 * beside the code: per policy of the principal, detach it, or replace it with the smaller policy Access
 * Analyzer wrote. Pure.
 */

/** One step as Access Analyzer gives it (src/aws/findingRecommendation.ts reads them). */
interface RecommendationStep {
  readonly action: 'CREATE_POLICY' | 'DETACH_POLICY';
  /** An inline policy's name or a managed policy's ARN. */
  readonly existingPolicyId?: string;
  /** CREATE_POLICY: the policy to use instead, JSON text. */
  readonly recommendedPolicy?: string;
}

export interface FindingRecommendation {
  readonly findingId: string;
  /** The finding's unused services, for the heading. */
  readonly services: readonly string[];
  readonly steps?: readonly RecommendationStep[];
  /** Why Access Analyzer gave no steps for this finding. */
  readonly problem?: string;
}

/** The recommendations of a principal's findings as one Markdown document. */
export function recommendationMarkdown(
  principal: string,
  findings: readonly FindingRecommendation[],
  o: { readonly now: number; readonly analyzerArn: string },
): string {
  const lines = [
    `# IAM Access Analyzer's recommendation for \`${principal}\``,
    '',
    `From the unused-access analyzer \`${o.analyzerArn}\`, asked on ${new Date(o.now).toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    'Compare each step with the policy in your code before you change it: Access Analyzer knows the deployed policies, not your source.',
  ];
  for (const finding of findings) {
    const about = finding.services.length > 0 ? ` (unused: ${finding.services.join(', ')})` : '';
    lines.push('', `## Finding \`${finding.findingId}\`${about}`);
    if (finding.problem !== undefined) {
      lines.push('', `No recommendation: ${finding.problem}`);
      continue;
    }
    const steps = finding.steps ?? [];
    if (steps.length === 0) lines.push('', 'Access Analyzer recommends no change.');
    for (const step of steps) {
      const policy = step.existingPolicyId === undefined ? 'a policy' : `\`${step.existingPolicyId}\``;
      if (step.action === 'DETACH_POLICY') {
        lines.push('', `- Detach ${policy}: nothing it grants was used.`);
        continue;
      }
      lines.push('', `- Replace ${policy} with:`, '', '```json', pretty(step.recommendedPolicy ?? '{}'), '```');
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The policy as indented JSON; a text that is not JSON as it came. */
function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
