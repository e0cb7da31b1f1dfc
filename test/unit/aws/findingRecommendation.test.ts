/**
 * Access Analyzer's recommendation for a finding, through the gateway and the real SDK against the
 * emulator: generated, polled until it ends, read page by page; and every way it can fail (a failed
 * recommendation, a finding gone, a finding of another type, too long, cancelled).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingRecommendation, type RecommendationOptions, type RecommendedStep } from '../../../src/aws';
import type { AwsProblem } from '../../../src/core';
import { findDefaultSeedFile, readSeedFile } from '../../emulator/seed';
import { emulatorGateway } from './emulatorGateway';

const ANALYZER = 'arn:aws:access-analyzer:us-east-1:123837392027:analyzer/cloudwarden-unused-access';
const FAST: RecommendationOptions = { poll: { firstMs: 5, maxMs: 20 } };
const FAILING = '00000000-0000-4000-8000-00000000000f';

describe('Access Analyzer recommendations against the emulator, with the real SDK', () => {
  const aws = emulatorGateway(() => {
    const seed = readSeedFile(findDefaultSeedFile());
    const section = seed.services['access-analyzer'] as { analyzers: { findings?: unknown[] }[] };
    // The fixture's analyzer, with one more finding whose recommendation fails.
    const analyzers = section.analyzers.map((a) =>
      a.findings === undefined
        ? a
        : {
            ...a,
            findings: [
              ...a.findings,
              {
                id: FAILING,
                type: 'UnusedPermission',
                resource: 'arn:aws:iam::123837392027:user/benjamin',
                createdDaysAgo: 3,
                services: [{ namespace: 'route53' }],
                recommendation: { error: { code: 'SERVICE_ERROR', message: 'The policy could not be analyzed' } },
              },
            ],
          },
    );
    return {
      seed: { ...seed, services: { ...seed.services, 'access-analyzer': { ...section, analyzers } } },
    };
  });

  test('generates, polls until it ends, and reads every page of steps', async () => {
    const result = await findingRecommendation(aws.gateway, ANALYZER, 'f6ef758e-8465-4c92-bf3d-c0b493d27ab7', FAST);
    assert.ok(result.ok, JSON.stringify(result));
    const steps: readonly RecommendedStep[] = result.value;
    assert.deepEqual(
      steps.map((s) => [s.action, s.existingPolicyId, s.recommendedPolicy !== undefined]),
      [
        ['DETACH_POLICY', 'arn:aws:iam::aws:policy/AmazonSQSFullAccess', false],
        ['DETACH_POLICY', 'arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess', false],
        ['CREATE_POLICY', 'arn:aws:iam::123837392027:policy/sandbox-operator', true],
      ],
    );
    const policy = JSON.parse(steps[2]!.recommendedPolicy!) as { Version: string };
    assert.equal(policy.Version, '2012-10-17');
    assert.equal(aws.emulator.requests.count('access-analyzer', 'GenerateFindingRecommendation'), 1);
    assert.equal(
      aws.emulator.requests.count('access-analyzer', 'GetFindingRecommendation'),
      3,
      'IN_PROGRESS, then 2 pages',
    );
  });

  test('a finding with nothing to recommend has no steps; throttling is waited out', async () => {
    aws.emulator.faults.add({
      service: 'access-analyzer',
      operation: 'GetFindingRecommendation',
      kind: 'throttle',
      times: 2,
    });
    const result = await findingRecommendation(aws.gateway, ANALYZER, '574eb665-98fd-47b8-a02b-6e6dbf693d29', FAST);
    assert.deepEqual(result, { ok: true, value: [] });
  });

  const failures: [string, string, RecommendationOptions, AwsProblem['kind'], RegExp][] = [
    [
      'a recommendation that failed',
      FAILING,
      FAST,
      'recommendationFailed',
      /^IAM Access Analyzer could not recommend a policy for finding 00000000-0000-4000-8000-00000000000f: The policy could not be analyzed \(SERVICE_ERROR\)\.$/,
    ],
    [
      'a finding that is gone',
      '00000000-0000-4000-8000-000000000000',
      FAST,
      'notFound',
      /^IAM Access Analyzer no longer has what GenerateFindingRecommendation asked for in us-east-1 \(Finding 00000000-0000-4000-8000-000000000000 not found\)/,
    ],
    [
      'a finding about an unused role (a caller mistake)',
      'aaa9874b-e306-4b07-9d8e-f64b48de3994',
      FAST,
      'invalidRequest',
      /^AWS refused AccessAnalyzer GenerateFindingRecommendation in us-east-1 as invalid \(400 ValidationException\)/,
    ],
    [
      'a recommendation that takes too long',
      'ec89693e-f25a-4fcd-b3c4-c8b58f99fd0b',
      { poll: { firstMs: 50, maxMs: 50 }, maxWaitMs: 10 },
      'timeout',
      /^IAM Access Analyzer had not finished the recommendation for finding ec89693e-f25a-4fcd-b3c4-c8b58f99fd0b after 0 s/,
    ],
  ];
  for (const [what, id, options, kind, sentence] of failures) {
    test(`says why there are no steps: ${what}`, async () => {
      const result = await findingRecommendation(aws.gateway, ANALYZER, id, options);
      assert.ok(!result.ok);
      assert.equal(result.problem.kind, kind);
      assert.match(result.problem.sentence, sentence);
    });
  }

  test('a cancel stops the polling at once', async () => {
    const controller = new AbortController();
    const pending = findingRecommendation(aws.gateway, ANALYZER, 'ec89693e-f25a-4fcd-b3c4-c8b58f99fd0b', {
      poll: { firstMs: 60_000, maxMs: 60_000 },
      signal: controller.signal,
    });
    while (aws.emulator.requests.count('access-analyzer', 'GetFindingRecommendation') === 0)
      await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const result = await pending;
    // Cancelled while waiting between polls, or (when the abort beats the first answer) during the poll itself.
    assert.ok(!result.ok);
    assert.equal(result.problem.kind, 'cancelled');
    assert.match(
      result.problem.sentence,
      /^(The Access Analyzer recommendation was cancelled|AccessAnalyzer GetFindingRecommendation in us-east-1 was cancelled before it finished)\.$/,
    );
  });
});
