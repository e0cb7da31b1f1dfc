import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadGrammars } from '../../helpers/grammars';
import { at, documentAt, readTs, stack, values } from './cdkHelpers';

describe('CDK reader: statements', () => {
  before(loadGrammars);

  it('reads a PolicyStatement added to a role, keys at the property names and strings without quotes', () => {
    const text =
      stack(`const role = new iam.Role(scope, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
role.addToPolicy(new iam.PolicyStatement({ sid: 'Read', actions: ['s3:GetObject', "s3:ListBucket"], resources: ['*'] }));`);
    const source = readTs(text);
    assert.equal(source.shape, 'cdk');
    const document = documentAt(source, 'role.addToPolicy');
    assert.equal(document.kind, 'identity');
    assert.equal(document.construct, 'cdk');
    assert.deepEqual(document.appliesTo, ['role']);
    assert.equal(document.version?.value.text, '2012-10-17');
    const [statement] = document.statements;
    assert.equal(at(text, statement!.action!.key.span), 'actions');
    assert.equal(statement!.action!.key.text, 'Action');
    assert.deepEqual(values(text, statement!.action!.list), [
      ['s3:GetObject', 's3:GetObject'],
      ['s3:ListBucket', 's3:ListBucket'],
    ]);
    assert.equal(statement!.action!.list.isArray, true);
    assert.deepEqual(values(text, statement!.resource!.list), [['*', '*']]);
    assert.equal(statement!.sid!.value.text, 'Read');
    assert.equal(at(text, statement!.span).startsWith('new iam.PolicyStatement('), true);
    // The CDK's default effect, written out where the construct is named.
    assert.equal(statement!.effect!.value.text, 'Allow');
    assert.equal(at(text, statement!.effect!.value.span), 'PolicyStatement');
  });

  it('reads Effect.DENY, NotAction, conditions and addCondition into one Condition', () => {
    const text =
      stack(`const deny = new iam.PolicyStatement({ effect: iam.Effect.DENY, notActions: ['iam:*'], notResources: ['arn:aws:s3:::b'],
  conditions: { Bool: { 'aws:MultiFactorAuthPresent': false } } });
deny.addCondition('StringEquals', { 'aws:RequestedRegion': ['eu-west-1'] });
new iam.Policy(scope, 'P', { statements: [deny] });`);
    const [statement] = documentAt(readTs(text), 'P').statements;
    assert.equal(statement!.effect!.value.text, 'Deny');
    assert.equal(at(text, statement!.effect!.value.span), 'iam.Effect.DENY');
    assert.deepEqual(values(text, statement!.notAction!.list), [['iam:*', 'iam:*']]);
    assert.deepEqual(values(text, statement!.notResource!.list), [['arn:aws:s3:::b', 'arn:aws:s3:::b']]);
    assert.equal(at(text, statement!.condition!.key.span), 'conditions');
    const blocks = statement!.condition!.blocks.map((b) => [
      b.operator.text,
      b.entries.map((e) => [e.key.text, e.values.values.map((v) => v.text)]),
    ]);
    assert.deepEqual(blocks, [
      ['Bool', [['aws:MultiFactorAuthPresent', ['false']]]],
      ['StringEquals', [['aws:RequestedRegion', ['eu-west-1']]]],
    ]);
    assert.equal(statement!.condition!.blocks[0]!.entries[0]!.values.values[0]!.kind, 'boolean');
  });

  it('applies the calls made on a statement through its name or chained: addActions, addResources, addAllResources', () => {
    const text = stack(`const s = new iam.PolicyStatement({ actions: ['sqs:SendMessage'] });
s.addActions('sqs:GetQueueUrl', ...['sqs:GetQueueAttributes']);
s.addAllResources();
new iam.PolicyStatement().addActions('sns:Publish');`);
    const source = readTs(text);
    const [first] = documentAt(source, 's').statements;
    assert.deepEqual(values(text, first!.action!.list), [
      ['sqs:SendMessage', 'sqs:SendMessage'],
      ['sqs:GetQueueUrl', 'sqs:GetQueueUrl'],
      ['sqs:GetQueueAttributes', 'sqs:GetQueueAttributes'],
    ]);
    assert.deepEqual(values(text, first!.resource!.list), [['*', 'addAllResources']]);
    const [chained] = documentAt(source, 'PolicyStatement (line').statements;
    assert.deepEqual(values(text, chained!.action!.list), [['sns:Publish', 'sns:Publish']]);
    assert.equal(at(text, chained!.action!.key.span), 'addActions');
  });

  it('keeps what it cannot see unknown: expressions, spreads, props of unknown value, open condition objects', () => {
    const text = stack(`const role = new iam.Role(scope, 'R', { assumedBy: new iam.AccountRootPrincipal() });
role.addToPolicy(new iam.PolicyStatement({ actions: props.actions, resources: [bucket.bucketArn, \`\${bucket.bucketArn}/*\`, ...more] }));
role.addToPolicy(new iam.PolicyStatement(props.statement));
role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'], conditions: { StringEquals: { ...tags } } }));`);
    const source = readTs(text);
    const [first, second, third] = source.documents
      .filter((d) => d.path.startsWith('role.addToPolicy'))
      .map((d) => d.statements[0]!);
    assert.equal(first!.action!.list.unknown, true);
    const resources = first!.resource!.list.values;
    assert.deepEqual(
      resources.map((v) => [v.kind, v.text]),
      [
        ['unknown', 'bucket.bucketArn'],
        ['string', '${bucket.bucketArn}/*'],
        ['unknown', '...more'],
      ],
    );
    assert.deepEqual(resources[1]!.parts, [{ unknown: 'bucket.bucketArn' }, '/*']);
    assert.equal(second!.unknown, true);
    assert.equal(third!.condition!.unknown, true);
  });

  it('resolves names bound by const to literals, with the spans of the declaration', () => {
    const text = stack(`const ACTIONS = ['s3:GetObject'];
const BUCKET = 'arn:aws:s3:::data';
const OBJECTS = \`\${BUCKET}/*\`;
const ACCOUNT = \`arn:aws:iam::\${this.account}:root\`;
let later = ['s3:PutObject'];
new iam.PolicyStatement({ actions: [...ACTIONS, later], resources: [BUCKET, OBJECTS, ACCOUNT] });`);
    const [statement] = readTs(text).documents[0]!.statements;
    const actions = statement!.action!.list.values;
    assert.deepEqual(
      actions.map((v) => [v.kind, v.text]),
      [
        ['string', 's3:GetObject'],
        ['unknown', 'later'],
      ],
    );
    // The span of the literal in `const ACTIONS = ['s3:GetObject']`: a fix edits the declaration.
    assert.equal(actions[0]!.span.start, text.indexOf("'s3:GetObject'") + 1);
    const resources = statement!.resource!.list.values;
    assert.deepEqual(
      resources.map((v) => v.text),
      ['arn:aws:s3:::data', 'arn:aws:s3:::data/*', 'arn:aws:iam::${AWS::AccountId}:root'],
    );
    assert.equal(resources[0]!.span.start, text.indexOf("'arn:aws:s3:::data'") + 1);
    // A stack's account is the pseudo parameter CloudFormation rules know.
    assert.deepEqual(resources[2]!.parts, ['arn:aws:iam::', { unknown: 'AWS::AccountId' }, ':root']);
  });

  it('does not resolve a name declared twice in the file', () => {
    const text = stack(`const A = ['s3:GetObject'];
function other() { const A = ['s3:*']; return A; }
new iam.PolicyStatement({ actions: A, resources: ['*'] });`);
    const [statement] = readTs(text).documents[0]!.statements;
    assert.equal(statement!.action!.list.unknown, true);
  });

  it('reads PolicyStatement.fromJson and PolicyDocument.fromJson by their IAM names; only the document from JSON is no construct', () => {
    const text =
      stack(`new iam.Policy(scope, 'P', { statements: [iam.PolicyStatement.fromJson({ Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' })] });
new iam.ManagedPolicy(scope, 'M', { document: iam.PolicyDocument.fromJson({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['s3:*'], Resource: '*' }] }) });`);
    const source = readTs(text);
    const policy = documentAt(source, 'P');
    // The Policy's document is the construct's (`statements:`); its statement is written by IAM's names.
    assert.equal(policy.construct, 'cdk');
    assert.equal(at(text, policy.statements[0]!.action!.key.span), 'Action');
    const managed = documentAt(source, 'M');
    assert.equal(managed.construct, undefined);
    assert.equal(at(text, managed.version!.value.span), '2012-10-17');
    assert.equal(managed.statements[0]!.effect!.value.text, 'Deny');
  });

  it('reads a statement no policy takes as a document of its own, a resource policy when it names principals', () => {
    const text = stack(`const orphan = new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] });
const open = new iam.PolicyStatement({ principals: [new iam.StarPrincipal()], actions: ['sqs:SendMessage'], resources: ['*'] });`);
    const source = readTs(text);
    assert.equal(documentAt(source, 'orphan').kind, 'identity');
    const open = documentAt(source, 'open');
    assert.equal(open.kind, 'resource');
    assert.equal(open.statements[0]!.principal!.wildcard?.text, '*');
  });

  it('reads a statement used twice once, and its second use as derived from the code', () => {
    const text = stack(`const s = new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] });
a.addToPolicy(s);
b.addToPolicy(s);`);
    const [first, second] = readTs(text).documents;
    assert.deepEqual(first!.appliesTo, ['a']);
    assert.equal(first!.derivedFrom, undefined);
    assert.deepEqual(second!.appliesTo, ['b']);
    assert.equal(second!.derivedFrom?.description, 'b.addToPolicy(s)');
    assert.equal(at(text, second!.derivedFrom!.span), 'addToPolicy');
    assert.ok(second!.derivedFrom!.span.start > text.indexOf('b.addToPolicy'));
  });

  it('reads resource policies with their service', () => {
    const text = stack(
      `const bucket = new s3.Bucket(scope, 'B');
bucket.addToResourcePolicy(new iam.PolicyStatement({ principals: [new iam.AnyPrincipal()], actions: ['s3:GetObject'], resources: [bucket.arnForObjects('*')] }));`,
      "import * as s3 from 'aws-cdk-lib/aws-s3';",
    );
    const document = documentAt(readTs(text), 'bucket.addToResourcePolicy');
    assert.equal(document.kind, 'resource');
    assert.equal(document.resourceService, 's3');
    assert.deepEqual(
      document.statements[0]!.principal!.entries.map((e) => [e.kind, e.values.values.map((v) => v.text)]),
      [['AWS', ['*']]],
    );
  });
});
