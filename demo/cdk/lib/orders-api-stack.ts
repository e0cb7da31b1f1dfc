import { Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/** The orders API: a function behind a role, its table, its receipts bucket and their key. */
export class OrdersApiStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const key = new kms.Key(this, 'OrdersKey', { enableKeyRotation: true });
    const receipts = new s3.Bucket(this, 'Receipts', { encryptionKey: key });
    const orders = new dynamodb.Table(this, 'Orders', {
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
    });

    const handlerRole = new iam.Role(this, 'HandlerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    handlerRole.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'));

    // Reports are written by the same function for now.
    handlerRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 'dynamodb:*', 'sqs:SendMesage'],
        resources: ['*'],
      }),
    );

    receipts.grantRead(handlerRole);
    orders.grantReadWriteData(handlerRole);
    key.grantDecrypt(handlerRole);

    new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('handler'),
      role: handlerRole,
      environment: { TABLE: orders.tableName, BUCKET: receipts.bucketName },
    });

    // The deploy role GitHub Actions assumes.
    const github = new iam.OpenIdConnectProvider(this, 'GitHub', {
      url: 'https://token.actions.githubusercontent.com',
      clientIds: ['sts.amazonaws.com'],
    });
    new iam.Role(this, 'DeployRole', {
      assumedBy: new iam.OpenIdConnectPrincipal(github, {
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:example-org/*' },
      }),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
  }
}
