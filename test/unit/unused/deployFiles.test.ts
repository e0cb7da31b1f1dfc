/**
 * Where a file's deployment is described: the SAM CLI's configuration beside a template (TOML and YAML,
 * the deploy command's parameters over the global ones, a configuration of another template ignored),
 * and a CDK app's cloud assembly (found by its cdk.json; stacks, environments, nested assemblies, the
 * construct paths of its roles and users from the template's metadata or the manifest's).
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
  cloudAssemblyDirOf,
  ProjectFiles,
  projectStackRefs,
  readCloudAssembly,
  readIfPresent,
  samStackOf,
} from '../../../src/core';
import { repoRoot } from '../../harness/paths';

/** A file system of a few texts, by absolute path. */
function files(texts: Record<string, string>): (file: string) => string | undefined {
  return (file) => texts[path.resolve(file)];
}

const TEMPLATE = path.resolve('/app/template.yaml');

describe("a template's SAM configuration", () => {
  const cases: [string, Record<string, string>, ReturnType<typeof samStackOf>][] = [
    [
      'samconfig.toml: the deploy parameters win over the global ones',
      {
        '/app/samconfig.toml': `version = 0.1
[default.global.parameters]
stack_name = "global-stack"

[default.deploy.parameters]
stack_name = "orders-service-dev" # the dev stack
region = 'us-east-1'
capabilities = "CAPABILITY_IAM"
[prod.deploy.parameters]
stack_name = "orders-service-prod"
`,
      },
      { stack: 'orders-service-dev', source: 'samconfig', from: 'samconfig.toml:6', region: 'us-east-1' },
    ],
    [
      'samconfig.toml with only global parameters',
      { '/app/samconfig.toml': '[default.global.parameters]\nstack_name = "shared"\n' },
      { stack: 'shared', source: 'samconfig', from: 'samconfig.toml:2' },
    ],
    [
      'samconfig.yaml, which newer SAM CLIs read',
      {
        '/app/samconfig.yaml': `version: 0.1
default:
  deploy:
    parameters:
      stack_name: orders-service-dev
      region: eu-west-1
`,
      },
      { stack: 'orders-service-dev', source: 'samconfig', from: 'samconfig.yaml:5', region: 'eu-west-1' },
    ],
    [
      'a configuration of another template in the folder says nothing of this one',
      { '/app/samconfig.toml': '[default.deploy.parameters]\nstack_name = "x"\ntemplate_file = "other.yaml"\n' },
      undefined,
    ],
    [
      'a configuration naming this template',
      { '/app/samconfig.toml': '[default.deploy.parameters]\nstack_name = "x"\ntemplate_file = "template.yaml"\n' },
      { stack: 'x', source: 'samconfig', from: 'samconfig.toml:2' },
    ],
    ['no configuration', {}, undefined],
    ['a configuration without a stack name', { '/app/samconfig.toml': '[default.deploy.parameters]\n' }, undefined],
  ];
  for (const [what, texts, expected] of cases) {
    test(what, () => {
      const absolute = Object.fromEntries(Object.entries(texts).map(([k, v]) => [path.resolve(k), v]));
      assert.deepEqual(samStackOf(TEMPLATE, files(absolute)), expected);
    });
  }
});

describe("the project file's stacks", () => {
  test('the entries whose files cover the template, each with where it is written', () => {
    const project = new ProjectFiles(() => undefined).load(
      '/repo/.cloudwarden.yaml',
      `rules: {}
stacks:
  - files: 'templates/*.yaml'
    stack: orders-service-dev
    region: eu-west-1
  - stack: shared-roles
`,
      '/repo',
    );
    assert.deepEqual(projectStackRefs(project, 'templates/orders.yaml'), [
      { stack: 'orders-service-dev', source: 'stacks', from: '.cloudwarden.yaml:3', region: 'eu-west-1' },
      { stack: 'shared-roles', source: 'stacks', from: '.cloudwarden.yaml:6' },
    ]);
    assert.deepEqual(projectStackRefs(project, 'other/app.yaml'), [
      { stack: 'shared-roles', source: 'stacks', from: '.cloudwarden.yaml:6' },
    ]);
    assert.deepEqual(projectStackRefs(undefined, 'templates/orders.yaml'), []);
  });
});

describe('a CDK cloud assembly (cdk.out)', () => {
  const app = path.join(repoRoot, 'test', 'fixtures', 'cdk-assembly');

  test('found from a source file by its cdk.json, with its output folder', () => {
    const source = path.join(app, 'lib', 'orders-api.ts');
    assert.equal(cloudAssemblyDirOf(source, readIfPresent), path.join(app, 'cdk.out'));
    const other = files({ [path.resolve('/p/cdk.json')]: '{"app": "x", "output": "build/assembly"}' });
    assert.equal(cloudAssemblyDirOf('/p/lib/deep/stack.ts', other), path.resolve('/p/build/assembly'));
    assert.equal(cloudAssemblyDirOf('/p/lib/stack.ts', other, '/p/lib'), undefined, 'not above stopAt');
    assert.equal(cloudAssemblyDirOf('/q/stack.ts', files({})), undefined);
  });

  test('its stacks, environments and principals, nested assemblies included', () => {
    const assembly = readCloudAssembly(path.join(app, 'cdk.out'), readIfPresent);
    assert.deepEqual(assembly?.problems, []);
    assert.deepEqual(assembly?.stacks, [
      {
        stack: 'orders-service-dev',
        account: '123837392027',
        region: 'us-east-1',
        resources: [
          { logicalId: 'FunctionRole', type: 'role', constructPath: 'OrdersApi/FunctionRole/Resource', iamPath: '/' },
          {
            logicalId: 'AuditRole4C1F2A3B',
            type: 'role',
            constructPath: 'OrdersApi/AuditRole/Resource',
            iamPath: '/audit/',
            name: 'orders-audit',
          },
          // No Metadata in the template: the manifest's aws:cdk:logicalId entry gives its path.
          {
            logicalId: 'HandlerServiceRoleFCDC14AE',
            type: 'role',
            constructPath: 'OrdersApi/Handler/ServiceRole/Resource',
            iamPath: '/',
          },
        ],
      },
      {
        stack: 'Prod-Monitoring',
        // An environment-agnostic stack: no account, no Region; a name built by Fn::Join is not written.
        resources: [
          {
            logicalId: 'OpsUserA1B2C3D4',
            type: 'user',
            constructPath: 'Prod/Monitoring/OpsUser/Resource',
            iamPath: '/',
          },
        ],
      },
    ]);
  });

  test('what cannot be read is said; no manifest is no assembly', () => {
    const broken = readCloudAssembly(
      '/a',
      files({
        [path.resolve('/a/manifest.json')]:
          '{"artifacts": {"S": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "S.template.json"}}}}',
        [path.resolve('/a/S.template.json')]: '{ not json',
      }),
    );
    assert.deepEqual(broken, {
      dir: '/a',
      stacks: [{ stack: 'S', resources: [] }],
      problems: ['S.template.json is not JSON'],
    });
    assert.deepEqual(readCloudAssembly('/b', files({ [path.resolve('/b/manifest.json')]: '{' })), {
      dir: '/b',
      stacks: [],
      problems: ['manifest.json is not JSON'],
    });
    assert.equal(readCloudAssembly('/c', files({})), undefined);
  });
});
