import * as path from 'node:path';
import { Catalog } from '../src/core/catalog';
import { lintSource } from '../src/core/lint';
import { CodeTrees, loadGrammar, readCodeSource } from '../src/core/sources/code';
import { repoRoot } from '../test/harness/paths';
import { measure } from './lib/measure';

/**
 * Re-reading a 2,000-line CDK stack after a keystroke: the incremental parse and the CDK reader
 * (src/core/sources/code/cdk), then the rules. Target: under 30 ms for the re-lint, parse included.
 */
async function main(): Promise<void> {
  await loadGrammar('typescript', path.join(repoRoot, 'dist', 'grammars'));
  const catalog = Catalog.load(path.join(repoRoot, 'dist', 'catalog.json'));
  const lines = ['| stack (2,000 lines) | measure | median ms | p95 ms | target |', '|---|---|---:|---:|---|'];
  for (const [name, text] of [
    ['typical: one IAM block in four', generatedStack(2000, 4)],
    ['dense: IAM on every line', generatedStack(2000, 1)],
  ] as const) {
    const edited = text.replace("'s3:GetObject'", "'s3:GetObjectX'");
    const trees = new CodeTrees();
    let flip = false;
    // Each sample edits the text (alternating two versions), so the parse is always incremental.
    const next = () => ((flip = !flip) ? edited : text);
    const rows: [string, () => unknown, number?][] = [
      ['incremental parse + CDK reading', () => readCodeSource(next(), 'typescript', trees)],
      ['incremental parse + CDK reading + rules (re-lint)', () => {
        const version = next();
        return lintSource(readCodeSource(version, 'typescript', trees), version, catalog);
      }, 30],
    ];
    for (const [label, fn, target] of rows) {
      const stats = measure(fn, { runs: 40, warmup: 5, batch: 1 });
      const verdict = target === undefined ? '' : `< ${target} ms: ${stats.median < target ? 'met' : 'MISSED'}`;
      lines.push(`| ${name} | ${label} | ${stats.median.toFixed(2)} | ${stats.p95.toFixed(2)} | ${verdict} |`);
    }
    trees.dispose();
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * A stack of `lines` lines: blocks of roles, statements, grants and buckets, one in `every` blocks (the
 * others are constructs without IAM: queues, alarms, functions' settings).
 */
function generatedStack(lines: number, every: number): string {
  const head = `import * as cdk from 'aws-cdk-lib';
import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as lambda from 'aws-cdk-lib/aws-lambda';

export class Big extends Stack {
  constructor(scope: any, id: string) {
    super(scope, id);
`;
  const block = (i: number) => `    const bucket${i} = new s3.Bucket(this, 'Bucket${i}', { versioned: true });
    const role${i} = new iam.Role(this, 'Role${i}', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
    });
    role${i}.addToPolicy(new iam.PolicyStatement({
      actions: ['s3:GetObject', 's3:PutObject'],
      resources: [bucket${i}.arnForObjects('*')],
      conditions: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
    }));
    const fn${i} = new lambda.Function(this, 'Fn${i}', { runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('x'), role: role${i} });
    bucket${i}.grantRead(fn${i});
    console.log(\`bucket \${bucket${i}.bucketName} for \${fn${i}.functionName}\`);
`;
  const other = (i: number) => `    const queue${i} = new sqs.Queue(this, 'Queue${i}', { visibilityTimeout: Duration.seconds(30), retentionPeriod: Duration.days(4) });
    const alarm${i} = new cloudwatch.Alarm(this, 'Alarm${i}', {
      metric: queue${i}.metricApproximateNumberOfMessagesVisible(),
      threshold: 100,
      evaluationPeriods: 3,
    });
    new cdk.CfnOutput(this, 'QueueUrl${i}', { value: queue${i}.queueUrl, description: \`queue \${i} for alarm \${alarm${i}.alarmName}\` });
    const settings${i} = { memorySize: 512, timeout: Duration.seconds(10), environment: { QUEUE_URL: queue${i}.queueUrl, STAGE: 'prod' } };
    console.log(settings${i});
`;
  let body = '';
  for (let i = 0; (head + body).split('\n').length < lines - 3; i++) body += i % every === 0 ? block(i) : other(i);
  return `${head}${body}  }\n}\n`;
}

void main();
