/**
 * Generated CDK stacks and Terraform modules of a given size, for benchmarks and scale tests: realistic
 * constructs repeated (roles, statements with literals and tokens, grants, trust, policy documents).
 */

/** A CDK stack in TypeScript of about `lines` lines. */
export function cdkStack(lines: number): string {
  const out = [
    "import { Stack, type StackProps } from 'aws-cdk-lib';",
    "import * as iam from 'aws-cdk-lib/aws-iam';",
    "import * as s3 from 'aws-cdk-lib/aws-s3';",
    "import type { Construct } from 'constructs';",
    '',
    'export class GeneratedStack extends Stack {',
    '  constructor(scope: Construct, id: string, props?: StackProps) {',
    '    super(scope, id, props);',
    "    const bucket = new s3.Bucket(this, 'Data');",
  ];
  for (let i = 0; out.length < lines - 3; i++) {
    out.push(
      `    const role${i} = new iam.Role(this, 'Role${i}', {`,
      "      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),",
      '    });',
      `    role${i}.addToPolicy(`,
      '      new iam.PolicyStatement({',
      '        effect: iam.Effect.ALLOW,',
      `        actions: ['s3:GetObject', 's3:PutObject', 'dynamodb:Query', 'sqs:SendMessage'],`,
      `        resources: [bucket.arnForObjects('reports/*'), \`arn:aws:dynamodb:\${this.region}:\${this.account}:table/orders-${i}\`],`,
      "        conditions: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },",
      '      }),',
      '    );',
      `    bucket.grantRead(role${i});`,
      '',
    );
  }
  out.push('  }', '}', '');
  return out.join('\n');
}

/** A Terraform module of about `lines` lines. */
export function terraformModule(lines: number): string {
  const out = ['variable "environment" {', '  type = string', '}', ''];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `data "aws_iam_policy_document" "task_${i}" {`,
      '  statement {',
      `    sid       = "Task${i}"`,
      '    actions   = ["s3:GetObject", "s3:PutObject", "dynamodb:Query", "sqs:SendMessage"]',
      `    resources = ["arn:aws:s3:::example-\${var.environment}-${i}/*"]`,
      '    condition {',
      '      test     = "StringEquals"',
      '      variable = "aws:RequestedRegion"',
      '      values   = ["eu-west-1"]',
      '    }',
      '  }',
      '}',
      '',
      `resource "aws_iam_role" "task_${i}" {`,
      `  name = "task-${i}"`,
      '  assume_role_policy = jsonencode({',
      '    Version   = "2012-10-17"',
      '    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]',
      '  })',
      '}',
      '',
      `resource "aws_iam_role_policy" "task_${i}" {`,
      `  role   = aws_iam_role.task_${i}.id`,
      `  policy = data.aws_iam_policy_document.task_${i}.json`,
      '}',
      '',
    );
  }
  return out.join('\n');
}
