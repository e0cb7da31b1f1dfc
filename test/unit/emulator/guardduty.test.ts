/**
 * GuardDuty over restJson1 through the real SDK against the emulator: detectors per Region (none in
 * us-west-2), findings filtered by severity, type, archived and update time, sorted and paged, read in
 * full, counted by severity; the modelled errors.
 */
import {
  GetFindingsCommand,
  GetFindingsStatisticsCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  ListFindingsCommand,
  type ListFindingsCommandInput,
} from '@aws-sdk/client-guardduty';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Emulator, startEmulator } from '../../emulator/server';
import { emulatorConfig, expectAwsError, fixtureCredentials } from './helpers';

const { user } = fixtureCredentials();
const DAY_MS = 86_400_000;

describe('GuardDuty through the real SDK', () => {
  let emulator: Emulator;
  const clients = new Map<string, GuardDutyClient>();
  const client = (region = 'us-east-1'): GuardDutyClient => {
    let c = clients.get(region);
    if (!c) clients.set(region, (c = new GuardDutyClient(emulatorConfig(emulator, user, region))));
    return c;
  };
  let detectorId: string;
  before(async () => {
    emulator = await startEmulator();
    detectorId = (await client().send(new ListDetectorsCommand({}))).DetectorIds?.[0] ?? '';
  });
  after(async () => {
    for (const c of clients.values()) c.destroy();
    await emulator.close();
  });

  async function ids(input: Omit<ListFindingsCommandInput, 'DetectorId' | 'NextToken'>): Promise<string[][]> {
    const pages: string[][] = [];
    let NextToken: string | undefined;
    do {
      const out = await client().send(new ListFindingsCommand({ DetectorId: detectorId, ...input, NextToken }));
      pages.push(out.FindingIds ?? []);
      NextToken = out.NextToken;
    } while (NextToken);
    return pages;
  }

  it('has one detector in us-east-1 and eu-west-1, none in us-west-2', async () => {
    for (const [region, count] of [
      ['us-east-1', 1],
      ['eu-west-1', 1],
      ['us-west-2', 0],
    ] as const) {
      const out = await client(region).send(new ListDetectorsCommand({}));
      assert.equal(out.DetectorIds?.length, count, region);
    }
    assert.match(detectorId, /^[0-9a-f]{32}$/);
  });

  it('pages the ids by the seed page size (4), or smaller when MaxResults says', async () => {
    assert.deepEqual(
      (await ids({})).map((p) => p.length),
      [4, 4, 4, 1],
    );
    assert.deepEqual(
      (await ids({ MaxResults: 5 })).map((p) => p.length),
      [4, 4, 4, 1],
      'never more than the page size',
    );
    assert.deepEqual(
      (await ids({ MaxResults: 2 })).map((p) => p.length),
      [2, 2, 2, 2, 2, 2, 1],
    );
  });

  const criteriaCases: [string, ListFindingsCommandInput['FindingCriteria'], number][] = [
    ['high and critical', { Criterion: { severity: { Gte: 7 } } }, 5],
    ['critical', { Criterion: { severity: { GreaterThanOrEqual: 9 } } }, 1],
    ['low', { Criterion: { severity: { Lt: 4 } } }, 3],
    ['archived', { Criterion: { 'service.archived': { Eq: ['true'] } } }, 3],
    ['not archived and high', { Criterion: { 'service.archived': { Eq: ['false'] }, severity: { Gte: 7 } } }, 4],
    ['a type', { Criterion: { type: { Eq: ['CryptoCurrency:EC2/BitcoinTool.B!DNS'] } } }, 1],
    ['not a type', { Criterion: { type: { Neq: ['Recon:IAMUser/MaliciousIPCaller'] } } }, 12],
    ['updated in the last 3 days', { Criterion: { updatedAt: { Gte: Date.now() - 3 * DAY_MS } } }, 5],
  ];
  for (const [name, criteria, count] of criteriaCases)
    it(`filters: ${name}`, async () => {
      assert.equal((await ids({ FindingCriteria: criteria })).flat().length, count);
    });

  it('sorts by severity, and reads up to 50 findings in full', async () => {
    const sorted = (await ids({ SortCriteria: { AttributeName: 'severity', OrderBy: 'DESC' } })).flat();
    const out = await client().send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: sorted }));
    const byId = new Map(out.Findings?.map((f) => [f.Id, f]));
    const severities = sorted.map((id) => byId.get(id)?.Severity ?? 0);
    assert.deepEqual(
      severities,
      [...severities].sort((a, b) => b - a),
    );
    const exfil = out.Findings?.find((f) => f.Type?.includes('InstanceCredentialExfiltration'));
    assert.equal(exfil?.Resource?.AccessKeyDetails?.UserName, 'stratus-red-team-ec2-steal-credentials-role');
    assert.equal(exfil?.Service?.Action?.AwsApiCallAction?.Api, 'DescribeInstances');
    assert.equal(exfil?.Service?.Count, 14);
    assert.equal(exfil?.Service?.Archived, false);
    assert.equal(exfil?.AccountId, '123837392027');
    assert.ok(exfil?.Service?.EventFirstSeen && exfil.Service.EventLastSeen);
    const ssh = out.Findings?.find((f) => f.Type === 'UnauthorizedAccess:EC2/SSHBruteForce');
    assert.equal(ssh?.Service?.Action?.NetworkConnectionAction?.ConnectionDirection, 'INBOUND');
    await expectAwsError(
      client().send(new GetFindingsCommand({ DetectorId: detectorId, FindingIds: Array(51).fill(sorted[0]) })),
      'BadRequestException',
      400,
    );
  });

  it('counts findings by severity, under the same criteria', async () => {
    const all = await client().send(
      new GetFindingsStatisticsCommand({ DetectorId: detectorId, FindingStatisticTypes: ['COUNT_BY_SEVERITY'] }),
    );
    assert.deepEqual(all.FindingStatistics?.CountBySeverity, { '2.0': 3, '5.0': 5, '8.0': 4, '9.5': 1 });
    const open = await client().send(
      new GetFindingsStatisticsCommand({
        DetectorId: detectorId,
        FindingStatisticTypes: ['COUNT_BY_SEVERITY'],
        FindingCriteria: { Criterion: { 'service.archived': { Eq: ['false'] } } },
      }),
    );
    assert.deepEqual(open.FindingStatistics?.CountBySeverity, { '2.0': 2, '5.0': 4, '8.0': 3, '9.5': 1 });
  });

  it("rejects another Region's detector, an unknown criterion and a token of another listing", async () => {
    await expectAwsError(
      client('eu-west-1').send(new ListFindingsCommand({ DetectorId: detectorId })),
      'BadRequestException',
      400,
    );
    await expectAwsError(
      client().send(
        new ListFindingsCommand({
          DetectorId: detectorId,
          FindingCriteria: { Criterion: { colour: { Eq: ['red'] } } },
        }),
      ),
      'BadRequestException',
      400,
    );
    const first = await client().send(new ListFindingsCommand({ DetectorId: detectorId }));
    await expectAwsError(
      client().send(
        new ListFindingsCommand({
          DetectorId: detectorId,
          SortCriteria: { AttributeName: 'type' },
          NextToken: first.NextToken,
        }),
      ),
      'BadRequestException',
      400,
    );
  });
});
