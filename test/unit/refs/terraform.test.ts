/** Terraform: resources and data sources by their name attributes, ARN attributes, KMS keys. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadGrammars } from '../helpers/grammars';
import { fixture, rows } from './helpers';

describe('references: Terraform', () => {
  before(loadGrammars);

  it('reads test/fixtures/refs/reports.tf: resources, data sources, ARN and KMS attributes', () => {
    assert.deepEqual(rows(fixture('reports.tf'), 'terraform'), [
      [
        'acme-reports-archive',
        'terraform',
        'AWS::S3::Bucket',
        'acme-reports-archive',
        'ResourceName=acme-reports-archive',
      ],
      ['acme-reports-writer', 'terraform', 'AWS::IAM::Role', 'acme-reports-writer', 'ResourceName=acme-reports-writer'],
      [
        'arn:aws:iam::123456789012:policy/acme-reports-read',
        'terraform',
        'AWS::IAM::ManagedPolicy',
        'acme-reports-read',
        'ResourceName=arn:aws:iam::123456789012:policy/acme-reports-read',
      ],
      ['acme-report-jobs', 'terraform', 'AWS::SQS::Queue', 'acme-report-jobs', 'ResourceName=acme-report-jobs'],
      ['alias/acme-reports', 'terraform', 'AWS::KMS::Alias', 'alias/acme-reports', 'ResourceName=alias/acme-reports'],
      // In a map of environment variables: found as an ARN, not by an attribute.
      [
        'arn:aws:sns:us-east-1:123456789012:acme-upstream',
        'arn',
        'AWS::SNS::Topic',
        'acme-upstream',
        'ResourceName=arn:aws:sns:us-east-1:123456789012:acme-upstream',
      ],
      ['alias/acme-reports', 'terraform', 'AWS::KMS::Alias', 'alias/acme-reports', 'ResourceName=alias/acme-reports'],
      [
        '/aws/lambda/acme-reports',
        'terraform',
        'AWS::Logs::LogGroup',
        '/aws/lambda/acme-reports',
        'ResourceName=/aws/lambda/acme-reports',
      ],
      ['acme-shared-assets', 'terraform', 'AWS::S3::Bucket', 'acme-shared-assets', 'ResourceName=acme-shared-assets'],
      ['acme-admin', 'terraform', 'AWS::IAM::Role', 'acme-admin', 'ResourceName=acme-admin'],
      // A key known by its id only: looked up by the id, the ARN needing the account and region.
      [
        '1234abcd-12ab-34cd-56ef-1234567890ab',
        'terraform',
        'AWS::KMS::Key',
        '1234abcd-12ab-34cd-56ef-1234567890ab',
        'ResourceName=1234abcd-12ab-34cd-56ef-1234567890ab',
      ],
      [
        'acme/reports/db',
        'terraform',
        'AWS::SecretsManager::Secret',
        'acme/reports/db',
        'ResourceName=acme/reports/db',
      ],
    ]);
  });

  it('takes no computed value: variables, locals, interpolations, other resources', () => {
    const text = `
resource "aws_s3_bucket" "a" { bucket = var.bucket }
resource "aws_s3_bucket" "b" { bucket = "\${var.prefix}-logs" }
resource "aws_iam_role" "c" { name = local.role_name }
resource "aws_iam_user" "d" { name = lower("ALICE") }
resource "aws_sqs_queue" "e" { name = aws_sqs_queue.other.name }
resource "aws_kms_alias" "f" { target_key_id = aws_kms_key.k.arn }
resource "aws_iam_role_policy_attachment" "g" { policy_arn = "arn:\${data.aws_partition.current.partition}:iam::aws:policy/ReadOnlyAccess" }
resource "google_storage_bucket" "h" { name = "not-aws" }
data "aws_iam_role" "i" { name = each.value }
module "m" { bucket = "a-module-input" }
`;
    assert.deepEqual(rows(text, 'terraform'), []);
  });

  it('reads data sources by their own attributes, KMS keys in nested blocks, ARNs in arn attributes', () => {
    const text = `
data "aws_iam_user" "ci" { user_name = "ci-bot" }
data "aws_kms_key" "by_alias" { key_id = "alias/acme" }
data "aws_secretsmanager_secret" "by_arn" { arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:acme/x-AbC123" }
resource "aws_s3_bucket_server_side_encryption_configuration" "sse" {
  bucket = aws_s3_bucket.a.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "arn:aws:kms:us-east-1:123456789012:alias/acme"
    }
  }
}
`;
    assert.deepEqual(
      rows(text, 'terraform').map(([at, via, type, name, lookup]) => [at, via, type, name, lookup]),
      [
        ['ci-bot', 'terraform', 'AWS::IAM::User', 'ci-bot', 'Username=ci-bot'],
        ['alias/acme', 'terraform', 'AWS::KMS::Alias', 'alias/acme', 'ResourceName=alias/acme'],
        [
          'arn:aws:secretsmanager:us-east-1:123456789012:secret:acme/x-AbC123',
          'terraform',
          'AWS::SecretsManager::Secret',
          'acme/x',
          'ResourceName=arn:aws:secretsmanager:us-east-1:123456789012:secret:acme/x-AbC123',
        ],
        [
          'arn:aws:kms:us-east-1:123456789012:alias/acme',
          'terraform',
          'AWS::KMS::Alias',
          'alias/acme',
          'ResourceName=alias/acme',
        ],
      ],
    );
  });
});
