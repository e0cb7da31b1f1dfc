import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recommendationMarkdown } from '../../../src/core';

test("Access Analyzer's recommendation as Markdown: detach, replace with the policy indented, a finding's failure", () => {
  const markdown = recommendationMarkdown(
    'arn:aws:iam::111122223333:role/app',
    [
      {
        findingId: 'f1',
        services: ['sqs', 'dynamodb'],
        steps: [
          { action: 'DETACH_POLICY', existingPolicyId: 'arn:aws:iam::aws:policy/AmazonSQSFullAccess' },
          {
            action: 'CREATE_POLICY',
            existingPolicyId: 'inline-app',
            recommendedPolicy:
              '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
          },
        ],
      },
      { findingId: 'f2', services: [], problem: 'Access Analyzer had not finished after 120 s.' },
      { findingId: 'f3', services: ['ec2'], steps: [] },
    ],
    {
      now: Date.parse('2026-12-06T10:00:00Z'),
      analyzerArn: 'arn:aws:access-analyzer:us-east-1:111122223333:analyzer/unused',
    },
  );
  assert.match(markdown, /^# IAM Access Analyzer's recommendation for `arn:aws:iam::111122223333:role\/app`\n/);
  assert.match(markdown, /asked on 2026-12-06 10:00 UTC/);
  assert.match(
    markdown,
    /## Finding `f1` \(unused: sqs, dynamodb\)\n\n- Detach `arn:aws:iam::aws:policy\/AmazonSQSFullAccess`: nothing it grants was used\./,
  );
  assert.match(
    markdown,
    /- Replace `inline-app` with:\n\n```json\n\{\n  "Version": "2012-10-17",\n  "Statement": \[\n/,
  );
  assert.match(markdown, /## Finding `f2`\n\nNo recommendation: Access Analyzer had not finished after 120 s\./);
  assert.match(markdown, /## Finding `f3` \(unused: ec2\)\n\nAccess Analyzer recommends no change\./);
});
