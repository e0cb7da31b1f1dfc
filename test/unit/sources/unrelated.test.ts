import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readPolicySource } from '../../../src/core/sources';
import { read } from './invariants';

const cases: { name: string; format: 'json' | 'yaml'; text: string }[] = [
  {
    name: 'package.json',
    format: 'json',
    text: JSON.stringify(
      { name: 'app', version: '1.0.0', scripts: { test: 'node --test' }, dependencies: { yaml: '^2.0.0' } },
      null,
      2,
    ),
  },
  {
    name: 'tsconfig.json with comments',
    format: 'json',
    text: '{\n  // strict\n  "compilerOptions": {"strict": true,},\n}',
  },
  {
    name: 'a Kubernetes manifest (two documents, "resources" limits)',
    format: 'yaml',
    text: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
          resources:
            limits: {cpu: 500m, memory: 128Mi}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports: [{port: 80}]
`,
  },
  {
    name: 'docker-compose.yml',
    format: 'yaml',
    text: `services:
  web:
    image: nginx
    ports: ["8080:80"]
    deploy:
      resources:
        limits: {cpus: '0.5'}
`,
  },
  {
    name: 'a GitHub workflow that talks about Resources and Statements',
    format: 'yaml',
    text: 'name: ci\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "Statement of Resources"\n',
  },
  {
    name: 'a JSON file with a Resources key that is not a template',
    format: 'json',
    text: '{"Resources": {"cpu": 2, "disk": {"size": 10}}, "Statement": "quarterly"}',
  },
  { name: 'a broken unrelated JSON file mentioning Resources', format: 'json', text: '{"Resources": [1, 2,, "x" ' },
  { name: 'a broken unrelated YAML file mentioning Statement', format: 'yaml', text: 'a: b: c\nStatement text: [\n' },
];

describe('readPolicySource: files that are not policies', () => {
  for (const c of cases) {
    test(`${c.name}: shape none, nothing reported`, () => {
      assert.deepEqual(read(c.text, c.format), { format: c.format, shape: 'none', documents: [], problems: [] });
    });
  }
});

describe('readPolicySource: robustness', () => {
  const policyJson = JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'A',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:PutObject'],
          Resource: 'arn:aws:s3:::b/*',
          Condition: { StringEquals: { 'aws:PrincipalTag/t': ['x', 1, true] } },
        },
        { Effect: 'Deny', Principal: { AWS: ['arn:aws:iam::1:root'] }, NotAction: 'iam:*', NotResource: '*' },
      ],
    },
    null,
    1,
  );
  const templateYaml = `Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: !Sub 'ec2.\${AWS::URLSuffix}'}, Action: sts:AssumeRole}]
      Policies:
        - PolicyName: p
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [s3:GetObject, !If [C, s3:PutObject, !Ref AWS::NoValue]]
                Resource: !Join ['', ['arn:aws:s3:::', !Ref B, '/*']]
                Condition:
                  StringLike: {"aws:userid": "AIDA*:\${aws:username}"}
              - !If [C, {Effect: Allow, Action: '*', Resource: '*'}, !Ref AWS::NoValue]
`;

  test('every prefix of a policy (typing it from the start) reads without throwing, spans valid', () => {
    for (let end = 0; end <= policyJson.length; end++) read(policyJson.slice(0, end), 'json');
  });

  test('every prefix of a YAML template reads without throwing, spans valid', () => {
    for (let end = 0; end <= templateYaml.length; end += 3) read(templateYaml.slice(0, end), 'yaml');
  });

  test('every single-character deletion of a policy reads without throwing, spans valid', () => {
    for (let i = 0; i < policyJson.length; i++) read(policyJson.slice(0, i) + policyJson.slice(i + 1), 'json');
  });

  test('deeply nested input is not parsed past 400 levels (repeated deep parses could abort the process)', () => {
    const inputs = [
      `{"Statement": ${'['.repeat(1000)}`,
      `Statement:\n${'- '.repeat(3000)}x`,
      `Statement:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}-`).join('\n')}`,
    ];
    for (const text of inputs) {
      for (const format of ['json', 'yaml'] as const) {
        for (let i = 0; i < 3; i++) {
          const source = readPolicySource(text, format);
          if (format === 'json' && !text.startsWith('{')) continue;
          // YAML is refused whole, and said as not analysed; JSON stops at that depth and reads what is above it.
          assert.equal(source.shape, format === 'yaml' ? 'none' : 'policy');
          const said =
            format === 'yaml' ? (source.notAnalysed ?? []).map((n) => n.reason) : source.problems.map((p) => p.message);
          assert.ok(
            said.some((m) => /nests more than 400 levels deep/.test(m)),
            JSON.stringify(said.slice(0, 3)),
          );
        }
      }
    }
  });

  test('long runs of dashes or indentation in text are not nesting', () => {
    const text = `Description: |\n  ${'-'.repeat(1000)}\n  ${'='.repeat(1000)}\nStatement:\n  - Effect: Allow\n    Action: s3:*\n    Resource: "*"\n`;
    assert.equal(read(text, 'yaml').shape, 'policy');
  });

  test('a policy nested 300 levels deep inside a condition value is still read', () => {
    const text = `{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"X": {"k": ${'['.repeat(300)}${']'.repeat(300)}}}}]}`;
    assert.equal(read(text, 'json').documents[0].statements.length, 1);
  });
});
