/**
 * CloudFormation DescribeStackResources through the real SDK against the emulator: a stack's resources
 * by name, by stack id, by a physical id, one logical id; ValidationError as CloudFormation words it;
 * stacks are regional.
 */
import {
  CloudFormationClient,
  DescribeStackResourcesCommand,
  type DescribeStackResourcesCommandInput,
} from '@aws-sdk/client-cloudformation';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Emulator, startEmulator } from '../../emulator/server';
import { emulatorConfig, expectAwsError, fixtureCredentials } from './helpers';

const { user } = fixtureCredentials();
const SANDBOX_ID =
  'arn:aws:cloudformation:us-east-1:123837392027:stack/stratus-red-team-sandbox/89789b7a-743c-4caa-aa27-563e77219c5b';

describe('CloudFormation DescribeStackResources through the real SDK', () => {
  let emulator: Emulator;
  let client: CloudFormationClient;
  before(async () => {
    emulator = await startEmulator();
    client = new CloudFormationClient(emulatorConfig(emulator, user));
  });
  after(async () => {
    client.destroy();
    await emulator.close();
  });

  it("lists a stack's resources by its name, with the members CloudFormation sends", async () => {
    const out = await client.send(new DescribeStackResourcesCommand({ StackName: 'stratus-red-team-sandbox' }));
    assert.deepEqual(
      out.StackResources?.map((r) => [r.LogicalResourceId, r.PhysicalResourceId, r.ResourceType]),
      [
        ['TrailBucket', 'stratus-red-team-ctlr-bucket-zqfsvooxqj', 'AWS::S3::Bucket'],
        ['LogsBucket', 'stratus-red-team-olc-bucket-xhfgzaowxc', 'AWS::S3::Bucket'],
        ['InstanceRole', 'stratus-red-team-ec2-steal-credentials-role', 'AWS::IAM::Role'],
        ['BackdoorUser', 'stratus-red-team-backdoor-u-user', 'AWS::IAM::User'],
        ['ObjectLockFunction', 'stratus-red-team-olc-func-xhfgzaowxc', 'AWS::Lambda::Function'],
      ],
    );
    const role = out.StackResources![2]!;
    assert.equal(role.StackName, 'stratus-red-team-sandbox');
    assert.equal(role.StackId, SANDBOX_ID);
    assert.equal(role.ResourceStatus, 'CREATE_COMPLETE');
    assert.equal(role.DriftInformation?.StackResourceDriftStatus, 'NOT_CHECKED');
    assert.ok(role.Timestamp instanceof Date && role.Timestamp.getTime() < Date.now());
  });

  it('finds the stack by its id or by a physical id, and narrows to one logical id', async () => {
    const cases: [string, DescribeStackResourcesCommandInput, string[]][] = [
      [
        'stack id',
        { StackName: SANDBOX_ID },
        ['TrailBucket', 'LogsBucket', 'InstanceRole', 'BackdoorUser', 'ObjectLockFunction'],
      ],
      [
        'physical id',
        { PhysicalResourceId: 'orders-service-dev-FunctionRole-1B8ZCQ4F2X7KD' },
        ['ReceiptsKey', 'ReceiptsBucket', 'ReceiptsBucketPolicy', 'FunctionRole', 'OrdersFunction'],
      ],
      ['logical id', { StackName: 'orders-service-dev', LogicalResourceId: 'FunctionRole' }, ['FunctionRole']],
    ];
    for (const [what, input, logicalIds] of cases) {
      const out = await client.send(new DescribeStackResourcesCommand(input));
      assert.deepEqual(
        out.StackResources?.map((r) => r.LogicalResourceId),
        logicalIds,
        what,
      );
    }
  });

  it('answers ValidationError in its own words', async () => {
    const west = new CloudFormationClient(emulatorConfig(emulator, user, 'eu-west-1'));
    const cases: [string, () => Promise<unknown>, RegExp][] = [
      [
        'an unknown stack',
        () => client.send(new DescribeStackResourcesCommand({ StackName: 'no-such-stack' })),
        /^Stack with id no-such-stack does not exist$/,
      ],
      [
        'a stack of another Region',
        () => west.send(new DescribeStackResourcesCommand({ StackName: 'stratus-red-team-sandbox' })),
        /^Stack with id stratus-red-team-sandbox does not exist$/,
      ],
      [
        'an unknown physical id',
        () => client.send(new DescribeStackResourcesCommand({ PhysicalResourceId: 'i-0123456789abcdef0' })),
        /^Stack for i-0123456789abcdef0 does not exist$/,
      ],
      [
        'an unknown logical id',
        () =>
          client.send(
            new DescribeStackResourcesCommand({ StackName: 'orders-service-dev', LogicalResourceId: 'Nope' }),
          ),
        /^Resource Nope does not exist for stack orders-service-dev$/,
      ],
      [
        'neither name nor physical id',
        () => client.send(new DescribeStackResourcesCommand({})),
        /Either StackName or PhysicalResourceId/,
      ],
    ];
    for (const [what, call, message] of cases)
      assert.match((await expectAwsError(call(), 'ValidationError', 400)).message, message, what);
    west.destroy();
  });

  it('fails as a fault says', async () => {
    emulator.faults.add({ service: 'cloudformation', kind: 'accessDenied', times: 1 });
    const error = await expectAwsError(
      client.send(new DescribeStackResourcesCommand({ StackName: 'orders-service-dev' })),
      'AccessDenied',
      403,
    );
    assert.match(error.message, /not authorized to perform: cloudformation:DescribeStackResources because/);
  });
});
