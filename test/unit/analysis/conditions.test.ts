import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  conditionVerdict,
  describeIgnored,
  wideIpRange,
  type Unrestricting,
} from '../../../src/core/analysis/conditions';
import { Catalog } from '../../../src/core/catalog';
import { readPolicySource } from '../../../src/core/sources';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);

/** The verdict on one Allow statement with this Condition (JSON text, or none). */
function verdictOf(condition: string | undefined, format: 'json' | 'yaml' = 'json') {
  const text =
    format === 'json'
      ? `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"${condition === undefined ? '' : `, "Condition": ${condition}`}}]}`
      : `Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: "*"\n    Resource: "*"\n    Condition: ${condition}\n`;
  return conditionVerdict(readPolicySource(text, format).documents[0]!.statements[0]!, catalog);
}

/** One row: a Condition, whether it restricts, and the reasons of the parts that do not (in order). */
interface Row {
  name: string;
  condition: string | undefined;
  restricts: boolean;
  ignored: Unrestricting[];
  alwaysHolds?: boolean;
  format?: 'json' | 'yaml';
}

const rows: Row[] = [
  { name: 'no Condition', condition: undefined, restricts: false, ignored: [], alwaysHolds: true },
  { name: 'an empty Condition', condition: '{}', restricts: false, ignored: ['empty-condition'], alwaysHolds: true },
  {
    name: 'an operator with no keys',
    condition: '{"StringEquals": {}}',
    restricts: false,
    ignored: ['empty-operator'],
    alwaysHolds: true,
  },
  {
    name: 'every operator empty',
    condition: '{"StringEquals": {}, "Bool": {}}',
    restricts: false,
    ignored: ['empty-operator', 'empty-operator'],
    alwaysHolds: true,
  },
  {
    name: 'a key with no values',
    condition: '{"StringEquals": {"aws:PrincipalOrgID": []}}',
    restricts: false,
    ignored: ['empty-values'],
    alwaysHolds: false,
  },
  {
    name: 'a fixed organisation',
    condition: '{"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}',
    restricts: true,
    ignored: [],
  },
  {
    name: 'StringLike "*" matches any value',
    condition: '{"StringLike": {"aws:SourceVpce": "*"}}',
    restricts: false,
    ignored: ['any-value'],
    alwaysHolds: false,
  },
  {
    name: 'one "*" among the values is enough (values are ORed)',
    condition: '{"StringLike": {"aws:SourceVpce": ["vpce-1", "**"]}}',
    restricts: false,
    ignored: ['any-value'],
  },
  {
    name: 'StringEquals "*" is the literal star',
    condition: '{"StringEquals": {"aws:SourceVpce": "*"}}',
    restricts: true,
    ignored: [],
  },
  {
    name: 'ArnLike with an ARN of wildcards',
    condition: '{"ArnLike": {"aws:SourceArn": "arn:*:*:*:*:*"}}',
    restricts: false,
    ignored: ['any-value'],
  },
  {
    name: 'ArnLike with a pattern',
    condition: '{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:*"}}',
    restricts: true,
    ignored: [],
  },
  {
    name: 'IpAddress 0.0.0.0/0',
    condition: '{"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}',
    restricts: false,
    ignored: ['any-value'],
  },
  {
    name: 'IpAddress ::/0',
    condition: '{"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "::/0"]}}',
    restricts: false,
    ignored: ['any-value'],
  },
  {
    name: 'IpAddress of one network',
    condition: '{"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}',
    restricts: true,
    ignored: [],
  },
  {
    name: 'NotIpAddress 0.0.0.0/0 refuses every address: restricting',
    condition: '{"NotIpAddress": {"aws:SourceIp": "0.0.0.0/0"}}',
    restricts: true,
    ignored: [],
  },
  {
    name: 'Bool with both values',
    condition: '{"Bool": {"aws:MultiFactorAuthPresent": ["true", "false"]}}',
    restricts: false,
    ignored: ['any-value'],
  },
  {
    name: 'Bool with a bare boolean',
    condition: '{"Bool": {"aws:MultiFactorAuthPresent": true}}',
    restricts: true,
    ignored: [],
  },
  {
    name: 'IfExists on a key most requests lack',
    condition: '{"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1"}}',
    restricts: false,
    ignored: ['only-if-present'],
    alwaysHolds: false,
  },
  {
    name: 'IfExists on a key every signed request carries',
    condition: '{"StringEqualsIfExists": {"aws:PrincipalAccount": "111122223333"}}',
    restricts: true,
    ignored: [],
  },
  {
    name: 'ForAllValues passes requests without the key',
    condition: '{"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}',
    restricts: false,
    ignored: ['only-if-present'],
  },
  {
    name: 'ForAnyValue needs the key',
    condition: '{"ForAnyValue:StringEquals": {"aws:TagKeys": ["team"]}}',
    restricts: true,
    ignored: [],
  },
  {
    name: 'IfExists on an OIDC audience: every token has one',
    condition: '{"StringEqualsIfExists": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}}',
    restricts: true,
    ignored: [],
  },
  {
    name: 'IfExists on an OIDC subject',
    condition: '{"StringLikeIfExists": {"token.actions.githubusercontent.com:sub": "repo:o/r:*"}}',
    restricts: false,
    ignored: ['only-if-present'],
  },
  {
    name: 'an unknown key under a negated operator passes every request',
    condition: '{"StringNotEquals": {"aws:PrincipalOrgIDs": "o-abc"}}',
    restricts: false,
    ignored: ['unknown-key'],
    alwaysHolds: true,
  },
  {
    name: 'an unknown key under IfExists passes every request',
    condition: '{"StringEqualsIfExists": {"aws:Typo": "x"}}',
    restricts: false,
    ignored: ['unknown-key'],
  },
  {
    name: 'an unknown key under a positive operator fails every request (grants nothing)',
    condition: '{"StringEquals": {"aws:PrincipalOrgIDs": "o-abc"}}',
    restricts: true,
    ignored: [],
  },
  {
    name: 'a negated operator on a known key',
    condition: '{"StringNotEquals": {"aws:PrincipalAccount": "444455556666"}}',
    restricts: true,
    ignored: [],
  },
  {
    name: 'IfExists adds nothing to a negated operator',
    condition: '{"StringNotEqualsIfExists": {"s3:x-amz-acl": "public-read"}}',
    restricts: true,
    ignored: [],
  },
  {
    name: 'templated and provider keys are known',
    condition:
      '{"StringEqualsIfExists": {"aws:ResourceTag/team": "a"}, "StringNotEquals": {"accounts.google.com:sub": "x"}}',
    restricts: true,
    ignored: ['only-if-present'],
  },
  {
    name: 'Null true: temporary credentials only',
    condition: '{"Null": {"aws:TokenIssueTime": "false"}}',
    restricts: true,
    ignored: [],
  },
  {
    name: 'Null with a bare boolean',
    condition: '{"Null": {"aws:TokenIssueTime": true}}',
    restricts: true,
    ignored: [],
  },
  {
    name: 'Null with a value that is no boolean',
    condition: '{"Null": {"aws:TokenIssueTime": "yes"}}',
    restricts: false,
    ignored: ['null-not-boolean'],
    alwaysHolds: false,
  },
  {
    name: 'Null with both values',
    condition: '{"Null": {"aws:TokenIssueTime": ["true", "false"]}}',
    restricts: false,
    ignored: ['always-true'],
    alwaysHolds: true,
  },
  {
    name: 'ForAllValues:Null always holds',
    condition: '{"ForAllValues:Null": {"aws:TagKeys": "false"}}',
    restricts: false,
    ignored: ['always-true'],
    alwaysHolds: true,
  },
  {
    name: 'ForAnyValue:Null never holds (grants nothing)',
    condition: '{"ForAnyValue:Null": {"aws:TagKeys": "true"}}',
    restricts: true,
    ignored: [],
  },
  {
    name: 'Null true on an unknown key always holds',
    condition: '{"Null": {"aws:Typo": "true"}}',
    restricts: false,
    ignored: ['unknown-key'],
    alwaysHolds: true,
  },
  {
    name: 'an unknown operator',
    condition: '{"StringEqual": {"aws:PrincipalOrgID": "o-abc"}}',
    restricts: false,
    ignored: ['unknown-operator'],
    alwaysHolds: false,
  },
  {
    name: 'one restricting entry is enough',
    condition: '{"StringLike": {"aws:SourceVpce": "*"}, "Bool": {"aws:MultiFactorAuthPresent": "true"}}',
    restricts: true,
    ignored: ['any-value'],
  },
  {
    name: 'an intrinsic Condition may restrict',
    condition: '!If [IsProd, {StringEquals: {aws:PrincipalOrgID: o-abc}}, !Ref AWS::NoValue]',
    restricts: true,
    ignored: [],
    format: 'yaml',
  },
  {
    name: 'an intrinsic value may restrict',
    condition: '{StringLike: {aws:SourceVpce: !Ref Endpoint}}',
    restricts: true,
    ignored: [],
    format: 'yaml',
  },
  {
    name: 'an intrinsic value list may restrict',
    condition: '{StringLike: {aws:SourceVpce: !Split [",", !Ref Endpoints]}}',
    restricts: true,
    ignored: [],
    format: 'yaml',
  },
  {
    name: 'an intrinsic among "*" values may restrict',
    condition: '{StringLike: {aws:SourceVpce: ["*", !Ref Endpoint]}}',
    restricts: false,
    ignored: ['any-value'],
    format: 'yaml',
  },
];

describe('whether a Condition can restrict a request', () => {
  for (const row of rows) {
    test(row.name, () => {
      const verdict = verdictOf(row.condition, row.format);
      assert.equal(verdict.restricts, row.restricts, 'restricts');
      assert.deepEqual(
        verdict.ignored.map((p) => p.reason),
        row.ignored,
        'ignored',
      );
      if (row.alwaysHolds !== undefined) assert.equal(verdict.alwaysHolds, row.alwaysHolds, 'alwaysHolds');
      for (const part of verdict.ignored) assert.ok(describeIgnored(part).length > 5);
    });
  }

  test('the restricting entries are listed with their parsed operator', () => {
    const verdict = verdictOf(
      '{"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1"}, "ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": "o-a/r-b/*"}}',
    );
    assert.deepEqual(
      verdict.restricting.map((r) => [r.entry.key.text, r.operator.set, r.operator.base, r.operator.ifExists]),
      [['aws:PrincipalOrgPaths', 'ForAnyValue', 'StringLike', false]],
    );
  });

  test('an IP range is wide beyond /8 (IPv4) or /32 (IPv6)', () => {
    assert.deepEqual(
      [
        '0.0.0.0/0',
        '0.0.0.0/1',
        '10.0.0.0/7',
        '10.0.0.0/8',
        '203.0.113.7',
        '::/0',
        '2001:db8::/31',
        '2001:db8::/32',
      ].map(wideIpRange),
      [true, true, true, false, false, true, true, false],
    );
  });
});

describe('conditionVerdict: IfExists on a key every action of the statement carries', () => {
  const verdict = (actions: string, condition: string) =>
    conditionVerdict(
      readPolicySource(
        `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ${actions}, "Resource": "*", "Condition": ${condition}}]}`,
        'json',
      ).documents[0]!.statements[0]!,
      catalog,
    );
  const subnet = '{"StringEqualsIfExists": {"ec2:SubnetID": ["subnet-1", "subnet-2"]}}';

  test('ec2:SubnetID on ec2:CreateNetworkInterface restricts (every such request names its subnet)', () => {
    assert.equal(verdict('"ec2:CreateNetworkInterface"', subnet).restricts, true);
    assert.equal(verdict('"ec2:CreateNetwork*"', subnet).restricts, false, 'CreateNetworkAcl... carry no subnet id');
  });
  test('ec2:DeleteNetworkInterface carries ec2:Subnet, not ec2:SubnetID: with it, requests without the key pass', () => {
    assert.deepEqual(
      verdict('["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface"]', subnet).ignored.map((p) => p.reason),
      ['only-if-present'],
    );
  });
  test('with "*" or another service\'s actions, some requests lack the key: it restricts nothing', () => {
    assert.deepEqual(
      verdict('"*"', subnet).ignored.map((p) => p.reason),
      ['only-if-present'],
    );
    assert.deepEqual(
      verdict('["ec2:CreateNetworkInterface", "s3:GetObject"]', subnet).ignored.map((p) => p.reason),
      ['only-if-present'],
    );
  });
  test('an action that does not carry the key lets requests through', () => {
    assert.deepEqual(
      verdict('["ec2:CreateNetworkInterface", "ec2:DescribeRegions"]', subnet).ignored.map((p) => p.reason),
      ['only-if-present'],
    );
  });
});

describe('conditionVerdict: what the review found', () => {
  const verdict = (actions: string, condition: string) =>
    conditionVerdict(
      readPolicySource(
        `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ${actions}, "Resource": "*", "Condition": ${condition}}]}`,
        'json',
      ).documents[0]!.statements[0]!,
      catalog,
    );
  const reasons = (actions: string, condition: string) => verdict(actions, condition).ignored.map((p) => p.reason);

  test('a tag key is never carried by every request (an untagged secret has none)', () => {
    assert.deepEqual(
      reasons('"secretsmanager:GetSecretValue"', '{"StringEqualsIfExists": {"secretsmanager:ResourceTag/team": "a"}}'),
      ['only-if-present'],
    );
  });
  test('keys about transport restrict nothing that matters', () => {
    assert.deepEqual(reasons('"*"', '{"Bool": {"aws:SecureTransport": "true"}}'), ['transport-only']);
    assert.deepEqual(reasons('"s3:PutObject"', '{"NumericGreaterThanEquals": {"s3:TlsVersion": "1.2"}}'), [
      'transport-only',
    ]);
  });
  test('ArnEquals and ARN patterns of wildcards match any value', () => {
    assert.deepEqual(reasons('"*"', '{"ArnEquals": {"aws:PrincipalArn": "*"}}'), ['any-value']);
    assert.deepEqual(reasons('"*"', '{"ArnLike": {"aws:SourceArn": "arn:aws:*"}}'), ['any-value']);
    assert.deepEqual(reasons('"*"', '{"StringLike": {"aws:SourceArn": "arn:*"}}'), ['any-value']);
    assert.equal(verdict('"*"', '{"ArnLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:*"}}').restricts, true);
  });
  test('ForAnyValue on a key no request carries is false, negated or not: it restricts', () => {
    assert.equal(verdict('"*"', '{"ForAnyValue:StringNotEquals": {"aws:NoSuchKey": "x"}}').restricts, true);
  });
});
