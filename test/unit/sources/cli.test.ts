import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Span } from '../../../src/core/policy/model';
import { read } from './invariants';

const at = (text: string, span: Span): string => text.slice(span.start, span.end);

const TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};
const READ = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' }],
};
const json = (value: unknown): string => JSON.stringify(value, null, 4);

interface Case {
  name: string;
  format: 'json' | 'yaml';
  text: string;
  /** [kind, path, appliesTo] of each document, in order. */
  documents: [string, string, string[] | undefined][];
  coarse?: boolean;
  inString?: boolean;
}

const cases: Case[] = [
  {
    name: 'iam get-policy-version',
    format: 'json',
    text: json({
      PolicyVersion: { Document: READ, VersionId: 'v3', IsDefaultVersion: true, CreateDate: '2024-01-01T00:00:00Z' },
    }),
    documents: [['identity', 'PolicyVersion.Document', undefined]],
  },
  {
    name: 'iam get-role',
    format: 'json',
    text: json({
      Role: {
        Path: '/',
        RoleName: 'app',
        RoleId: 'AROA',
        Arn: 'arn:aws:iam::1:role/app',
        AssumeRolePolicyDocument: TRUST,
      },
    }),
    documents: [['trust', 'Role.AssumeRolePolicyDocument', undefined]],
  },
  {
    name: 'iam get-role-policy',
    format: 'json',
    text: json({ RoleName: 'app', PolicyName: 'read', PolicyDocument: READ }),
    documents: [['identity', 'PolicyDocument', ['app']]],
  },
  {
    name: 'iam get-user-policy, YAML output',
    format: 'yaml',
    text: 'PolicyDocument:\n  Statement:\n  - Action: s3:GetObject\n    Effect: Allow\n    Resource: "*"\n  Version: "2012-10-17"\nPolicyName: read\nUserName: alice\n',
    documents: [['identity', 'PolicyDocument', ['alice']]],
  },
  {
    name: 'iam get-group-policy',
    format: 'json',
    text: json({ GroupName: 'devs', PolicyName: 'read', PolicyDocument: READ }),
    documents: [['identity', 'PolicyDocument', ['devs']]],
  },
  {
    name: 'iam get-account-authorization-details',
    format: 'json',
    text: json({
      UserDetailList: [
        { UserName: 'alice', UserPolicyList: [{ PolicyName: 'p', PolicyDocument: READ }], GroupList: ['devs'] },
      ],
      GroupDetailList: [{ GroupName: 'devs', GroupPolicyList: [{ PolicyName: 'p', PolicyDocument: READ }] }],
      RoleDetailList: [
        { RoleName: 'app', AssumeRolePolicyDocument: TRUST, RolePolicyList: [] },
        {
          RoleName: 'ops',
          AssumeRolePolicyDocument: TRUST,
          RolePolicyList: [
            { PolicyName: 'a', PolicyDocument: READ },
            { PolicyName: 'b', PolicyDocument: READ },
          ],
        },
      ],
      Policies: [
        {
          PolicyName: 'm',
          PolicyVersionList: [
            { Document: READ, VersionId: 'v2', IsDefaultVersion: true },
            { Document: READ, VersionId: 'v1' },
          ],
        },
      ],
    }),
    documents: [
      ['identity', 'UserDetailList[0].UserPolicyList[0].PolicyDocument', ['alice']],
      ['identity', 'GroupDetailList[0].GroupPolicyList[0].PolicyDocument', ['devs']],
      ['trust', 'RoleDetailList[0].AssumeRolePolicyDocument', undefined],
      ['identity', 'RoleDetailList[1].RolePolicyList[0].PolicyDocument', ['ops']],
      ['identity', 'RoleDetailList[1].RolePolicyList[1].PolicyDocument', ['ops']],
      ['trust', 'RoleDetailList[1].AssumeRolePolicyDocument', undefined],
      ['identity', 'Policies[0].PolicyVersionList[0].Document', undefined],
      ['identity', 'Policies[0].PolicyVersionList[1].Document', undefined],
    ],
  },
  {
    name: 'URL-encoded documents (the raw API): decoded, every span the string',
    format: 'json',
    text: json({
      RoleDetailList: [
        { RoleName: 'app', AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(TRUST)), RolePolicyList: [] },
      ],
    }),
    documents: [['trust', 'RoleDetailList[0].AssumeRolePolicyDocument', undefined]],
    coarse: true,
  },
  {
    name: 's3api get-bucket-policy: JSON with escapes in a string, its spans aligned through the escapes',
    format: 'json',
    text: json({
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
      }),
    }),
    documents: [['resource', 'Policy', undefined]],
    inString: true,
  },
];

describe('readPolicySource: AWS CLI output', () => {
  for (const c of cases) {
    test(c.name, () => {
      const source = read(c.text, c.format);
      assert.deepEqual(source.problems, []);
      assert.equal(source.shape, 'cli-output');
      assert.deepEqual(
        source.documents.map((d) => [d.kind, d.path, d.appliesTo]),
        c.documents,
      );
      for (const doc of source.documents) {
        assert.ok(doc.statements.length > 0);
        assert.equal(doc.coarseSpans, c.coarse);
        assert.equal(doc.inString !== undefined, c.inString === true);
      }
    });
  }

  test('a URL-encoded document points at its string', () => {
    const encoded = encodeURIComponent(JSON.stringify(TRUST));
    const text = json({ Role: { RoleName: 'app', AssumeRolePolicyDocument: encoded } });
    const doc = read(text, 'json').documents[0];
    assert.equal(at(text, doc.span), encoded);
    assert.equal(at(text, doc.statements[0].action!.list.values[0].span), encoded);
    assert.equal(doc.statements[0].action!.list.values[0].text, 'sts:AssumeRole');
    assert.equal(doc.statements[0].principal?.entries[0].values.values[0].text, 'ec2.amazonaws.com');
  });

  test('a JSON string written exactly as its value keeps exact spans (YAML single quotes)', () => {
    const text = `Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}]}'\n`;
    const source = read(text, 'yaml');
    const doc = source.documents[0];
    assert.deepEqual(
      [source.shape, doc.kind, doc.resourceService, doc.coarseSpans],
      ['cli-output', 'resource', 'sqs', undefined],
    );
    assert.equal(at(text, doc.statements[0].action!.list.values[0].span), 'sqs:SendMessage');
  });

  test('a broken URL-encoded document is a problem, not an exception', () => {
    const text = json({ Role: { RoleName: 'app', AssumeRolePolicyDocument: '%7B%22Statement%22%3A%E0%A4%A' } });
    const source = read(text, 'json');
    assert.equal(source.shape, 'cli-output');
    assert.deepEqual(source.documents, []);
    assert.match(source.problems[0].message, /cannot be decoded/);
  });

  test('a broken JSON document in a string: its problems point inside the string, through the escapes', () => {
    const inner = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow" "Action":"s3:*","Resource":"*"}]}';
    const text = json({ Policy: inner });
    const source = read(text, 'json');
    const action = source.documents[0].statements[0].action!.list.values[0];
    assert.equal(action.text, 's3:*');
    assert.equal(at(text, action.span), 's3:*');
    assert.match(source.problems[0].message, /^In the policy document in this string: Expected a comma/);
    assert.equal(at(text, source.problems[0].span), '"Action\\"');
  });

  test('an escape that writes a character otherwise (\\u0041): every span the string', () => {
    const text =
      '{"Policy": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"s3:\\u0047etObject\\",\\"Resource\\":\\"*\\",\\"Principal\\":\\"*\\"}]}"}';
    const doc = read(text, 'json').documents[0];
    assert.equal(doc.statements[0].action!.list.values[0].text, 's3:GetObject');
    assert.equal(doc.coarseSpans, true);
    assert.equal(at(text, doc.statements[0].action!.list.values[0].span), at(text, doc.span));
  });

  test('iam get-policy (metadata only, no document) is not CLI output we read', () => {
    const text = json({
      Policy: {
        PolicyName: 'm',
        Arn: 'arn:aws:iam::1:policy/m',
        DefaultVersionId: 'v1',
        Description: 'Statement of intent',
      },
    });
    assert.deepEqual(read(text, 'json'), { format: 'json', shape: 'none', documents: [], problems: [] });
  });
});
