/**
 * The order of the evidence of a policy's principal: explicit mapping > literal name (with the profile's
 * account) > stack resources (a stacks entry, samconfig) > cdk.out > --principal. Evidence that cannot
 * answer is said and the next is tried; evidence still being asked holds the choice.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  choosePrincipal,
  type AccountAnswer,
  type PrincipalClue,
  type PrincipalMapping,
  type StackAnswer,
} from '../../../src/core';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const MAPPED: PrincipalMapping = {
  principal: 'arn:aws:iam::111122223333:role/mapped',
  evidence: '.cloudwarden.yaml:3',
};
const FALLBACK: PrincipalMapping = {
  principal: 'arn:aws:iam::111122223333:role/cli',
  evidence: '--principal on the command line',
};
const PROFILE: AccountAnswer = { account: '123837392027', from: 'profile default' };

const NAME: PrincipalClue = {
  kind: 'name',
  id: 'FunctionRole',
  type: 'role',
  name: 'orders-fn',
  iamPath: '/',
  where: 'RoleName at template.yaml:14',
};
const SAMCONFIG: PrincipalClue = {
  kind: 'stack',
  id: 'FunctionRole',
  source: 'samconfig',
  stack: 'orders-service-dev',
  logicalId: 'FunctionRole',
  from: 'samconfig.toml:4',
  iamPath: '/',
};
const CDK_OUT: PrincipalClue = {
  kind: 'stack',
  id: 'FunctionRole',
  source: 'cdk.out',
  stack: 'orders-api',
  account: '444455556666',
  region: 'eu-west-1',
  logicalId: 'FunctionRoleA1B2',
  from: 'cdk.out, OrdersApi/FunctionRole/Resource',
  iamPath: '/',
  type: 'role',
};

const DEPLOYED: StackAnswer = {
  ok: true,
  resources: {
    FunctionRole: { physicalId: 'orders-service-dev-FunctionRole-1B8ZCQ4F2X7KD', type: 'AWS::IAM::Role' },
    ReceiptsBucket: { physicalId: 'orders-receipts', type: 'AWS::S3::Bucket' },
  },
  stackId: 'arn:aws:cloudformation:us-east-1:123837392027:stack/orders-service-dev/3b8a92c4',
  fetchedAt: NOW - 5 * 60_000,
};
const MISSING: StackAnswer = {
  ok: false,
  reason: 'CloudFormation has no stack orders-service-dev in us-east-1',
  fetchedAt: NOW,
};

interface Case {
  readonly what: string;
  readonly explicit?: PrincipalMapping;
  readonly clues: readonly PrincipalClue[];
  readonly fallback?: PrincipalMapping;
  readonly account?: AccountAnswer;
  /** By stack name; absent: not looked up (offline); a name missing from it: being asked. */
  readonly stacks?: Record<string, StackAnswer>;
  readonly expected: { principal?: string; evidence?: string; waiting: boolean; passed: string[] };
}

const cases: Case[] = [
  {
    what: 'an explicit mapping wins over everything',
    explicit: MAPPED,
    clues: [NAME, SAMCONFIG],
    account: PROFILE,
    stacks: { 'orders-service-dev': DEPLOYED },
    expected: { ...MAPPED, waiting: false, passed: [] },
  },
  {
    what: "a literal name, in the profile's account, before the stack",
    clues: [NAME, SAMCONFIG],
    account: PROFILE,
    stacks: { 'orders-service-dev': DEPLOYED },
    expected: {
      principal: 'arn:aws:iam::123837392027:role/orders-fn',
      evidence: 'RoleName at template.yaml:14, account 123837392027 of profile default',
      waiting: false,
      passed: [],
    },
  },
  {
    what: "no account for the name: the stack's resources, in the stack's account",
    clues: [NAME, SAMCONFIG],
    account: { problem: 'AWS is not configured' },
    stacks: { 'orders-service-dev': DEPLOYED },
    expected: {
      principal: 'arn:aws:iam::123837392027:role/orders-service-dev-FunctionRole-1B8ZCQ4F2X7KD',
      evidence: 'stack orders-service-dev (samconfig.toml:4), FunctionRole (DescribeStackResources, 5 minutes ago)',
      waiting: false,
      passed: ['RoleName at template.yaml:14: no account to name it in (AWS is not configured)'],
    },
  },
  {
    what: 'a missing stack is said, and cdk.out comes next',
    clues: [SAMCONFIG, CDK_OUT],
    stacks: {
      'orders-service-dev': MISSING,
      'orders-api': {
        ok: true,
        resources: { FunctionRoleA1B2: { physicalId: 'orders-api-FunctionRoleA1B2-XYZ', type: 'AWS::IAM::Role' } },
        fetchedAt: NOW,
      },
    },
    expected: {
      principal: 'arn:aws:iam::444455556666:role/orders-api-FunctionRoleA1B2-XYZ',
      evidence:
        'stack orders-api (cdk.out, OrdersApi/FunctionRole/Resource), FunctionRoleA1B2 (DescribeStackResources, just now)',
      waiting: false,
      passed: [
        'stack orders-service-dev (samconfig.toml:4): CloudFormation has no stack orders-service-dev in us-east-1',
      ],
    },
  },
  {
    what: 'a stack being asked holds the choice: no weaker principal meanwhile',
    clues: [SAMCONFIG, CDK_OUT],
    fallback: FALLBACK,
    stacks: {},
    expected: { waiting: true, passed: [] },
  },
  {
    what: 'the account being asked holds the choice too',
    clues: [NAME],
    fallback: FALLBACK,
    expected: { waiting: true, passed: [] },
  },
  {
    what: 'offline (the CLI): stacks are not looked up; cdk.out with a written name and account answers; else --principal',
    clues: [SAMCONFIG, { ...CDK_OUT, name: 'orders-api-fn' }],
    fallback: FALLBACK,
    account: { problem: 'give --account' },
    expected: {
      principal: 'arn:aws:iam::444455556666:role/orders-api-fn',
      evidence:
        'stack orders-api (cdk.out, OrdersApi/FunctionRole/Resource), FunctionRoleA1B2 named orders-api-fn in its template, account 444455556666 of its environment',
      waiting: false,
      passed: ['stack orders-service-dev (samconfig.toml:4): not looked up (no AWS call here)'],
    },
  },
  {
    what: 'a logical id that is not a role or user in the stack is said; then --principal',
    clues: [{ ...SAMCONFIG, logicalId: 'ReceiptsBucket' }],
    fallback: FALLBACK,
    stacks: { 'orders-service-dev': DEPLOYED },
    expected: {
      ...FALLBACK,
      waiting: false,
      passed: ['stack orders-service-dev (samconfig.toml:4): no role or user ReceiptsBucket in the stack'],
    },
  },
  {
    what: 'a role path that is not written as text is not guessed',
    clues: [{ ...SAMCONFIG, iamPath: undefined }],
    stacks: { 'orders-service-dev': DEPLOYED },
    expected: {
      waiting: false,
      passed: ['stack orders-service-dev (samconfig.toml:4): the path of FunctionRole is not written as text'],
    },
  },
  {
    what: 'a path is part of the ARN',
    clues: [{ ...NAME, iamPath: '/service/' }],
    account: { account: '123837392027', partition: 'aws-cn', from: 'profile china' },
    expected: {
      principal: 'arn:aws-cn:iam::123837392027:role/service/orders-fn',
      evidence: 'RoleName at template.yaml:14, account 123837392027 of profile china',
      waiting: false,
      passed: [],
    },
  },
  {
    what: 'a policy of two principals names neither: map it',
    clues: [NAME, { ...NAME, id: 'OtherRole', name: 'other' }],
    fallback: FALLBACK,
    account: PROFILE,
    expected: {
      ...FALLBACK,
      waiting: false,
      passed: ['the policy applies to FunctionRole, OtherRole: name its principal in .cloudwarden.yaml'],
    },
  },
  {
    what: 'no evidence at all, no fallback: no principal',
    clues: [],
    expected: { waiting: false, passed: [] },
  },
];

describe("the choice of a policy's principal", () => {
  for (const c of cases) {
    test(c.what, () => {
      const asked: string[] = [];
      const choice = choosePrincipal({
        clues: c.clues,
        account: () => {
          asked.push('account');
          return c.account;
        },
        now: NOW,
        ...(c.explicit && { explicit: c.explicit }),
        ...(c.fallback && { fallback: c.fallback }),
        ...(c.stacks && { stack: (name: string) => c.stacks![name] }),
      });
      assert.deepEqual(
        {
          ...(choice.mapping && { principal: choice.mapping.principal, evidence: choice.mapping.evidence }),
          waiting: choice.waiting,
          passed: choice.passed,
        },
        c.expected,
      );
      // The account costs an AWS call: it is asked only when a name needs it.
      if (!c.clues.some((clue) => clue.kind === 'name') || c.explicit) assert.deepEqual(asked, []);
    });
  }
});
