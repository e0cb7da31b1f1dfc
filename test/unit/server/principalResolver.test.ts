/**
 * The server's principal resolver against the emulator, with the real SDK: a SAM template's samconfig.toml
 * stack and a CDK app's cdk.out map a role's logical id to its deployed name (DescribeStackResources); a
 * literal RoleName takes the profile's account (GetCallerIdentity). Answers come from the caches: what is
 * missing is asked once in the background (then the files are judged again), a stack not deployed is said
 * and the next evidence tried, and the command's candidates list every principal found.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readPolicySource, type SourceFormat } from '../../../src/core';
import { deployedAws } from '../../../src/server/principalAws';
import { PrincipalResolver, type PrincipalContext } from '../../../src/server/principalResolver';
import { repoRoot } from '../../harness/paths';
import { emulatorGateway } from '../aws/emulatorGateway';
import { loadGrammars } from '../helpers/grammars';

const ORDERS_ROLE = 'arn:aws:iam::123837392027:role/orders-service-dev-FunctionRole-1B8ZCQ4F2X7KD';

describe('the principal of a policy, from its deployment', () => {
  const aws = emulatorGateway();
  const dir = mkdtempSync(path.join(tmpdir(), 'cloudwarden-principals-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  before(loadGrammars);

  /** A resolver whose AWS is the emulator, and a promise of its next change. */
  function resolver(): { resolver: PrincipalResolver; changed: () => Promise<void>; logged: string[] } {
    let resolve: () => void = () => undefined;
    let next = new Promise<void>((r) => (resolve = r));
    const logged: string[] = [];
    const principals = new PrincipalResolver({
      aws: deployedAws(() => Promise.resolve({ gateway: aws.gateway, from: 'profile default' })),
      onChange: () => {
        resolve();
        next = new Promise<void>((r) => (resolve = r));
      },
      log: (message) => logged.push(message),
    });
    return { resolver: principals, changed: () => next, logged };
  }

  function context(file: string, format: SourceFormat, version = 1): PrincipalContext {
    const text = readFileSync(file, 'utf8');
    return {
      uri: `file://${file}`,
      version,
      file,
      text,
      source: readPolicySource(text, format),
      project: undefined,
      relative: path.basename(file),
      rules: [],
    };
  }

  function identity(c: PrincipalContext, index = 0) {
    return c.source.documents.filter((d) => d.kind === 'identity')[index]!;
  }

  test("a SAM template's samconfig.toml stack: the role's deployed name, asked once", async () => {
    const template = path.join(dir, 'template.yaml');
    writeFileSync(template, readFileSync(path.join(repoRoot, 'demo', 'templates', 'orders-service.yaml'), 'utf8'));
    writeFileSync(
      path.join(dir, 'samconfig.toml'),
      'version = 0.1\n[default.deploy.parameters]\nstack_name = "orders-service-dev"\nregion = "us-east-1"\n',
    );
    const { resolver: principals, changed } = resolver();
    const c = context(template, 'yaml');
    const policy = identity(c);
    assert.equal(principals.resolve(policy, c), undefined, 'nothing until the stack answers');
    await changed();
    const mapping = principals.resolve(policy, c);
    assert.equal(mapping?.principal, ORDERS_ROLE);
    assert.match(
      mapping!.evidence,
      /^stack orders-service-dev \(samconfig\.toml:3\), FunctionRole \(DescribeStackResources, just now\)$/,
    );
    // Another keystroke, another version: the cache answers, no second call.
    principals.resolve(policy, context(template, 'yaml', 2));
    assert.equal(aws.emulator.requests.count('cloudformation', 'DescribeStackResources'), 1);
    assert.equal(aws.emulator.requests.count('sts', 'GetCallerIdentity'), 0, 'no name needed the account');
  });

  test("a literal RoleName takes the profile's account, before the stack", async () => {
    const template = path.join(dir, 'named.yaml');
    writeFileSync(
      template,
      `Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: orders-app
      AssumeRolePolicyDocument: { Statement: [] }
      Policies:
        - PolicyName: app
          PolicyDocument: { Statement: [{ Effect: Allow, Action: s3:ListAllMyBuckets, Resource: '*' }] }
`,
    );
    const { resolver: principals, changed } = resolver();
    const c = context(template, 'yaml');
    assert.equal(principals.resolve(identity(c), c), undefined);
    await changed();
    assert.deepEqual(principals.resolve(identity(c), c), {
      principal: 'arn:aws:iam::111122223333:role/orders-app',
      evidence: 'RoleName at named.yaml:5, account 111122223333 of profile default',
    });
  });

  test('a stack that is not deployed is said, and the next evidence (cdk.out) answers', async () => {
    const app = path.join(repoRoot, 'test', 'fixtures', 'cdk-assembly');
    const { resolver: principals, changed, logged } = resolver();
    const c = context(path.join(app, 'lib', 'orders-api.ts'), 'typescript');
    // FunctionRole: cdk.out's stack orders-service-dev (deployed in the emulator) and its logical id.
    assert.equal(principals.resolve(identity(c, 0), c), undefined);
    await changed();
    const mapping = principals.resolve(identity(c, 0), c);
    assert.equal(mapping?.principal, ORDERS_ROLE);
    assert.match(
      mapping!.evidence,
      /^stack orders-service-dev \(cdk\.out, OrdersApi\/FunctionRole\/Resource\), FunctionRole/,
    );
    // The handler's role is in the same stack's template but not deployed there.
    const candidates = await principals.candidates(identity(c, 2), c);
    assert.deepEqual(candidates.candidates, []);
    assert.deepEqual(candidates.passed, [
      'stack orders-service-dev (cdk.out, OrdersApi/Handler/ServiceRole/Resource): no role or user HandlerServiceRoleFCDC14AE in the stack',
    ]);
    assert.deepEqual(logged, []);
  });

  test('the candidates of a policy: every principal its evidence gives, the current one first in order', async () => {
    const app = path.join(repoRoot, 'test', 'fixtures', 'cdk-assembly');
    const { resolver: principals, logged } = resolver();
    const c = context(path.join(app, 'lib', 'orders-api.ts'), 'typescript');
    const audit = await principals.candidates(identity(c, 1), c);
    assert.deepEqual(audit.current, {
      principal: 'arn:aws:iam::111122223333:role/audit/orders-audit',
      evidence: 'roleName at orders-api.ts:12, account 111122223333 of profile default',
    });
    assert.deepEqual(
      audit.candidates.map((m) => m.principal),
      ['arn:aws:iam::111122223333:role/audit/orders-audit', 'arn:aws:iam::123837392027:role/audit/orders-audit'],
    );
    assert.deepEqual(logged, []);
  });

  test('a samconfig stack that does not exist: said once in the log, no principal', async () => {
    const sub = mkdtempSync(path.join(dir, 'missing-'));
    const template = path.join(sub, 'template.yaml');
    writeFileSync(template, readFileSync(path.join(repoRoot, 'demo', 'templates', 'orders-service.yaml'), 'utf8'));
    writeFileSync(
      path.join(sub, 'samconfig.toml'),
      '[default.deploy.parameters]\nstack_name = "orders-service-prod"\n',
    );
    const { resolver: principals, changed, logged } = resolver();
    const c = context(template, 'yaml');
    principals.resolve(identity(c), c);
    await changed();
    assert.equal(principals.resolve(identity(c), c), undefined);
    assert.deepEqual(logged, [
      "Unused permissions: stack orders-service-prod: CloudFormation has no stack orders-service-prod in us-east-1: deploy it, or check the stack's name and the Region.",
    ]);
  });
});
