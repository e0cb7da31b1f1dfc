/**
 * Service principals that policies commonly name, with what each is for. The Service Authorization
 * Reference does not list service principals, so this table is written by hand from AWS's documentation
 * ("AWS services that work with IAM" and each service's guide); it is what completion offers and what
 * hover explains. A principal missing here is not an error: hover still explains the form.
 */
export interface ServicePrincipalInfo {
  readonly principal: string;
  /** What the service does with the role or the resource, in a few words. */
  readonly purpose: string;
  /** True when it usually appears in a role trust policy (it assumes roles), not in resource policies. */
  readonly assumesRoles: boolean;
}

const P = (principal: string, purpose: string, assumesRoles = true): ServicePrincipalInfo => ({
  principal,
  purpose,
  assumesRoles,
});

export const SERVICE_PRINCIPALS: readonly ServicePrincipalInfo[] = [
  P('lambda.amazonaws.com', 'AWS Lambda functions run with the role'),
  P('edgelambda.amazonaws.com', 'Lambda@Edge functions run with the role'),
  P('ec2.amazonaws.com', 'EC2 instances (through an instance profile) run with the role'),
  P('ecs-tasks.amazonaws.com', 'ECS tasks run with the role (task role or execution role)'),
  P('ecs.amazonaws.com', 'Amazon ECS manages resources for your clusters'),
  P('eks.amazonaws.com', 'Amazon EKS manages the cluster control plane'),
  P('eks-fargate-pods.amazonaws.com', 'EKS Fargate pods pull images and write logs'),
  P('states.amazonaws.com', 'Step Functions state machines run with the role'),
  P('events.amazonaws.com', 'EventBridge rules deliver events to targets'),
  P('scheduler.amazonaws.com', 'EventBridge Scheduler invokes targets'),
  P('pipes.amazonaws.com', 'EventBridge Pipes read sources and invoke targets'),
  P('apigateway.amazonaws.com', 'API Gateway invokes integrations and writes logs'),
  P('appsync.amazonaws.com', 'AppSync resolvers reach data sources'),
  P('codebuild.amazonaws.com', 'CodeBuild projects run builds with the role'),
  P('codepipeline.amazonaws.com', 'CodePipeline runs pipeline actions'),
  P('codedeploy.amazonaws.com', 'CodeDeploy deploys to instances, Lambda or ECS'),
  P('cloudformation.amazonaws.com', 'CloudFormation creates stack resources with the role'),
  P('glue.amazonaws.com', 'AWS Glue jobs, crawlers and endpoints run with the role'),
  P('sagemaker.amazonaws.com', 'SageMaker notebooks, training and endpoints run with the role'),
  P('bedrock.amazonaws.com', 'Amazon Bedrock agents, knowledge bases and jobs use the role'),
  P('batch.amazonaws.com', 'AWS Batch manages compute environments'),
  P('elasticmapreduce.amazonaws.com', 'Amazon EMR manages clusters'),
  P('datapipeline.amazonaws.com', 'AWS Data Pipeline runs pipelines'),
  P('firehose.amazonaws.com', 'Data Firehose delivers streams to destinations'),
  P('kinesisanalytics.amazonaws.com', 'Managed Service for Apache Flink applications run with the role'),
  P('dms.amazonaws.com', 'Database Migration Service reaches endpoints'),
  P('rds.amazonaws.com', 'Amazon RDS uses the role for features such as S3 import'),
  P('monitoring.rds.amazonaws.com', 'RDS Enhanced Monitoring publishes metrics'),
  P('redshift.amazonaws.com', 'Amazon Redshift loads and unloads data'),
  P('elasticbeanstalk.amazonaws.com', 'Elastic Beanstalk manages environments'),
  P('apprunner.amazonaws.com', 'App Runner services'),
  P('build.apprunner.amazonaws.com', 'App Runner pulls images from ECR'),
  P('tasks.apprunner.amazonaws.com', 'App Runner service instances run with the role'),
  P('amplify.amazonaws.com', 'Amplify builds and deploys apps'),
  P('transfer.amazonaws.com', 'Transfer Family servers reach S3 or EFS for users'),
  P('backup.amazonaws.com', 'AWS Backup creates and restores backups'),
  P('config.amazonaws.com', 'AWS Config records configuration and writes to the delivery channel'),
  P('ssm.amazonaws.com', 'Systems Manager automation and managed instances'),
  P('vpc-flow-logs.amazonaws.com', 'VPC Flow Logs publish to CloudWatch Logs'),
  P('delivery.logs.amazonaws.com', 'Log delivery writes service logs to your bucket or log group', false),
  P('logs.amazonaws.com', 'CloudWatch Logs uses keys and delivers subscriptions', false),
  P('cloudtrail.amazonaws.com', 'CloudTrail writes log files to your bucket or uses your key', false),
  P('s3.amazonaws.com', 'S3 sends event notifications and replicates objects', false),
  P('sns.amazonaws.com', 'SNS delivers messages to queues and functions', false),
  P('sqs.amazonaws.com', 'SQS uses keys for encrypted queues', false),
  P('cloudfront.amazonaws.com', 'CloudFront reads origins through origin access control', false),
  P('elasticloadbalancing.amazonaws.com', 'Load balancers write access logs', false),
  P('guardduty.amazonaws.com', 'GuardDuty exports findings', false),
  P('securityhub.amazonaws.com', 'Security Hub', false),
  P('secretsmanager.amazonaws.com', 'Secrets Manager rotates secrets through Lambda', false),
  P('ses.amazonaws.com', 'Amazon SES writes received mail and publishes events', false),
  P('cognito-idp.amazonaws.com', 'Cognito user pools send SMS and email'),
  P('iot.amazonaws.com', 'AWS IoT rules act on messages'),
  P('airflow.amazonaws.com', 'Amazon MWAA environments'),
  P('airflow-env.amazonaws.com', 'Amazon MWAA environments run with the role'),
  P('mediaconvert.amazonaws.com', 'MediaConvert jobs read and write media'),
  P('elastictranscoder.amazonaws.com', 'Elastic Transcoder pipelines'),
  P('cloudwatch.amazonaws.com', 'CloudWatch alarms act on your behalf', false),
  P('application-autoscaling.amazonaws.com', 'Application Auto Scaling scales targets'),
  P('autoscaling.amazonaws.com', 'EC2 Auto Scaling launches instances'),
  P('spotfleet.amazonaws.com', 'EC2 Spot Fleet requests instances'),
  P('servicecatalog.amazonaws.com', 'Service Catalog launches products'),
  P('elasticfilesystem.amazonaws.com', 'Amazon EFS replication and backup', false),
  P('dynamodb.amazonaws.com', 'DynamoDB uses keys and exports', false),
  P('kms.amazonaws.com', 'AWS KMS', false),
  P('organizations.amazonaws.com', 'AWS Organizations', false),
];

const BY_NAME = new Map(SERVICE_PRINCIPALS.map((p) => [p.principal, p]));

export function servicePrincipal(name: string): ServicePrincipalInfo | undefined {
  return BY_NAME.get(name.toLowerCase());
}
