import type { RuleMeta } from './types';

const TOOL_NAMES: Record<string, string> = {
  accessAnalyzer: 'IAM Access Analyzer',
  parliament: 'Parliament',
  checkov: 'checkov',
  cdkNag: 'cdk-nag',
  cfnLint: 'cfn-lint',
};

/** The Markdown page of a rule (docs/rules/<id>.md is generated from it; a unit test keeps them equal). */
export function renderRuleDoc(meta: RuleMeta): string {
  const equivalents = Object.entries(meta.equivalents)
    .filter(([, ids]) => ids && ids.length > 0)
    .map(([tool, ids]) => `- ${TOOL_NAMES[tool] ?? tool}: ${(ids as string[]).map((id) => `\`${id}\``).join(', ')}`);
  return [
    `# ${meta.id}: ${meta.name}`,
    '',
    `Family: ${meta.family}. Default severity: ${meta.defaultSeverity}.`,
    '',
    '## What it finds',
    meta.docs.what,
    '',
    '## Why it matters',
    meta.docs.why,
    '',
    '## Example',
    '```json',
    meta.docs.example,
    '```',
    '',
    '## How to fix it',
    meta.docs.fix,
    '',
    '## The same check elsewhere',
    ...(equivalents.length > 0 ? equivalents : ['None known.']),
    '',
    '## Configure',
    `Change the severity or turn the rule off with the \`cloudwarden.rules\` setting: \`{ "${meta.id}": "off" }\`.`,
    '',
  ].join('\n');
}
