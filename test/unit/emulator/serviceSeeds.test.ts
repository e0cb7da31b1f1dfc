/**
 * The seed sections of IAM, Access Analyzer and CloudFormation: ages become times before the start, and
 * every mistake is refused with a message naming the field.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readAnalyzerSeed } from '../../emulator/services/accessAnalyzer/seed';
import { Stacks } from '../../emulator/services/cloudformation/stacks';
import { readIamSeed } from '../../emulator/services/iam/principals';
import { parseSeed, type Seed } from '../../emulator/seed';

const START = Date.parse('2026-03-01T12:00:00Z');
const ROLE = 'arn:aws:iam::111122223333:role/app';
const ANALYZER = 'arn:aws:access-analyzer:us-east-1:111122223333:analyzer/unused';
const STACK = 'arn:aws:cloudformation:us-east-1:111122223333:stack/app/3b8a92c4-ce38-45e2-a9fc-0e99d162301a';

function seedWith(services: Record<string, unknown>): Seed {
  return parseSeed({
    accounts: [{ id: '111122223333' }],
    credentials: [
      {
        accessKeyId: 'AKIAEMULATOR00000001',
        secretAccessKey: 'secret',
        arn: 'arn:aws:iam::111122223333:user/dev',
        userId: 'AIDAEMULATORDEV00001',
        account: '111122223333',
      },
    ],
    services,
  });
}

const readers: Record<string, (seed: Seed) => unknown> = {
  iam: (seed) => readIamSeed(seed, START),
  'access-analyzer': (seed) => readAnalyzerSeed(seed, START),
  cloudformation: (seed) => Stacks.fromSeed(seed, START),
};

describe('the seed sections of IAM, Access Analyzer and CloudFormation', () => {
  it('turn ages in days into times before the start, in whole seconds', () => {
    const iam = readIamSeed(
      seedWith({
        iam: {
          principals: [
            {
              arn: ROLE,
              services: [
                {
                  namespace: 's3',
                  name: 'Amazon S3',
                  lastUsedDaysAgo: 1.5,
                  region: 'eu-west-1',
                  actions: [{ name: 'ListAllMyBuckets' }],
                },
              ],
            },
          ],
        },
      }),
      START,
    );
    assert.deepEqual(iam.principals.get(ROLE)?.services, [
      {
        namespace: 's3',
        name: 'Amazon S3',
        last: { at: START - 1.5 * 86_400_000, region: 'eu-west-1' },
        actions: [{ name: 'ListAllMyBuckets' }],
      },
    ]);
    assert.equal(iam.pageSize, 100, "IAM's default MaxItems");
    const analyzers = readAnalyzerSeed(
      seedWith({
        'access-analyzer': { analyzers: [{ arn: ANALYZER, type: 'ORGANIZATION_UNUSED_ACCESS', createdDaysAgo: 2 }] },
      }),
      START,
    );
    assert.deepEqual(
      analyzers.analyzers.map((a) => [a.name, a.region, a.unusedAccessAge, a.createdAt, a.analyzedAt]),
      [['unused', 'us-east-1', 90, START - 2 * 86_400_000, START]],
    );
  });

  const cases: [string, string, unknown, string][] = [
    [
      'iam',
      'a principal that is not a user or role',
      { principals: [{ arn: 'arn:aws:s3:::b', services: [] }] },
      "seed.services.iam.principals[0].arn: expected an IAM user's or role's ARN",
    ],
    [
      'iam',
      'a Region without a use',
      { principals: [{ arn: ROLE, services: [{ namespace: 's3', name: 'S3', region: 'us-east-1' }] }] },
      'seed.services.iam.principals[0].services[0].region: only something used',
    ],
    [
      'iam',
      'an age past 400 days',
      { principals: [{ arn: ROLE, services: [{ namespace: 's3', name: 'S3', lastUsedDaysAgo: 401 }] }] },
      'seed.services.iam.principals[0].services[0].lastUsedDaysAgo: expected a number from 0 to 400',
    ],
    [
      'iam',
      'a principal twice',
      {
        principals: [
          { arn: ROLE, services: [{ namespace: 's3', name: 'S3' }] },
          { arn: ROLE, services: [{ namespace: 's3', name: 'S3' }] },
        ],
      },
      'seed.services.iam.principals[1].arn: duplicate principal',
    ],
    [
      'access-analyzer',
      'an unknown analyzer type',
      { analyzers: [{ arn: ANALYZER, type: 'UNUSED', createdDaysAgo: 1 }] },
      'seed.services.access-analyzer.analyzers[0].type: expected one of',
    ],
    [
      'access-analyzer',
      'findings on an external-access analyzer',
      { analyzers: [{ arn: ANALYZER, type: 'ACCOUNT', createdDaysAgo: 1, findings: [] }] },
      'seed.services.access-analyzer.analyzers[0]: only an unused-access analyzer',
    ],
    [
      'access-analyzer',
      'an unused role with services',
      {
        analyzers: [
          {
            arn: ANALYZER,
            type: 'ACCOUNT_UNUSED_ACCESS',
            createdDaysAgo: 1,
            findings: [
              {
                id: '3b8a92c4-ce38-45e2-a9fc-0e99d162301a',
                type: 'UnusedIAMRole',
                resource: ROLE,
                createdDaysAgo: 1,
                services: [],
              },
            ],
          },
        ],
      },
      'seed.services.access-analyzer.analyzers[0].findings[0]: only an UnusedPermission finding',
    ],
    [
      'access-analyzer',
      'an action without its prefix',
      {
        analyzers: [
          {
            arn: ANALYZER,
            type: 'ACCOUNT_UNUSED_ACCESS',
            createdDaysAgo: 1,
            findings: [
              {
                id: '3b8a92c4-ce38-45e2-a9fc-0e99d162301a',
                type: 'UnusedPermission',
                resource: ROLE,
                createdDaysAgo: 1,
                services: [{ namespace: 's3', actions: [{ action: 'GetObject' }] }],
              },
            ],
          },
        ],
      },
      'seed.services.access-analyzer.analyzers[0].findings[0].services[0].actions[0].action: expected an action like s3:GetObject',
    ],
    [
      'access-analyzer',
      'a new policy to detach',
      {
        analyzers: [
          {
            arn: ANALYZER,
            type: 'ACCOUNT_UNUSED_ACCESS',
            createdDaysAgo: 1,
            findings: [
              {
                id: '3b8a92c4-ce38-45e2-a9fc-0e99d162301a',
                type: 'UnusedPermission',
                resource: ROLE,
                createdDaysAgo: 1,
                services: [{ namespace: 's3' }],
                recommendation: { steps: [{ action: 'DETACH_POLICY', recommendedPolicy: {} }] },
              },
            ],
          },
        ],
      },
      'seed.services.access-analyzer.analyzers[0].findings[0].recommendation.steps[0].recommendedPolicy: required for, and only for, CREATE_POLICY',
    ],
    [
      'cloudformation',
      'a stack id that is not a stack ARN',
      { stacks: [{ stackId: 'app', updatedDaysAgo: 1, resources: [] }] },
      'seed.services.cloudformation.stacks[0].stackId: expected a stack ARN',
    ],
    [
      'cloudformation',
      'a logical id twice',
      {
        stacks: [
          {
            stackId: STACK,
            updatedDaysAgo: 1,
            resources: [
              { logicalId: 'A', physicalId: 'a', type: 'AWS::S3::Bucket' },
              { logicalId: 'A', physicalId: 'b', type: 'AWS::S3::Bucket' },
            ],
          },
        ],
      },
      'seed.services.cloudformation.stacks[0].resources[1].logicalId: duplicate logical id A',
    ],
    [
      'cloudformation',
      'a stack without its age',
      { stacks: [{ stackId: STACK, resources: [{ logicalId: 'A', physicalId: 'a', type: 'AWS::S3::Bucket' }] }] },
      'seed.services.cloudformation.stacks[0].updatedDaysAgo: required',
    ],
  ];
  for (const [service, what, section, message] of cases) {
    it(`refuses ${what} (${service})`, () => {
      assert.throws(
        () => readers[service]!(seedWith({ [service]: section })),
        (error: Error) => error.name === 'ValidationError' && error.message.startsWith(message),
      );
    });
  }
});
