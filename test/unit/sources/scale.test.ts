/**
 * A 1 MB template, JSON and YAML, generated here: every policy found, every span exact, and no blow-up
 * in time. The bounds are loose on purpose (a slow CI machine must pass); they catch a quadratic
 * regression, not a few percent. Figures: `docs/benchmarks.md` is the place for precise ones.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readPolicySource } from '../../../src/core/sources';
import { checkSpans } from './invariants';

const TARGET = 1_000_000;

function jsonTemplate(): { text: string; roles: number } {
  const resources: Record<string, unknown> = {};
  let roles = 0;
  let size = 0;
  while (size < TARGET) {
    roles++;
    const id = `Role${roles}`;
    resources[id] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        Policies: [
          {
            PolicyName: 'app',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: { 'Fn::Sub': `arn:\${AWS::Partition}:s3:::\${Bucket${roles}}/*` } },
                { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [`Queue${roles}`, 'Arn'] }, Condition: { StringEquals: { 'aws:RequestedRegion': { Ref: 'AWS::Region' } } } },
              ],
            },
          },
        ],
      },
    };
    size += 1_470;
  }
  const text = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 2);
  return { text, roles };
}

function yamlTemplate(): { text: string; roles: number } {
  const parts = ['AWSTemplateFormatVersion: "2010-09-09"\nResources:\n'];
  let size = parts[0].length;
  let roles = 0;
  while (size < TARGET) {
    roles++;
    const role = `  Role${roles}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: app
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, s3:PutObject]
                Resource: !Sub 'arn:\${AWS::Partition}:s3:::\${Bucket${roles}}/*'
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: !GetAtt Queue${roles}.Arn
                Condition:
                  StringEquals:
                    aws:RequestedRegion: !Ref AWS::Region
`;
    parts.push(role);
    size += role.length;
  }
  return { text: parts.join(''), roles };
}

describe('readPolicySource at scale', () => {
  for (const [format, make, bound] of [
    ['json', jsonTemplate, 1_000],
    ['yaml', yamlTemplate, 5_000],
  ] as const) {
    test(`a 1 MB ${format.toUpperCase()} template`, (t) => {
      const { text, roles } = make();
      assert.ok(text.length >= TARGET);
      // The server parses the same file on every keystroke: the best of a few runs is the steady state.
      let source = readPolicySource(text, format);
      let elapsed = Infinity;
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        source = readPolicySource(text, format);
        elapsed = Math.min(elapsed, performance.now() - start);
      }
      t.diagnostic(`${(text.length / 1e6).toFixed(2)} MB, ${source.documents.length} documents in ${elapsed.toFixed(0)} ms`);
      assert.deepEqual(source.problems, []);
      assert.equal(source.documents.length, roles * 2);
      checkSpans(text, source);
      assert.ok(elapsed < bound, `${elapsed.toFixed(0)} ms for 1 MB of ${format} (bound ${bound} ms)`);
    });
  }
});
