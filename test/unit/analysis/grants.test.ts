import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { statementGrants } from '../../../src/core/analysis/grants';
import { principalGrants, principalsOf, THIS_POLICY } from '../../../src/core/analysis/principals';
import { Catalog } from '../../../src/core/catalog';
import { readPolicySource } from '../../../src/core/sources';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);

function grantsOf(text: string, format: 'json' | 'yaml' = 'json', index = 0) {
  const source = readPolicySource(text, format);
  return statementGrants(source.documents[0]!.statements[index]!, catalog);
}

const names = (actions: Iterable<{ fullName: string }>) => [...actions].map((a) => a.fullName).sort();

describe('what one statement grants', () => {
  test('patterns are expanded and counted by access level', () => {
    const g = grantsOf(
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["sqs:SendMessage", "sqs:Get*", "sqs:TagQueue"], "Resource": ["arn:aws:sqs:eu-west-1:111122223333:q", "*"]}]}',
    );
    assert.equal(g.effect, 'Allow');
    const expected = names(
      catalog
        .expand('sqs:Get*')
        .actions.concat(catalog.expand('sqs:SendMessage').actions, catalog.expand('sqs:TagQueue').actions),
    );
    assert.deepEqual(names(g.actions.keys()), expected);
    assert.equal(g.countByLevel.Write, 1);
    assert.equal(g.countByLevel.Tagging, 1);
    assert.equal(
      g.countByLevel.Read,
      catalog.expand('sqs:Get*').actions.filter((a) => a.accessLevel === 'Read').length,
    );
    assert.equal(g.resources.count, 2);
    assert.deepEqual(
      g.resources.everything.map((v) => v.text),
      ['*'],
    );
    assert.equal(g.conditional, false);
    assert.deepEqual(g.unknown, []);
    // The value that names each action is kept, for findings on it.
    assert.equal(g.actions.get(catalog.action('sqs:GetQueueUrl')!)?.span !== undefined, true);
  });

  test('Allow with NotAction grants every action but those listed', () => {
    const g = grantsOf(
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}',
    );
    const excluded = catalog.actionsOf('iam').length + catalog.actionsOf('organizations').length;
    assert.equal(g.inverted, true);
    assert.equal(g.actions.size, catalog.allActions().length - excluded);
    assert.ok(!g.actions.has(catalog.action('iam:PassRole')!));
    assert.ok(g.actions.has(catalog.action('s3:GetObject')!));
    assert.equal(g.conditional, true);
  });

  test('a Condition that restricts nothing does not make a statement conditional; administrator access in every spelling', () => {
    const g = grantsOf(
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*:*", "Resource": "*", "Condition": {"StringEquals": {}}}]}',
    );
    assert.equal(g.conditional, false);
    assert.equal(g.administrator?.text, '*:*');
    const not = grantsOf(
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": ["iam:DeleteUsr"], "Resource": "*"}]}',
    );
    assert.equal(not.administrator?.text, 'NotAction');
    const deny = grantsOf(
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}',
    );
    assert.equal(deny.administrator, undefined);
    const mfa = grantsOf(
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}',
    );
    assert.equal(mfa.administrator, undefined);
    assert.equal(mfa.conditional, true);
  });

  test('an unknown action is flagged, never guessed; an unknown exclusion leaves no certain action', () => {
    const yaml =
      'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action: [s3:GetObject, !Sub "s3:${Verb}Object"]\n    Resource: !Ref Bucket\n';
    const g = grantsOf(yaml, 'yaml');
    assert.deepEqual(names(g.actions.keys()), ['s3:GetObject']);
    assert.deepEqual(
      g.unknown.map((u) => u.what),
      ['an action'],
    );
    assert.equal(g.resources.everything.length, 0);
    const not = grantsOf(
      'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    NotAction: [!Ref Excluded]\n    Resource: "*"\n',
      'yaml',
    );
    assert.equal(not.actions.size, 0);
    assert.deepEqual(
      not.unknown.map((u) => u.what),
      ['an excluded action'],
    );
  });

  test('a misspelt or unknown effect grants nothing', () => {
    assert.equal(
      grantsOf(
        '{"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]}',
      ).effect,
      undefined,
    );
  });
});

describe('what a principal is granted', () => {
  const template = [
    'Resources:',
    '  AppRole:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      Policies:',
    '        - PolicyName: one',
    '          PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "iam:PassRole", Resource: "*"}]}',
    '  Extra:',
    '    Type: AWS::IAM::Policy',
    '    Properties:',
    '      PolicyName: two',
    '      Roles: [!Ref AppRole, !Ref OtherRole]',
    '      PolicyDocument:',
    '        Version: "2012-10-17"',
    '        Statement:',
    '          - {Effect: Allow, Action: ["lambda:CreateFunction", "lambda:InvokeFunction", "iam:CreateAccessKey"], Resource: "*"}',
    '          - {Effect: Deny, Action: "iam:CreateAccessKey", Resource: "*"}',
    '          - {Effect: Deny, Action: "lambda:InvokeFunction", Resource: "*", Condition: {Bool: {aws:SecureTransport: "false"}}}',
  ].join('\n');

  test('the union over the documents of one role in a template, minus unconditional Deny on *', () => {
    const source = readPolicySource(template, 'yaml');
    const principals = principalsOf(source);
    assert.deepEqual(
      principals.map((p) => [p.name, p.documents.length]),
      [
        ['AppRole', 2],
        ['OtherRole', 1],
      ],
    );
    const app = principalGrants(principals[0]!, catalog);
    assert.deepEqual(names(app.actions.keys()), ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction']);
    assert.equal(app.actions.get(catalog.action('iam:PassRole')!)![0]!.document, principals[0]!.documents[0]);
    const other = principalGrants(principals[1]!, catalog);
    assert.deepEqual(names(other.actions.keys()), ['lambda:CreateFunction', 'lambda:InvokeFunction']);
  });

  test('a bare policy file is one principal; a conditional Deny subtracts nothing', () => {
    const source = readPolicySource(
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}',
      'json',
    );
    const [principal] = principalsOf(source);
    assert.equal(principal!.name, THIS_POLICY);
    assert.deepEqual(names(principalGrants(principal!, catalog).actions.keys()), ['s3:GetObject']);
  });

  test('get-policy-version output is "this policy" too', () => {
    const source = readPolicySource(
      '{"PolicyVersion": {"Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}, "VersionId": "v1"}}',
      'json',
    );
    assert.deepEqual(
      principalsOf(source).map((p) => p.name),
      [THIS_POLICY],
    );
  });

  test('administrator access is recognised', () => {
    const source = readPolicySource(
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}',
      'json',
    );
    assert.equal(principalGrants(principalsOf(source)[0]!, catalog).administrator, true);
  });
});
