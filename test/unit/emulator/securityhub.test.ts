/**
 * Security Hub over restJson1 through the real SDK against the emulator: the hub of a Region, a
 * Region not subscribed, ASFF findings filtered (severity label, workflow, record state, product,
 * compliance), sorted and paged.
 */
import {
  DescribeHubCommand,
  GetFindingsCommand,
  type GetFindingsCommandInput,
  SecurityHubClient,
  type AwsSecurityFinding,
} from '@aws-sdk/client-securityhub';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Emulator, startEmulator } from '../../emulator/server';
import { emulatorConfig, expectAwsError, fixtureCredentials } from './helpers';

const { user } = fixtureCredentials();

describe('Security Hub through the real SDK', () => {
  let emulator: Emulator;
  const clients = new Map<string, SecurityHubClient>();
  const client = (region = 'us-east-1'): SecurityHubClient => {
    let c = clients.get(region);
    if (!c) clients.set(region, (c = new SecurityHubClient(emulatorConfig(emulator, user, region))));
    return c;
  };
  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    for (const c of clients.values()) c.destroy();
    await emulator.close();
  });

  async function pages(input: Omit<GetFindingsCommandInput, 'NextToken'>): Promise<AwsSecurityFinding[][]> {
    const out: AwsSecurityFinding[][] = [];
    let NextToken: string | undefined;
    do {
      const page = await client().send(new GetFindingsCommand({ ...input, NextToken }));
      out.push(page.Findings ?? []);
      NextToken = page.NextToken;
    } while (NextToken);
    return out;
  }

  it("describes the Region's hub; a Region without one is not subscribed", async () => {
    const hub = await client().send(new DescribeHubCommand({}));
    assert.equal(hub.HubArn, 'arn:aws:securityhub:us-east-1:111122223333:hub/default');
    assert.ok(hub.SubscribedAt);
    const error = await expectAwsError(
      client('us-west-2').send(new DescribeHubCommand({})),
      'InvalidAccessException',
      401,
    );
    assert.equal(error.message, 'Account 111122223333 is not subscribed to AWS Security Hub');
    await expectAwsError(client('us-west-2').send(new GetFindingsCommand({})), 'InvalidAccessException', 401);
  });

  it("pages the Region's findings by three", async () => {
    assert.deepEqual(
      (await pages({})).map((p) => p.length),
      [3, 3, 3],
    );
    assert.deepEqual(
      (await pages({ MaxResults: 2 })).map((p) => p.length),
      [2, 2, 2, 2, 1],
    );
  });

  const filterCases: [string, GetFindingsCommandInput['Filters'], string[]][] = [
    ['critical', { SeverityLabel: [{ Value: 'CRITICAL', Comparison: 'EQUALS' }] }, ['Inspector']],
    [
      'high or critical, active',
      {
        SeverityLabel: [
          { Value: 'HIGH', Comparison: 'EQUALS' },
          { Value: 'CRITICAL', Comparison: 'EQUALS' },
        ],
        RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
      },
      ['GuardDuty', 'Inspector', 'Security Hub', 'Macie'],
    ],
    ['archived', { RecordState: [{ Value: 'ARCHIVED', Comparison: 'EQUALS' }] }, ['Config']],
    [
      'failed compliance',
      { ComplianceStatus: [{ Value: 'FAILED', Comparison: 'EQUALS' }] },
      ['Config', 'Security Hub'],
    ],
    [
      'workflow neither resolved nor suppressed',
      {
        WorkflowStatus: [
          { Value: 'RESOLVED', Comparison: 'NOT_EQUALS' },
          { Value: 'SUPPRESSED', Comparison: 'NOT_EQUALS' },
        ],
      },
      ['GuardDuty', 'Inspector', 'Config', 'Security Hub', 'Macie', 'IAM Access Analyzer'],
    ],
    ['a product by prefix', { ProductName: [{ Value: 'IAM', Comparison: 'PREFIX' }] }, ['IAM Access Analyzer']],
  ];
  for (const [name, filters, products] of filterCases)
    it(`filters: ${name}`, async () => {
      assert.deepEqual(
        (await pages({ Filters: filters })).flat().map((f) => f.ProductName),
        products,
      );
    });

  it('sorts by update time, newest first, and rejects a token of another listing', async () => {
    const sorted = (await pages({ SortCriteria: [{ Field: 'UpdatedAt', SortOrder: 'desc' }] })).flat();
    const times = sorted.map((f) => f.UpdatedAt ?? '');
    assert.deepEqual(times, [...times].sort().reverse());
    const first = await client().send(new GetFindingsCommand({ MaxResults: 1 }));
    await expectAwsError(
      client().send(
        new GetFindingsCommand({
          MaxResults: 1,
          Filters: {},
          SortCriteria: [{ Field: 'Title' }],
          NextToken: first.NextToken,
        }),
      ),
      'InvalidInputException',
      400,
    );
  });
});
