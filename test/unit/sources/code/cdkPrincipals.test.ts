import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Statement } from '../../../../src/core/policy/model';
import { loadGrammars } from '../../helpers/grammars';
import { at, documentAt, readTs, stack } from './cdkHelpers';

function principals(statement: Statement | undefined): [string, string[]][] {
  return (statement?.principal?.entries ?? []).map((e) => [e.kind, e.values.values.map((v) => v.text)]);
}

function conditions(statement: Statement | undefined): [string, string, string[]][] {
  return (statement?.condition?.blocks ?? []).flatMap((b) =>
    b.entries.map((e): [string, string, string[]] => [b.operator.text, e.key.text, e.values.values.map((v) => v.text)]),
  );
}

describe('CDK reader: principals and trust policies', () => {
  before(loadGrammars);

  it("reads a role's assumedBy as its trust policy, keyed at assumedBy", () => {
    const text = stack(
      `const role = new iam.Role(scope, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });`,
    );
    const trust = documentAt(readTs(text), 'role.assumedBy');
    assert.equal(trust.kind, 'trust');
    assert.equal(trust.construct, 'cdk');
    const [statement] = trust.statements;
    assert.deepEqual(principals(statement), [['Service', ['lambda.amazonaws.com']]]);
    assert.equal(at(text, statement!.principal!.key.span), 'assumedBy');
    assert.equal(at(text, statement!.principal!.entries[0]!.values.values[0]!.span), 'lambda.amazonaws.com');
    assert.equal(statement!.action!.list.values[0]!.text, 'sts:AssumeRole');
  });

  it('reads account, root, ARN and any principals', () => {
    const text = stack(`new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'], principals: [
  new iam.AccountPrincipal('111122223333'), new iam.AccountRootPrincipal(), new iam.ArnPrincipal(\`arn:aws:iam::\${Aws.ACCOUNT_ID}:role/x\`), new iam.AnyPrincipal()] });`);
    const [statement] = readTs(text).documents[0]!.statements;
    assert.deepEqual(principals(statement), [
      [
        'AWS',
        [
          '111122223333',
          'arn:${AWS::Partition}:iam::${AWS::AccountId}:root',
          'arn:aws:iam::${AWS::AccountId}:role/x',
          '*',
        ],
      ],
    ]);
    assert.equal(at(text, statement!.principal!.key.span), 'principals');
  });

  it('writes one trust statement per principal of a CompositePrincipal', () => {
    const text = stack(
      `new iam.Role(scope, 'Admin', { assumedBy: new iam.CompositePrincipal(new iam.ServicePrincipal('ec2.amazonaws.com'), new iam.AccountPrincipal('111122223333')) });`,
    );
    const trust = documentAt(readTs(text), 'Admin.assumedBy');
    assert.deepEqual(trust.statements.map(principals), [
      [['Service', ['ec2.amazonaws.com']]],
      [['AWS', ['111122223333']]],
    ]);
  });

  it('reads web identity principals with their action and conditions (withConditions too)', () => {
    const text =
      stack(`const provider = new iam.OpenIdConnectProvider(scope, 'GitHub', { url: 'https://token.actions.githubusercontent.com', clientIds: ['sts.amazonaws.com'] });
const ci = new iam.Role(scope, 'Ci', { assumedBy: new iam.OpenIdConnectPrincipal(provider, { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } })
  .withConditions({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' } }) });
const web = new iam.Role(scope, 'Web', { assumedBy: new iam.WebIdentityPrincipal('cognito-identity.amazonaws.com', { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } }) });
const saml = new iam.Role(scope, 'Saml', { assumedBy: new iam.FederatedPrincipal('arn:aws:iam::111122223333:saml-provider/Okta', {}, 'sts:AssumeRoleWithSAML') });`);
    const source = readTs(text);
    const [ci] = documentAt(source, 'ci.assumedBy').statements;
    assert.deepEqual(principals(ci), [
      ['Federated', ['arn:${AWS::Partition}:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com']],
    ]);
    assert.equal(ci!.action!.list.values[0]!.text, 'sts:AssumeRoleWithWebIdentity');
    assert.deepEqual(conditions(ci), [
      ['StringEquals', 'token.actions.githubusercontent.com:aud', ['sts.amazonaws.com']],
      ['StringLike', 'token.actions.githubusercontent.com:sub', ['repo:acme/app:*']],
    ]);
    const [web] = documentAt(source, 'web.assumedBy').statements;
    assert.deepEqual(principals(web), [['Federated', ['cognito-identity.amazonaws.com']]]);
    assert.deepEqual(conditions(web), [
      ['ForAnyValue:StringLike', 'cognito-identity.amazonaws.com:amr', ['authenticated']],
    ]);
    const [saml] = documentAt(source, 'saml.assumedBy').statements;
    assert.equal(saml!.action!.list.values[0]!.text, 'sts:AssumeRoleWithSAML');
    assert.equal(at(text, saml!.action!.list.values[0]!.span), 'sts:AssumeRoleWithSAML');
  });

  it('keeps a principal it cannot see unknown, and conditions it cannot see too', () => {
    const text = stack(`new iam.Role(scope, 'A', { assumedBy: props.principal });
new iam.Role(scope, 'B', { assumedBy: new iam.FederatedPrincipal(props.provider, props.conditions, 'sts:AssumeRoleWithWebIdentity') });`);
    const source = readTs(text);
    assert.equal(documentAt(source, 'A.assumedBy').statements[0]!.principal!.unknown, true);
    const [b] = documentAt(source, 'B.assumedBy').statements;
    assert.equal(b!.principal!.entries[0]!.kind, 'Federated');
    assert.equal(b!.principal!.entries[0]!.values.unknown, true);
    assert.equal(b!.condition!.unknown, true);
  });
});
