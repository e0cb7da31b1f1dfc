/**
 * A generated policy written in the four languages policies live in: a JSON policy document, a
 * CloudFormation `PolicyDocument` (YAML), a CDK `iam.PolicyDocument` (TypeScript) and a Terraform
 * `aws_iam_policy_document` data source. Each is read back by the sources as the same statements.
 */
import type { GeneratedStatement } from './generatePolicy';

export type PolicyLanguage = 'json' | 'yaml' | 'typescript' | 'terraform';

export interface RenderOptions {
  /** What the policy is named after (a principal's name): the CDK constant and the Terraform label. */
  readonly name: string;
  /** Lines written as comments at the top, where the language has comments (JSON has none). */
  readonly notes?: readonly string[];
}

/** Lists longer than this on one line are written one item a line. */
const LINE = 100;

export function renderPolicy(
  statements: readonly GeneratedStatement[],
  language: PolicyLanguage,
  options: RenderOptions,
): string {
  const notes = options.notes ?? [];
  switch (language) {
    case 'json':
      return renderJson(statements);
    case 'yaml':
      return comments('#', notes) + renderYaml(statements);
    case 'typescript':
      return comments('//', notes) + renderCdk(statements, options.name);
    case 'terraform':
      return comments('#', notes) + renderTerraform(statements, options.name);
  }
}

function renderJson(statements: readonly GeneratedStatement[]): string {
  const Statement = statements.map((s) => ({ Sid: s.sid, Effect: 'Allow', Action: s.actions, Resource: s.resources }));
  return `${JSON.stringify({ Version: '2012-10-17', Statement }, null, 2)}\n`;
}

function renderYaml(statements: readonly GeneratedStatement[]): string {
  const lines = ['PolicyDocument:', "  Version: '2012-10-17'", '  Statement:'];
  for (const s of statements) {
    lines.push(`    - Sid: ${yamlScalar(s.sid)}`, '      Effect: Allow', '      Action:');
    lines.push(...s.actions.map((a) => `        - ${yamlScalar(a)}`), '      Resource:');
    lines.push(...s.resources.map((r) => `        - ${yamlScalar(r)}`));
  }
  return `${lines.join('\n')}\n`;
}

function renderCdk(statements: readonly GeneratedStatement[], name: string): string {
  const lines = [
    "import * as iam from 'aws-cdk-lib/aws-iam';",
    '',
    `export const ${identifierOf(name)} = new iam.PolicyDocument({`,
    '  statements: [',
  ];
  for (const s of statements) {
    lines.push(
      '    new iam.PolicyStatement({',
      `      sid: ${tsString(s.sid)},`,
      '      effect: iam.Effect.ALLOW,',
      ...list('      actions: ', s.actions.map(tsString), ','),
      ...list('      resources: ', s.resources.map(tsString), ','),
      '    }),',
    );
  }
  lines.push('  ],', '});');
  return `${lines.join('\n')}\n`;
}

function renderTerraform(statements: readonly GeneratedStatement[], name: string): string {
  const lines = [`data "aws_iam_policy_document" ${hclString(labelOf(name))} {`];
  statements.forEach((s, i) => {
    if (i > 0) lines.push('');
    lines.push(
      '  statement {',
      `    sid       = ${hclString(s.sid)}`,
      '    effect    = "Allow"',
      ...list('    actions   = ', s.actions.map(hclString), ''),
      ...list('    resources = ', s.resources.map(hclString), ''),
      '  }',
    );
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** `head[a, b]` on one line when it fits, else one item a line (with a trailing comma, as formatters write). */
function list(head: string, items: readonly string[], end: string): string[] {
  const inline = `${head}[${items.join(', ')}]${end}`;
  if (inline.length <= LINE) return [inline];
  const indent = ' '.repeat(head.length - head.trimStart().length + 2);
  return [`${head}[`, ...items.map((item) => `${indent}${item},`), `${' '.repeat(indent.length - 2)}]${end}`];
}

function comments(marker: string, notes: readonly string[]): string {
  return notes.map((n) => `${marker} ${n.replace(/\r?\n/g, ' ')}\n`).join('') + (notes.length > 0 ? '\n' : '');
}

/** A YAML plain scalar when it reads back as the same string, else single-quoted. */
function yamlScalar(text: string): string {
  const plain =
    /^[A-Za-z0-9][A-Za-z0-9:/._@+=,()-]*$/.test(text) &&
    !/^(true|false|yes|no|on|off|null|y|n)$/i.test(text) &&
    !/^[0-9.+-]/.test(text) &&
    !/:$/.test(text);
  return plain ? text : `'${text.replaceAll("'", "''")}'`;
}

function tsString(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}'`;
}

/** An HCL string: JSON's escapes, and template sequences (`${`, `%{`) doubled so they stay literal. */
function hclString(text: string): string {
  return JSON.stringify(text).replaceAll('${', '$${').replaceAll('%{', '%%{');
}

/** `benjamin` → `benjaminPolicy`; `app-role` → `appRolePolicy`. */
function identifierOf(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const camel = words.map((w, i) => (i === 0 ? w[0]!.toLowerCase() : w[0]!.toUpperCase()) + w.slice(1)).join('');
  const id = `${camel}Policy`;
  return /^[0-9]/.test(id) ? `p${id}` : id;
}

/** A Terraform block label: letters, digits, `_` and `-`, not starting with a digit. */
function labelOf(name: string): string {
  const label = name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
  return label === '' ? 'generated' : /^[0-9-]/.test(label) ? `_${label}` : label;
}
