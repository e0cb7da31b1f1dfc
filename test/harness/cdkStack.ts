/** A generated CDK stack of a given size, for the benchmarks and the server's large-file test. */

/**
 * A stack of `lines` lines: blocks of roles, statements, grants and buckets, one in `every` blocks (the
 * others are constructs without IAM: queues, alarms, functions' settings).
 */
export function cdkStack(lines: number, every = 4): string {
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
  const other = (
    i: number,
  ) => `    const queue${i} = new sqs.Queue(this, 'Queue${i}', { visibilityTimeout: Duration.seconds(30), retentionPeriod: Duration.days(4) });
    const alarm${i} = new cloudwatch.Alarm(this, 'Alarm${i}', {
      metric: queue${i}.metricApproximateNumberOfMessagesVisible(),
      threshold: 100,
      evaluationPeriods: 3,
    });
    new cdk.CfnOutput(this, 'QueueUrl${i}', { value: queue${i}.queueUrl, description: \`queue \${i} for alarm \${alarm${i}.alarmName}\` });
    const settings${i} = { memorySize: 512, timeout: Duration.seconds(10), environment: { QUEUE_URL: queue${i}.queueUrl, STAGE: 'prod' } };
    console.log(settings${i});
`;
  const parts: string[] = [];
  // Lines counted as they are added: a 125,000-line stack (5 MB) must not cost a re-split per block.
  for (let i = 0, count = head.split('\n').length; count < lines - 3; i++) {
    const part = i % every === 0 ? block(i) : other(i);
    parts.push(part);
    count += part.split('\n').length - 1;
  }
  return `${head}${parts.join('')}  }\n}\n`;
}
