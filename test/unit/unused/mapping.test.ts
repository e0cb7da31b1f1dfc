import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  describeEvidence,
  describeUse,
  principalOf,
  ProjectFiles,
  projectMappingRules,
  readPolicySource,
} from '../../../src/core';

const TEMPLATE = `Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Statement: [] }
      Policies:
        - PolicyName: app
          PolicyDocument: { Statement: [{ Effect: Allow, Action: s3:ListAllMyBuckets, Resource: '*' }] }
  WorkerPolicy:
    Type: AWS::IAM::Policy
    Properties:
      Roles: [!Ref WorkerRole]
      PolicyDocument: { Statement: [{ Effect: Allow, Action: sqs:ReceiveMessage, Resource: '*' }] }
`;

describe('which principal a policy belongs to', () => {
  const documents = readPolicySource(TEMPLATE, 'yaml').documents.filter((d) => d.kind === 'identity');
  const [app, worker] = documents;

  test('the first project-file entry that covers the file and the resource, with where it is written', () => {
    const project = new ProjectFiles(() => undefined).load(
      '/repo/mapping.yaml',
      `principals:
  - files: 'infra/**/*.yaml'
    resource: WorkerRole
    principal: arn:aws:iam::111122223333:role/worker
  - files: infra/app.yaml
    principal: arn:aws:iam::111122223333:role/app
`,
      '/repo',
    );
    const rules = projectMappingRules(project);
    assert.deepEqual(principalOf(worker!, 'infra/app.yaml', rules), {
      principal: 'arn:aws:iam::111122223333:role/worker',
      evidence: 'mapping.yaml:2 (files: infra/**/*.yaml, resource: WorkerRole)',
    });
    assert.equal(principalOf(app!, 'infra/app.yaml', rules)?.principal, 'arn:aws:iam::111122223333:role/app');
    assert.equal(principalOf(app!, 'other/app.yaml', rules), undefined);
    const fallback = { principal: 'arn:aws:iam::111122223333:role/x', evidence: '--principal on the command line' };
    assert.equal(principalOf(app!, 'other/app.yaml', rules, fallback), fallback);
  });

  test('the evidence is described in one line: how long, from what, when fetched, and what is missing', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    const line = describeEvidence(
      {
        principal: 'arn:aws:iam::111122223333:role/app',
        evidence: [
          {
            kind: 'cloudtrail',
            label: 'CloudTrail LookupEvents',
            window: { since: now - 90 * 86_400_000, until: now },
            fetchedAt: now - 3 * 60_000,
            regions: ['us-east-1', 'eu-west-1'],
            dataEvents: false,
            dataEventServices: [],
            used: [],
            denied: [],
          },
          {
            kind: 'lastAccessed',
            label: 'IAM last-accessed data',
            window: { since: now - 400 * 86_400_000, until: now },
            fetchedAt: now - 60_000,
            services: [],
          },
        ],
        missing: [
          { kind: 'accessAnalyzer', label: 'Access Analyzer', reason: 'no unused-access analyzer in the account' },
        ],
      },
      now,
    );
    assert.equal(
      line,
      'based on 90 days of CloudTrail LookupEvents in 2 Regions (2026-09-02 to 2026-12-01) read 3 minutes ago and 400 days of IAM last-accessed data (2025-10-27 to 2026-12-01) read 1 minute ago; Access Analyzer: no unused-access analyzer in the account',
    );
  });

  test("a granted action's use in a hover: one action's status and why, a wildcard's counts", () => {
    const day = Date.parse('2026-11-30T10:00:00Z');
    assert.equal(
      describeUse('iam:GetRole', [
        { action: 'iam:GetRole', status: 'used', lastUsed: day, sources: ['CloudTrail log files'] },
      ]),
      '`iam:GetRole`: **used**, last on 2026-11-30 (CloudTrail log files).',
    );
    assert.equal(
      describeUse('iam:DeleteRole', [
        {
          action: 'iam:DeleteRole',
          status: 'unused',
          days: 90,
          sources: ['IAM last-accessed data'],
          lastUsed: day - 200 * 86_400_000,
        },
      ]),
      '`iam:DeleteRole`: **not used** in 90 days of evidence (IAM last-accessed data); used before, last on 2026-05-14.',
    );
    assert.equal(
      describeUse('sqs:*', [
        { action: 'sqs:ListQueues', status: 'used', sources: ['CloudTrail log files'] },
        { action: 'sqs:DeleteQueue', status: 'unused', days: 0.5, sources: ['CloudTrail log files'] },
        { action: 'sqs:SendMessage', status: 'unknown', sources: [], reason: 'sqs:SendMessage is a data event' },
      ]),
      '`sqs:*` grants 3 actions: **1 used**, 1 unused, 1 unknown.\n\nUsed: `sqs:ListQueues`.\n\nUnknown: sqs:SendMessage is a data event.',
    );
  });
});
