/** The project's other fixtures (written for the linter): what they reference, and what they do not. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { loadGrammars } from '../helpers/grammars';
import { repoRoot } from '../helpers/paths';
import { rows } from './helpers';

const OIDC = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';

describe('references: the linter’s fixtures', () => {
  before(loadGrammars);

  it('finds the literal names and ARNs, and none of the variables, patterns and substitutions around them', () => {
    const cases: [file: string, languageId: string, expected: string[][]][] = [
      [
        'terraform/main.tf',
        'terraform',
        [
          [OIDC, 'arn', 'AWS::IAM::OIDCProvider'],
          ['deploy', 'terraform', 'AWS::IAM::Role'],
          ['readers', 'terraform', 'AWS::IAM::ManagedPolicy'],
          ['ci', 'terraform', 'AWS::IAM::User'],
          ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn', 'AWS::IAM::ManagedPolicy'],
        ],
      ],
      ['terraform/half-typed.tf', 'terraform', []],
      [
        'workspace/terraform/main.tf',
        'terraform',
        [['arn:aws:iam::111122223333:role/reporter-fn', 'arn', 'AWS::IAM::Role']],
      ],
      [
        'cdk/lib/app-stack.ts',
        'typescript',
        [
          ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'cdk', 'AWS::IAM::ManagedPolicy'],
          [OIDC, 'arn', 'AWS::IAM::OIDCProvider'],
        ],
      ],
      [
        'cdk/lib/aliases.ts',
        'typescript',
        [
          ['arn:aws:s3:::audit-logs', 'arn', 'AWS::S3::Bucket'],
          ['audit-logs', 'cdk', 'AWS::S3::Bucket'],
        ],
      ],
      [
        'workspace/cdk/lib/pipeline-stack.ts',
        'typescript',
        [['arn:aws:iam::111122223333:role/fn', 'arn', 'AWS::IAM::Role']],
      ],
      // Unnamed resources and `!Sub` ARNs only.
      ['workspace/templates/reporting-stack.yaml', 'yaml', []],
      ['workspace/templates/function-role.yaml', 'yaml', []],
      // The activity suite's: resources of the invictus CloudTrail logs, in each format it hovers.
      [
        'workspace/activity/evidence-buckets.yaml',
        'yaml',
        [
          ['stratus-red-team-ctlr-bucket-zqfsvooxqj', 'property', 'AWS::S3::Bucket'],
          ['stratus-red-team-bdbp-lhfzvgcamn', 'property', 'AWS::S3::Bucket'],
        ],
      ],
      [
        'workspace/activity/roles-stack.ts',
        'typescript',
        [['stratus-red-team-ec2-steal-credentials-role', 'cdk', 'AWS::IAM::Role']],
      ],
      [
        'workspace/activity/keys.tf',
        'terraform',
        [
          ['arn:aws:kms:us-east-1:123837392027:key/0e5d0ab6-097e-49d8-99ef-747ce3e5f8f4', 'terraform', 'AWS::KMS::Key'],
          ['stratus-red-team-ctes-bucket-qyxyekjbtk', 'terraform', 'AWS::S3::Bucket'],
        ],
      ],
    ];
    for (const [file, languageId, expected] of cases) {
      const text = readFileSync(path.join(repoRoot, 'test', 'fixtures', file), 'utf8');
      assert.deepEqual(
        rows(text, languageId).map(([at, via, type]) => [at, via, type]),
        expected,
        file,
      );
    }
  });
});
