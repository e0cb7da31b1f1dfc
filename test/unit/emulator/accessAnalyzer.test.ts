/**
 * Access Analyzer over restJson1 through the real SDK against the emulator: analyzers by type and
 * Region, findings filtered, sorted and paged, a finding's details paged, a recommendation polled to
 * its end; the modelled errors with their members; faults; and the protocol's own answers.
 */
import {
  AccessAnalyzerClient,
  GenerateFindingRecommendationCommand,
  GetFindingRecommendationCommand,
  type GetFindingRecommendationCommandOutput,
  GetFindingV2Command,
  type GetFindingV2CommandOutput,
  ListAnalyzersCommand,
  ListFindingsV2Command,
  type ListFindingsV2CommandInput,
  type FindingSummaryV2,
} from '@aws-sdk/client-accessanalyzer';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { findDefaultSeedFile, readSeedFile } from '../../emulator/seed';
import { type Emulator, startEmulator } from '../../emulator/server';
import { emulatorConfig, expectAwsError, fixtureCredentials, signRequest } from './helpers';

const { user } = fixtureCredentials();
const ANALYZER = 'arn:aws:access-analyzer:us-east-1:123837392027:analyzer/cloudwarden-unused-access';
const STEAL = 'arn:aws:iam::123837392027:role/stratus-red-team-ec2-steal-credentials-role';
const BERT_FINDING = 'f6ef758e-8465-4c92-bf3d-c0b493d27ab7';
const STEAL_FINDING = 'ec89693e-f25a-4fcd-b3c4-c8b58f99fd0b';
const ORDERS_ROLE_FINDING = 'aaa9874b-e306-4b07-9d8e-f64b48de3994';
const BACKDOOR_KEY_FINDING = 'bee563f4-9fd6-4708-bf85-a110d3525ace';

describe('Access Analyzer through the real SDK', () => {
  let emulator: Emulator;
  let client: AccessAnalyzerClient;
  before(async () => {
    emulator = await startEmulator();
    client = new AccessAnalyzerClient(emulatorConfig(emulator, user));
  });
  after(async () => {
    client.destroy();
    await emulator.close();
  });
  afterEach(() => emulator.faults.clear());

  async function allFindings(input: Omit<ListFindingsV2CommandInput, 'nextToken'>): Promise<FindingSummaryV2[][]> {
    const pages: FindingSummaryV2[][] = [];
    let nextToken: string | undefined;
    do {
      const out = await client.send(new ListFindingsV2Command({ ...input, ...(nextToken && { nextToken }) }));
      pages.push(out.findings ?? []);
      nextToken = out.nextToken;
    } while (nextToken !== undefined);
    return pages;
  }

  it("lists the Region's analyzers, of one type when asked, with an unused-access analyzer's age", async () => {
    const all = await client.send(new ListAnalyzersCommand({}));
    assert.deepEqual(
      all.analyzers?.map((a) => [a.name, a.type, a.status]),
      [
        ['ConsoleAnalyzer-account', 'ACCOUNT', 'ACTIVE'],
        ['cloudwarden-unused-access', 'ACCOUNT_UNUSED_ACCESS', 'ACTIVE'],
      ],
    );
    const paged = await client.send(new ListAnalyzersCommand({ maxResults: 1 }));
    assert.equal(paged.analyzers?.length, 1);
    const rest = await client.send(new ListAnalyzersCommand({ maxResults: 1, nextToken: paged.nextToken! }));
    assert.equal(rest.analyzers?.[0]?.name, 'cloudwarden-unused-access');
    assert.equal(rest.nextToken, undefined);
    const unused = await client.send(new ListAnalyzersCommand({ type: 'ACCOUNT_UNUSED_ACCESS' }));
    assert.equal(unused.analyzers?.length, 1);
    const analyzer = unused.analyzers![0]!;
    assert.equal(analyzer.arn, ANALYZER);
    assert.equal(analyzer.configuration?.unusedAccess?.unusedAccessAge, 90);
    assert.ok(analyzer.createdAt instanceof Date && analyzer.lastResourceAnalyzedAt instanceof Date);
    const west = new AccessAnalyzerClient(emulatorConfig(emulator, user, 'eu-west-1'));
    assert.deepEqual((await west.send(new ListAnalyzersCommand({}))).analyzers, []);
    west.destroy();
  });

  it("filters a principal's active findings, and pages, sorts and filters by type", async () => {
    const active = await allFindings({
      analyzerArn: ANALYZER,
      filter: { resource: { eq: [STEAL] }, status: { eq: ['ACTIVE'] } },
    });
    assert.deepEqual(
      active.flat().map((f) => [f.id, f.findingType, f.resourceType, f.resourceOwnerAccount, f.status]),
      [[STEAL_FINDING, 'UnusedPermission', 'AWS::IAM::Role', '123837392027', 'ACTIVE']],
    );
    const any = await allFindings({ analyzerArn: ANALYZER, filter: { resource: { eq: [STEAL] } } });
    assert.deepEqual(
      any.flat().map((f) => f.status),
      ['ACTIVE', 'RESOLVED'],
    );
    const pages = await allFindings({ analyzerArn: ANALYZER });
    assert.deepEqual(
      pages.map((p) => p.length),
      [2, 2, 2],
    );
    const sorted = await allFindings({ analyzerArn: ANALYZER, sort: { attributeName: 'createdAt', orderBy: 'ASC' } });
    const created = sorted.flat().map((f) => f.createdAt!.getTime());
    assert.deepEqual(
      created,
      [...created].sort((a, b) => a - b),
    );
    const roles = await allFindings({
      analyzerArn: ANALYZER,
      filter: { findingType: { eq: ['UnusedIAMRole'] }, resource: { contains: ['orders-service'] } },
    });
    assert.deepEqual(
      roles.flat().map((f) => f.id),
      [ORDERS_ROLE_FINDING],
    );
  });

  it("gives a finding's details in pages, one per unused service", async () => {
    const pages: GetFindingV2CommandOutput[] = [];
    let nextToken: string | undefined;
    do {
      const out = await client.send(
        new GetFindingV2Command({ analyzerArn: ANALYZER, id: BERT_FINDING, ...(nextToken && { nextToken }) }),
      );
      pages.push(out);
      nextToken = out.nextToken;
    } while (nextToken !== undefined);
    assert.deepEqual(
      pages.map((p) => p.findingDetails?.length),
      [2, 2, 2],
    );
    assert.equal(pages[0]!.findingType, 'UnusedPermission');
    assert.equal(pages[0]!.resource, 'arn:aws:iam::123837392027:user/bert-jan');
    const services = pages.flatMap((p) => p.findingDetails ?? []).map((d) => d.unusedPermissionDetails!);
    assert.deepEqual(
      services.map((s) => [s.serviceNamespace, s.lastAccessed !== undefined, s.actions?.map((a) => a.action)]),
      [
        ['ec2', true, ['ec2:StopInstances', 'ec2:CreateKeyPair']],
        ['iam', true, ['iam:CreateServiceLinkedRole', 'iam:UpdateLoginProfile']],
        ['s3', true, ['s3:PutBucketAcl', 's3:PutEncryptionConfiguration']],
        ['lambda', true, ['lambda:PublishLayerVersion', 'lambda:UpdateFunctionConfiguration']],
        ['dynamodb', false, undefined],
        ['sqs', false, undefined],
      ],
    );
    assert.ok(services[0]!.actions![1]!.lastAccessed instanceof Date);
    assert.equal(services[0]!.actions![0]!.lastAccessed, undefined);

    const role = await client.send(new GetFindingV2Command({ analyzerArn: ANALYZER, id: ORDERS_ROLE_FINDING }));
    assert.deepEqual(role.findingDetails, [{ unusedIamRoleDetails: {} }]);
    const key = await client.send(new GetFindingV2Command({ analyzerArn: ANALYZER, id: BACKDOOR_KEY_FINDING }));
    assert.equal(key.findingDetails?.[0]?.unusedIamUserAccessKeyDetails?.accessKeyId, 'AKIAEXAMPLEBACKDOOR1');
    assert.ok(key.findingDetails?.[0]?.unusedIamUserAccessKeyDetails?.lastAccessed instanceof Date);
  });

  it('generates a recommendation: IN_PROGRESS first, then SUCCEEDED with its steps in pages', async () => {
    await expectAwsError(
      client.send(new GetFindingRecommendationCommand({ analyzerArn: ANALYZER, id: STEAL_FINDING })),
      'ResourceNotFoundException',
      404,
    );
    await client.send(new GenerateFindingRecommendationCommand({ analyzerArn: ANALYZER, id: BERT_FINDING }));
    const first = await client.send(new GetFindingRecommendationCommand({ analyzerArn: ANALYZER, id: BERT_FINDING }));
    assert.equal(first.status, 'IN_PROGRESS');
    assert.equal(first.recommendationType, 'UnusedPermissionRecommendation');
    assert.equal(first.resourceArn, 'arn:aws:iam::123837392027:user/bert-jan');
    const pages: GetFindingRecommendationCommandOutput[] = [];
    let nextToken: string | undefined;
    do {
      const out = await client.send(
        new GetFindingRecommendationCommand({
          analyzerArn: ANALYZER,
          id: BERT_FINDING,
          ...(nextToken && { nextToken }),
        }),
      );
      pages.push(out);
      nextToken = out.nextToken;
    } while (nextToken !== undefined);
    assert.ok(pages.every((p) => p.status === 'SUCCEEDED' && p.completedAt instanceof Date));
    const steps = pages.flatMap((p) => p.recommendedSteps ?? []).map((s) => s.unusedPermissionsRecommendedStep!);
    assert.deepEqual(
      steps.map((s) => [s.recommendedAction, s.existingPolicyId]),
      [
        ['DETACH_POLICY', 'arn:aws:iam::aws:policy/AmazonSQSFullAccess'],
        ['DETACH_POLICY', 'arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess'],
        ['CREATE_POLICY', 'arn:aws:iam::123837392027:policy/sandbox-operator'],
      ],
    );
    const policy = JSON.parse(steps[2]!.recommendedPolicy!) as { Statement: { Action: string[] }[] };
    assert.ok(policy.Statement[0]!.Action.includes('s3:CreateBucket'));
  });

  it('refuses with the modelled errors and their members', async () => {
    const notFound = await expectAwsError(
      client.send(new GetFindingV2Command({ analyzerArn: ANALYZER, id: '00000000-0000-4000-8000-000000000000' })),
      'ResourceNotFoundException',
      404,
    );
    assert.deepEqual(
      {
        id: (notFound as unknown as { resourceId: string }).resourceId,
        type: (notFound as unknown as { resourceType: string }).resourceType,
      },
      { id: '00000000-0000-4000-8000-000000000000', type: 'AWS::AccessAnalyzer::Finding' },
    );
    const cases: [string, () => Promise<unknown>, string, number][] = [
      [
        'an analyzer of another Region',
        () => client.send(new ListFindingsV2Command({ analyzerArn: ANALYZER.replace('us-east-1', 'eu-west-1') })),
        'ResourceNotFoundException',
        404,
      ],
      [
        'an unknown filter key',
        () => client.send(new ListFindingsV2Command({ analyzerArn: ANALYZER, filter: { principal: { eq: ['x'] } } })),
        'ValidationException',
        400,
      ],
      [
        'an analyzer ARN of the wrong form',
        () => client.send(new ListFindingsV2Command({ analyzerArn: 'not-an-arn' })),
        'ValidationException',
        400,
      ],
      [
        'an unknown analyzer type',
        () => client.send(new ListAnalyzersCommand({ type: 'EVERYTHING' as 'ACCOUNT' })),
        'ValidationException',
        400,
      ],
      [
        'a recommendation for an unused role',
        () => client.send(new GenerateFindingRecommendationCommand({ analyzerArn: ANALYZER, id: ORDERS_ROLE_FINDING })),
        'ValidationException',
        400,
      ],
    ];
    for (const [what, call, name, status] of cases) {
      const error = await expectAwsError(call(), name, status);
      assert.ok(error.message.length > 0, what);
    }
    const invalid = await expectAwsError(
      client.send(new ListAnalyzersCommand({ type: 'EVERYTHING' as 'ACCOUNT' })),
      'ValidationException',
      400,
    );
    assert.deepEqual((invalid as unknown as { fieldList: { name: string }[] }).fieldList[0]?.name, 'type');
  });

  it('fails as a fault says, naming the IAM action of a V2 call', async () => {
    const list = (): Promise<unknown> => client.send(new ListFindingsV2Command({ analyzerArn: ANALYZER }));
    emulator.faults.add({ service: 'access-analyzer', operation: 'ListFindingsV2', kind: 'accessDenied', times: 1 });
    const denied = await expectAwsError(list(), 'AccessDeniedException', 403);
    assert.match(denied.message, /not authorized to perform: access-analyzer:ListFindings because/);
    emulator.faults.add({ service: 'access-analyzer', kind: 'throttle', times: 1 });
    await expectAwsError(list(), 'ThrottlingException', 429);
    emulator.faults.add({ service: 'access-analyzer', kind: 'serverError', times: 1 });
    await expectAwsError(list(), 'InternalServerException', 500);
    await list();
  });

  it("answers in restJson1's own way: the code in x-amzn-ErrorType, JSON bodies, 404 for an unknown path", async () => {
    const host = new URL(emulator.url).host;
    const call = async (method: string, path: string, query = '', body = ''): Promise<Response> => {
      const req = signRequest({
        method,
        path,
        query,
        host,
        service: 'access-analyzer',
        headers: { 'content-type': 'application/json' },
        body,
        accessKeyId: user.accessKeyId,
        secretAccessKey: user.secretAccessKey,
        date: new Date(),
      });
      const { host: _host, ...headers } = req.headers;
      return fetch(emulator.url + req.rawUrl, { method, headers, ...(method !== 'GET' && { body }) });
    };
    const listed = await call('GET', '/analyzer', 'type=ACCOUNT_UNUSED_ACCESS');
    assert.equal(listed.status, 200);
    assert.equal(listed.headers.get('content-type'), 'application/json');
    const body = (await listed.json()) as { analyzers: { arn: string; createdAt: string }[] };
    assert.equal(body.analyzers[0]?.arn, ANALYZER);
    assert.match(body.analyzers[0]?.createdAt ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'ISO 8601 date-times');
    const unknown = await call('GET', '/no/such/path');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.headers.get('x-amzn-errortype'), 'UnknownOperationException');
    const broken = await call('POST', '/findingv2', '', '{not json');
    assert.equal(broken.status, 400);
    assert.equal(broken.headers.get('x-amzn-errortype'), 'SerializationException');
    const unsigned = await fetch(`${emulator.url}/analyzer`);
    assert.equal(unsigned.status, 403);
    assert.equal(unsigned.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
    assert.deepEqual(await unsigned.json(), { message: 'Request is missing Authentication Token' });
  });
});

describe('Access Analyzer recommendations that fail', () => {
  it('ends FAILED with the error the seed gives', async () => {
    const seed = readSeedFile(findDefaultSeedFile());
    const emulator = await startEmulator({
      seed: {
        ...seed,
        services: {
          'access-analyzer': {
            analyzers: [
              {
                arn: ANALYZER,
                type: 'ACCOUNT_UNUSED_ACCESS',
                createdDaysAgo: 10,
                findings: [
                  {
                    id: STEAL_FINDING,
                    type: 'UnusedPermission',
                    resource: STEAL,
                    createdDaysAgo: 1,
                    services: [{ namespace: 's3' }],
                    recommendation: {
                      error: { code: 'SERVICE_ERROR', message: 'The recommendation could not be generated.' },
                    },
                  },
                ],
              },
            ],
          },
        },
      },
    });
    const client = new AccessAnalyzerClient(emulatorConfig(emulator, user));
    await client.send(new GenerateFindingRecommendationCommand({ analyzerArn: ANALYZER, id: STEAL_FINDING }));
    const first = await client.send(new GetFindingRecommendationCommand({ analyzerArn: ANALYZER, id: STEAL_FINDING }));
    const second = await client.send(new GetFindingRecommendationCommand({ analyzerArn: ANALYZER, id: STEAL_FINDING }));
    client.destroy();
    await emulator.close();
    assert.equal(first.status, 'IN_PROGRESS');
    assert.equal(second.status, 'FAILED');
    assert.deepEqual(second.error, { code: 'SERVICE_ERROR', message: 'The recommendation could not be generated.' });
    assert.equal(second.recommendedSteps, undefined);
  });
});
