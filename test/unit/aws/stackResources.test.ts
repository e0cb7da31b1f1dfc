/**
 * A deployed stack's resources by logical id, through the gateway and the real SDK against the emulator,
 * and why they cannot be read: no such stack (or not in this Region), access denied, throttled for good,
 * cancelled.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { stackResources, type StackOptions, type StackResource } from '../../../src/aws';
import type { AwsProblem } from '../../../src/core';
import { emulatorGateway } from './emulatorGateway';

describe('stack resources against the emulator, with the real SDK', () => {
  const aws = emulatorGateway();

  test("maps the demo template's logical ids to what was deployed", async () => {
    const result = await stackResources(aws.gateway, 'stratus-red-team-sandbox');
    // Every resource carries its stack's ARN: the account a role's ARN is in.
    const stackId =
      'arn:aws:cloudformation:us-east-1:123837392027:stack/stratus-red-team-sandbox/89789b7a-743c-4caa-aa27-563e77219c5b';
    const role: StackResource = {
      physicalId: 'stratus-red-team-ec2-steal-credentials-role',
      type: 'AWS::IAM::Role',
      stackId,
    };
    assert.deepEqual(result, {
      ok: true,
      value: {
        TrailBucket: { physicalId: 'stratus-red-team-ctlr-bucket-zqfsvooxqj', type: 'AWS::S3::Bucket', stackId },
        LogsBucket: { physicalId: 'stratus-red-team-olc-bucket-xhfgzaowxc', type: 'AWS::S3::Bucket', stackId },
        InstanceRole: role,
        BackdoorUser: { physicalId: 'stratus-red-team-backdoor-u-user', type: 'AWS::IAM::User', stackId },
        ObjectLockFunction: {
          physicalId: 'stratus-red-team-olc-func-xhfgzaowxc',
          type: 'AWS::Lambda::Function',
          stackId,
        },
      },
    });
  });

  test('waits out a throttle', async () => {
    aws.emulator.faults.add({ service: 'cloudformation', kind: 'throttle', times: 2 });
    const result = await stackResources(aws.gateway, 'orders-service-dev');
    assert.ok(result.ok);
    assert.equal(result.value['FunctionRole']?.physicalId, 'orders-service-dev-FunctionRole-1B8ZCQ4F2X7KD');
  });

  const failures: [string, string, () => StackOptions, AwsProblem['kind'], RegExp][] = [
    [
      'no such stack',
      'orders-service-prod',
      () => ({}),
      'noSuchStack',
      /^CloudFormation has no stack orders-service-prod in us-east-1: deploy it, or check the stack's name and the Region\.$/,
    ],
    [
      'a stack of another Region',
      'orders-service-dev',
      () => ({ region: 'eu-central-1' }),
      'noSuchStack',
      /^CloudFormation has no stack orders-service-dev in eu-central-1/,
    ],
    [
      'access denied',
      'orders-service-dev',
      () => {
        aws.emulator.faults.add({ service: 'cloudformation', kind: 'accessDenied' });
        return {};
      },
      'accessDenied',
      /^AWS denied cloudformation:DescribeStackResources to arn:aws:iam::111122223333:user\/dev-alice/,
    ],
    [
      'throttled past every retry',
      'orders-service-dev',
      () => {
        aws.emulator.faults.add({ service: 'cloudformation', kind: 'throttle' });
        return {};
      },
      'throttled',
      /^AWS is throttling CloudFormation DescribeStackResources in us-east-1 for this account/,
    ],
    [
      'cancelled before it started',
      'orders-service-dev',
      () => ({ signal: AbortSignal.abort() }),
      'cancelled',
      /^CloudFormation DescribeStackResources was cancelled before it finished\.$/,
    ],
  ];
  for (const [what, stack, arrange, kind, sentence] of failures) {
    test(`says why: ${what}`, async () => {
      const result = await stackResources(aws.gateway, stack, arrange());
      assert.ok(!result.ok);
      assert.equal(result.problem.kind, kind);
      assert.match(result.problem.sentence, sentence);
    });
  }
});
