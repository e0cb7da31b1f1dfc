import assert from 'node:assert/strict';
import { test } from 'node:test';
import { summarizeStatements } from '../../../src/core/docs/statementSummary';
import { Catalog } from '../../../src/core/catalog';
import { readPolicySource } from '../../../src/core/sources';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);
const titles = (text: string, format: 'json' | 'yaml' = 'json') =>
  summarizeStatements(readPolicySource(text, format), catalog).map((s) => s.title);

test("a statement's lens counts its actions by access level, dangerous first, and its resources", () => {
  const [title] = titles(
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject", "s3:PutBucketPolicy"], "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"]}]}',
  );
  assert.equal(title, 'Allow 3 actions on 2 resources: 1 Permissions management, 1 Write, 1 Read');
});

test('patterns are expanded; NotAction counts what it leaves; conditions are said', () => {
  const sqs = catalog.expand('sqs:*').actions.length;
  const [pattern, not] = titles(
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}, {"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}]}',
  );
  assert.match(pattern!, new RegExp(`^Allow ${sqs} actions on every resource: .* · with conditions$`));
  const all = catalog.allActions().length;
  const iam = catalog.expand('iam:*').actions.length;
  assert.match(not!, new RegExp(`^Deny ${all - iam} actions on every resource`));
});

test('a Condition that restricts nothing is said so', () => {
  const [empty, star] = titles(
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {}}, {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringLike": {"aws:SourceVpce": "*"}}}]}',
  );
  assert.equal(empty, 'Allow 1 action on every resource: 1 Read · conditions restrict nothing');
  assert.equal(star, 'Allow 1 action on every resource: 1 Read · conditions restrict nothing');
});

test('unknown parts are named, not guessed', () => {
  const text =
    'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: [s3:GetObject, !Ref OtherAction]\n            Resource: !GetAtt Bucket.Arn\n';
  assert.deepEqual(titles(text, 'yaml'), ['Allow 1 action on 1 resource: 1 Read · a part unknown (an action)']);
});

test('a statement that takes part in a privilege-escalation combination says which', () => {
  const text =
    '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}, {"Effect": "Allow", "Action": ["lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*"}, {"Effect": "Allow", "Action": "s3:ListAllMyBuckets", "Resource": "*"}]}';
  const [pass, lambda, list] = titles(text);
  assert.match(pass!, /· privilege escalation: iam:PassRole \+ lambda:CreateFunction \+ lambda:InvokeFunction/);
  assert.match(lambda!, /· privilege escalation: iam:PassRole \+ lambda:CreateFunction/);
  assert.doesNotMatch(list!, /escalation/);
});
