import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Catalog } from '../../../../src/core/catalog';
import { GRANTS, grantRow, grantSource } from '../../../../src/core/sources/code/cdk/grants';
import { catalogFile } from '../../helpers/paths';
import { loadGrammars } from '../../helpers/grammars';
import { at, readTs, stack, values } from './cdkHelpers';

const IMPORTS = `import * as s3 from 'aws-cdk-lib/aws-s3';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { aws_lambda as lambda } from 'aws-cdk-lib';`;

describe('CDK reader: grants', () => {
  before(loadGrammars);

  it('reads a grant as a document derived from the call, applying to the grantee', () => {
    const text = stack(
      `const bucket = new s3.Bucket(scope, 'B');
const fn = new lambda.Function(scope, 'Fn', props);
bucket.grantRead(fn);`,
      IMPORTS,
    );
    const [document] = readTs(text).documents;
    assert.equal(document!.kind, 'identity');
    assert.deepEqual(document!.appliesTo, ['fn']);
    assert.equal(document!.derivedFrom?.description, 'bucket.grantRead(fn)');
    assert.equal(at(text, document!.derivedFrom!.span), 'grantRead');
    const [statement] = document!.statements;
    assert.deepEqual(values(text, statement!.action!.list), [
      ['s3:GetObject*', 'grantRead'],
      ['s3:GetBucket*', 'grantRead'],
      ['s3:List*', 'grantRead'],
    ]);
    assert.deepEqual(
      statement!.resource!.list.values.map((v) => [v.kind, v.text, at(text, v.span)]),
      [['unknown', 'bucket.bucketArn', 'bucket']],
    );
  });

  it('knows the receiver from how the file creates it, also through a static import method', () => {
    const text = stack(
      `const logs = s3.Bucket.fromBucketName(scope, 'Logs', 'logs');
const table = new dynamodb.TableV2(scope, 'T', props);
logs.grantPut(this.worker!);
table.grantReadData(this.worker);`,
      IMPORTS,
    );
    const [put, read] = readTs(text).documents;
    assert.deepEqual(put!.appliesTo, ['worker']);
    assert.ok(put!.statements[0]!.action!.list.values.some((v) => v.text === 's3:PutObject'));
    assert.ok(read!.statements[0]!.action!.list.values.some((v) => v.text === 'dynamodb:Query'));
  });

  it('falls back to the method name only when it is the same grant on every kind', () => {
    const text = stack(
      `unknownTable.grantReadData(role);
something.grantRead(role);
bucket.grantRead(new iam.ServicePrincipal('logs.amazonaws.com'));`,
      IMPORTS,
    );
    const source = readTs(text);
    // grantRead of a bucket, a secret, a stream...: not guessed. A grant to a service principal is a resource policy's.
    assert.deepEqual(
      source.documents.map((d) => d.derivedFrom?.description),
      ['unknownTable.grantReadData(role)'],
    );
  });

  it('takes the Resource from an ARN written in the file', () => {
    const text = stack(`const any = iam.Role.fromRoleArn(scope, 'Any', 'arn:aws:iam::111122223333:role/*');
any.grantPassRole(role);`);
    const [document] = readTs(text).documents;
    assert.deepEqual(values(text, document!.statements[0]!.resource!.list), [
      ['arn:aws:iam::111122223333:role/*', 'arn:aws:iam::111122223333:role/*'],
    ]);
    assert.deepEqual(document!.appliesTo, ['role']);
  });

  it('has a row with its source for every grant, of actions the catalog knows', () => {
    const catalog = Catalog.load(catalogFile);
    for (const row of GRANTS) {
      assert.ok(row.source.length > 0, row.method);
      for (const action of [...row.actions, ...(row.onEveryResource ?? [])]) {
        assert.ok(catalog.expand(action).actions.length > 0, `${row.resource}.${row.method}: ${action}`);
      }
    }
    assert.deepEqual(grantRow('grantRead', 'secret')?.actions, [
      'secretsmanager:GetSecretValue',
      'secretsmanager:DescribeSecret',
    ]);
    assert.equal(grantRow('grantRead', undefined), undefined);
    assert.equal(grantRow('grantInvoke', undefined)?.actions[0], 'lambda:InvokeFunction');
    assert.equal(grantRow('grantPull', 'repository')?.onEveryResource?.[0], 'ecr:GetAuthorizationToken');
    assert.equal(grantSource(grantRow('grantSendMessages', 'queue')!), 'aws-cdk-lib 2.276.0, aws-sqs/grants.json');
  });
});

describe('CDK reader: managed policies', () => {
  before(loadGrammars);

  it('lists AWS managed policies attached by name or ARN, at the string', () => {
    const text =
      stack(`const role = new iam.Role(scope, 'R', { assumedBy: new iam.AccountRootPrincipal(), managedPolicies: [
  iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess'),
  iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole'),
  iam.ManagedPolicy.fromManagedPolicyName(scope, 'Mine', 'team-policy')] });
const group = new iam.Group(scope, 'G');
group.addManagedPolicy(iam.ManagedPolicy.fromManagedPolicyArn(scope, 'P', 'arn:aws:iam::aws:policy/IAMFullAccess'));`);
    const managed = readTs(text).template!.managedPolicies;
    assert.deepEqual(
      managed.map((m) => [m.principal, m.principalType, at(text, m.value.span), m.awsManagedName]),
      [
        ['role', 'AWS::IAM::Role', 'AdministratorAccess', 'AdministratorAccess'],
        ['role', 'AWS::IAM::Role', 'service-role/AWSLambdaBasicExecutionRole', 'AWSLambdaBasicExecutionRole'],
        ['role', 'AWS::IAM::Role', 'team-policy', undefined],
        ['group', 'AWS::IAM::Group', 'arn:aws:iam::aws:policy/IAMFullAccess', 'IAMFullAccess'],
      ],
    );
  });

  it('gives a ManagedPolicy or Policy of the file the principals that attach it', () => {
    const text =
      stack(`const shared = new iam.ManagedPolicy(scope, 'Shared', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })], users: [user] });
const inline = new iam.Policy(scope, 'Inline', { statements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['*'] })] });
const role = new iam.Role(scope, 'R', { assumedBy: new iam.AccountRootPrincipal(), managedPolicies: [shared] });
role.attachInlinePolicy(inline);
inline.attachToGroup(this.admins);`);
    const source = readTs(text);
    const byPath = Object.fromEntries(source.documents.map((d) => [d.path, d.appliesTo]));
    assert.deepEqual(byPath.shared, ['role', 'user']);
    assert.deepEqual(byPath.inline, ['role', 'admins']);
  });
});

describe('CDK reader: the Grant API', () => {
  before(loadGrammars);

  it('reads iam.Grant.addToPrincipal as a statement written in the file, for the grantee', () => {
    const text =
      stack(`iam.Grant.addToPrincipal({ grantee: this.fn, actions: ['s3:*'], resourceArns: ['*'], conditions: { Bool: { 'aws:SecureTransport': 'true' } } });
iam.Grant.addToPrincipalOrResource({ grantee: role, actions: props.actions, resourceArns: [arn], resource: bucket });`);
    const [first, second] = readTs(text).documents;
    assert.deepEqual(first!.appliesTo, ['fn']);
    assert.equal(first!.derivedFrom, undefined);
    assert.equal(first!.construct, 'cdk');
    const [statement] = first!.statements;
    assert.deepEqual(values(text, statement!.action!.list), [['s3:*', 's3:*']]);
    assert.equal(at(text, statement!.resource!.key.span), 'resourceArns');
    assert.deepEqual(
      statement!.condition!.blocks.map((b) => b.operator.text),
      ['Bool'],
    );
    assert.deepEqual(second!.appliesTo, ['role']);
    assert.equal(second!.statements[0]!.action!.list.unknown, true);
  });
});
