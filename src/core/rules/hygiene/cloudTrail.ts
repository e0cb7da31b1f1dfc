/**
 * `AWS::CloudTrail::Trail` settings, one rule per concern so that each can be suppressed on its own
 * (a single-region trail for one bucket's data events is deliberate; unencrypted logs rarely are).
 */
import type { PolicySource, TemplateResource } from '../../policy/model';
import type { Rule, SourceContext } from '../types';
import { setResourceProperty } from './propertyEdits';
import { booleanOf, propertiesUnknown, propertyOf, resourceSpan, resourcesOfType } from './template';

function trails(source: PolicySource): TemplateResource[] {
  return resourcesOfType(source, 'AWS::CloudTrail::Trail').filter((t) => !propertiesUnknown(t));
}

/** Reports trails where `property` is absent (intrinsics and any written value count as set). */
function checkPresent(
  source: PolicySource,
  ctx: SourceContext,
  property: string,
  message: (trail: string) => string,
): void {
  for (const trail of trails(source)) {
    if (propertyOf(trail, property) === undefined)
      ctx.report({ span: resourceSpan(trail), message: message(trail.id.text) });
  }
}

/** Reports trails where the boolean `property` is absent or literally false, with a fix setting it to true. */
function checkTrue(
  source: PolicySource,
  ctx: SourceContext,
  property: string,
  title: string,
  message: (trail: string) => string,
): void {
  for (const trail of trails(source)) {
    const node = propertyOf(trail, property);
    const value = booleanOf(node);
    if (value === true || value === 'unknown') continue;
    const edit = setResourceProperty(ctx.text, trail, property, 'true');
    ctx.report({
      span: node ? node.span : resourceSpan(trail),
      message: message(trail.id.text),
      ...(edit && { fixes: [{ title, edits: [edit], preferred: true }] }),
    });
  }
}

export const cloudTrailEncryption: Rule = {
  meta: {
    id: 'cloudtrail-encryption',
    name: 'Trail logs not encrypted with a KMS key',
    family: 'hygiene',
    defaultSeverity: 'warning',
    equivalents: { checkov: ['CKV_AWS_35'] },
    docs: {
      what: 'An `AWS::CloudTrail::Trail` has no `KMSKeyId`: its log files are encrypted with S3 managed keys (SSE-S3) only.',
      why: 'Anyone who can read the bucket can read the logs, which name every caller, resource and source address of the account. With SSE-KMS, reading also needs `kms:Decrypt` on a key whose policy you control, and each decryption is itself logged.',
      example:
        '"Trail": { "Type": "AWS::CloudTrail::Trail", "Properties": { "IsLogging": true, "S3BucketName": { "Ref": "LogBucket" } } }',
      fix: 'Create an `AWS::KMS::Key` whose policy lets `cloudtrail.amazonaws.com` encrypt (with an `aws:SourceArn` condition on the trail) and your auditors decrypt, and set `KMSKeyId: !Ref TrailKey`.',
    },
  },
  checkSource(source, ctx) {
    checkPresent(
      source,
      ctx,
      'KMSKeyId',
      (id) => `The trail ${id} has no KMSKeyId: whoever can read its bucket can read the logs.`,
    );
  },
};

export const cloudTrailLogValidation: Rule = {
  meta: {
    id: 'cloudtrail-log-validation',
    name: 'Trail log file validation off',
    family: 'hygiene',
    defaultSeverity: 'warning',
    equivalents: { checkov: ['CKV_AWS_36'] },
    docs: {
      what: 'An `AWS::CloudTrail::Trail` does not set `EnableLogFileValidation: true` (an intrinsic value is not reported).',
      why: 'Without digest files nobody can prove that a log file was not changed or deleted after delivery: an intruder who reaches the bucket can edit their tracks away unnoticed.',
      example:
        '"Trail": { "Type": "AWS::CloudTrail::Trail", "Properties": { "IsLogging": true, "S3BucketName": { "Ref": "LogBucket" } } }',
      fix: 'Set `EnableLogFileValidation: true`, and check the logs with `aws cloudtrail validate-logs`.',
    },
  },
  checkSource(source, ctx) {
    checkTrue(
      source,
      ctx,
      'EnableLogFileValidation',
      'Turn on log file validation',
      (id) => `The trail ${id} does not validate its log files: changes to them cannot be detected.`,
    );
  },
};

export const cloudTrailMultiRegion: Rule = {
  meta: {
    id: 'cloudtrail-multi-region',
    name: 'Trail in one region only',
    family: 'hygiene',
    defaultSeverity: 'info',
    equivalents: { checkov: ['CKV_AWS_67'] },
    docs: {
      what: "An `AWS::CloudTrail::Trail` does not set `IsMultiRegionTrail: true` (an intrinsic value is not reported). Information: a trail for one region's data events can be deliberate.",
      why: 'Activity in the other regions (an instance started where nobody looks, a key created elsewhere) is not recorded by this trail.',
      example:
        '"Trail": { "Type": "AWS::CloudTrail::Trail", "Properties": { "IsLogging": true, "S3BucketName": { "Ref": "LogBucket" } } }',
      fix: 'Set `IsMultiRegionTrail: true` (and `IncludeGlobalServiceEvents: true`, its default).',
    },
  },
  checkSource(source, ctx) {
    checkTrue(
      source,
      ctx,
      'IsMultiRegionTrail',
      'Log all regions',
      (id) => `The trail ${id} logs one region only: activity elsewhere goes unrecorded.`,
    );
  },
};

export const cloudTrailCloudWatchLogs: Rule = {
  meta: {
    id: 'cloudtrail-cloudwatch-logs',
    name: 'Trail not sent to CloudWatch Logs',
    family: 'hygiene',
    defaultSeverity: 'info',
    equivalents: { checkov: ['CKV2_AWS_10'] },
    docs: {
      what: 'An `AWS::CloudTrail::Trail` has no `CloudWatchLogsLogGroupArn`: its events go to S3 only.',
      why: 'Events in S3 are for investigation afterwards; metric filters and alarms (root sign-in, policy changes, `AccessDenied` bursts, CIS 4.x) need them in CloudWatch Logs.',
      example:
        '"Trail": { "Type": "AWS::CloudTrail::Trail", "Properties": { "IsLogging": true, "S3BucketName": { "Ref": "LogBucket" } } }',
      fix: 'Create a log group and a role CloudTrail can assume to write to it, and set `CloudWatchLogsLogGroupArn: !GetAtt TrailLogs.Arn` and `CloudWatchLogsRoleArn: !GetAtt TrailLogsRole.Arn`.',
    },
  },
  checkSource(source, ctx) {
    checkPresent(
      source,
      ctx,
      'CloudWatchLogsLogGroupArn',
      (id) => `The trail ${id} does not send its events to CloudWatch Logs: no alarm can watch them.`,
    );
  },
};
