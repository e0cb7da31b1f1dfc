/**
 * Action names that are not in the Service Authorization Reference but that real policies use, and what
 * to say about them. Two kinds, each sourced:
 *
 * - API operations authorised by another action: policies name the API (`sqs:SendMessageBatch`), IAM
 *   knows only the action that authorises it (`sqs:SendMessage`). Edit distance cannot find these.
 * - Actions that AWS's own documentation puts in policies although the Reference does not list them:
 *   `SNS:Receive` is in every SNS topic's default access policy. IAM accepts them and they grant nothing;
 *   a policy copied from AWS's documentation should not look broken.
 */

/** API operation (lower case `service:operation`) → the action(s) that authorise it. */
const AUTHORISED_BY: ReadonlyMap<string, readonly string[]> = new Map([
  // Amazon SQS Developer Guide, "Amazon SQS API permissions": the batch operations take the permission of
  // the single one.
  ['sqs:sendmessagebatch', ['sqs:SendMessage']],
  ['sqs:deletemessagebatch', ['sqs:DeleteMessage']],
  ['sqs:changemessagevisibilitybatch', ['sqs:ChangeMessageVisibility']],
  // Amazon SNS API Reference, PublishBatch: authorised as sns:Publish.
  ['sns:publishbatch', ['sns:Publish']],
  // Amazon S3 API Reference, the "Permissions" section of each operation.
  ['s3:headobject', ['s3:GetObject']],
  ['s3:headbucket', ['s3:ListBucket']],
  ['s3:deleteobjects', ['s3:DeleteObject']],
  ['s3:listobjects', ['s3:ListBucket']],
  ['s3:listobjectsv2', ['s3:ListBucket']],
  ['s3:listobjectversions', ['s3:ListBucketVersions']],
  ['s3:copyobject', ['s3:GetObject', 's3:PutObject']],
  ['s3:createmultipartupload', ['s3:PutObject']],
  ['s3:uploadpart', ['s3:PutObject']],
  ['s3:completemultipartupload', ['s3:PutObject']],
  // Amazon Bedrock User Guide, "Converse API" and "asynchronous invocation": authorised by the invoke actions.
  ['bedrock:converse', ['bedrock:InvokeModel']],
  ['bedrock:conversestream', ['bedrock:InvokeModelWithResponseStream']],
  ['bedrock:startasyncinvoke', ['bedrock:InvokeModel']],
  // Amazon Data Firehose API Reference: the batch operation is PutRecordBatch (PutRecords is Kinesis Data Streams').
  ['firehose:putrecords', ['firehose:PutRecordBatch']],
]);

/** Actions AWS documentation writes into policies that the Reference does not list (lower case) → where. */
const DOCUMENTED_ELSEWHERE: ReadonlyMap<string, string> = new Map([
  // Amazon SNS Developer Guide: the default access policy of every topic lists SNS:Receive.
  ['sns:receive', "every Amazon SNS topic's default access policy"],
  // AWS Elemental MediaLive User Guide, the trusted entity's policy for MediaConnect flows.
  ['mediaconnect:manageddescribeflow', "AWS Elemental MediaLive's documented role policy"],
  ['mediaconnect:managedaddoutput', "AWS Elemental MediaLive's documented role policy"],
  ['mediaconnect:managedremoveoutput', "AWS Elemental MediaLive's documented role policy"],
]);

/** The actions that authorise the API operation `name` (`sqs:SendMessageBatch`), when it is one. */
export function authorisingActions(name: string): readonly string[] | undefined {
  return AUTHORISED_BY.get(name.toLowerCase());
}

/** Where AWS documents an action the Reference does not list, when it does. */
export function documentedElsewhere(name: string): string | undefined {
  return DOCUMENTED_ELSEWHERE.get(name.toLowerCase());
}
