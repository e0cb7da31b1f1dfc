import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadGrammars } from '../../helpers/grammars';
import { readTs } from './cdkHelpers';

function actionsOf(text: string): string[][] {
  return readTs(text).documents.map((d) => d.statements.flatMap((s) => s.action?.list.values.map((v) => v.text) ?? []));
}

describe('CDK reader: imports and names', () => {
  before(loadGrammars);

  it('knows the IAM module under any import form', () => {
    const body = (ctor: string) => `new ${ctor}({ actions: ['s3:GetObject'], resources: ['*'] });\n`;
    assert.deepEqual(actionsOf(`import * as iam from 'aws-cdk-lib/aws-iam';\n${body('iam.PolicyStatement')}`), [
      ['s3:GetObject'],
    ]);
    assert.deepEqual(actionsOf(`import { aws_iam as x } from 'aws-cdk-lib';\n${body('x.PolicyStatement')}`), [
      ['s3:GetObject'],
    ]);
    assert.deepEqual(actionsOf(`import * as cdk from 'aws-cdk-lib';\n${body('cdk.aws_iam.PolicyStatement')}`), [
      ['s3:GetObject'],
    ]);
    assert.deepEqual(actionsOf(`import { PolicyStatement as PS } from 'aws-cdk-lib/aws-iam';\n${body('PS')}`), [
      ['s3:GetObject'],
    ]);
    assert.deepEqual(actionsOf(`import * as iam from '@aws-cdk/aws-iam';\n${body('iam.PolicyStatement')}`), [
      ['s3:GetObject'],
    ]);
    // A class of the same name from elsewhere is not IAM's.
    assert.deepEqual(
      actionsOf(
        `import { Stack } from 'aws-cdk-lib';\nimport { PolicyStatement } from './mine';\n${body('PolicyStatement')}`,
      ),
      [],
    );
  });

  it('knows the CDK under require and the other import forms real apps use, v1 package names included', () => {
    const body = (ctor: string) => `new ${ctor}({ actions: ['s3:GetObject'], resources: ['*'] });\n`;
    const cases: [imports: string, constructor: string][] = [
      [`import iam = require('aws-cdk-lib/aws-iam');`, 'iam.PolicyStatement'],
      [`import cdk = require("aws-cdk-lib");`, 'cdk.aws_iam.PolicyStatement'],
      [`const iam = require('aws-cdk-lib/aws-iam');`, 'iam.PolicyStatement'],
      [`var cdk = require('aws-cdk-lib');`, 'cdk.aws_iam.PolicyStatement'],
      [`const { PolicyStatement } = require('aws-cdk-lib/aws-iam');`, 'PolicyStatement'],
      [`const { PolicyStatement: PS, Role } = require('aws-cdk-lib/aws-iam');`, 'PS'],
      [`const { aws_iam: x } = require('aws-cdk-lib');`, 'x.PolicyStatement'],
      [`import iam from 'aws-cdk-lib/aws-iam';`, 'iam.PolicyStatement'],
      [`import { aws_iam } from 'aws-cdk-lib';`, 'aws_iam.PolicyStatement'],
      [`import cdk, { Stack } from 'aws-cdk-lib';`, 'cdk.aws_iam.PolicyStatement'],
      [`import iam = require('@aws-cdk/aws-iam');`, 'iam.PolicyStatement'],
      [`import { PolicyStatement } from '@aws-cdk/aws-iam';`, 'PolicyStatement'],
    ];
    for (const [imports, constructor] of cases) {
      const text = `${imports}\n${body(constructor)}`;
      const [document] = readTs(text).documents;
      const action = document?.statements[0]?.action?.list.values[0];
      assert.equal(action && text.slice(action.span.start, action.span.end), 's3:GetObject', imports);
    }
    // A require that binds nothing, or in a comment: no CDK name.
    assert.deepEqual(
      actionsOf(
        `// const iam = require('aws-cdk-lib/aws-iam');\nconst PolicyStatement = Mine;\n${body('iam.PolicyStatement')}`,
      ),
      [],
    );
    assert.deepEqual(actionsOf(`load(require('aws-cdk-lib/aws-iam'));\n${body('iam.PolicyStatement')}`), []);
  });

  it('binds no value through import type, but reads type annotations with it', () => {
    // `import type` names no class a file can construct: a PolicyStatement of it would not compile.
    assert.deepEqual(
      actionsOf(
        `import type { PolicyStatement } from 'aws-cdk-lib/aws-iam';\nnew PolicyStatement({ actions: ['s3:GetObject'] });\n`,
      ),
      [],
    );
    assert.deepEqual(
      actionsOf(
        `import { type PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';\nnew PolicyStatement({ actions: ['s3:GetObject'] });\n`,
      ),
      [],
    );
    const text = `import type { IBucket } from 'aws-cdk-lib/aws-s3';
import * as iam from 'aws-cdk-lib/aws-iam';
export function allow(bucket: IBucket, role: iam.Role) {
  bucket.grantRead(role);
}
`;
    const [grant] = readTs(text).documents;
    assert.equal(grant?.derivedFrom?.description, 'bucket.grantRead(role)');
    assert.equal(grant?.statements[0]!.action!.list.values[0]!.text, 's3:GetObject*');
  });

  it('reads TSX: JSX around a construct does not hide it', () => {
    const text = `import * as iam from 'aws-cdk-lib/aws-iam';
const Show = <T,>(x: T) => <pre className="policy">{String(x)}</pre>;
export const view = <Show x={new iam.PolicyStatement({ actions: ['ec2:*'], resources: ['*'] })} />;
`;
    const [document] = readTs(text).documents;
    const action = document!.statements[0]!.action!.list.values[0]!;
    assert.equal(text.slice(action.span.start, action.span.end), 'ec2:*');
  });

  it('reads through TypeScript that changes nothing at run time: as const, satisfies, !, generics, decorators', () => {
    const text = `import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
const ACTIONS = ['s3:GetObject', 's3:PutObject'] as const;
class S {
  @decorate() private readonly bucket = new s3.Bucket(this, 'B');
  build(role?: iam.Role) {
    role!.addToPolicy(new iam.PolicyStatement({ actions: [...ACTIONS] satisfies string[], resources: [(this.bucket.bucketArn as string)] }));
    role?.addToPolicy(new iam.PolicyStatement({ actions: <string[]>['sqs:SendMessage'], resources: ['*'] }));
  }
}`;
    const source = readTs(text);
    assert.deepEqual(
      source.documents.map((d) => [d.appliesTo?.join(), d.statements[0]!.action!.list.values.map((v) => v.text)]),
      [
        ['role', ['s3:GetObject', 's3:PutObject']],
        ['role', ['sqs:SendMessage']],
      ],
    );
  });

  it('follows a construct kept under the same name on the stack (this.bucket = bucket)', () => {
    const text = `import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
const bucket = new s3.Bucket(scope, 'B');
this.bucket = bucket;
this.bucket.grantRead(fn);`;
    const [grant] = readTs(text).documents;
    assert.equal(grant?.derivedFrom?.description, 'this.bucket.grantRead(fn)');
    assert.equal(grant?.statements[0]!.action!.list.values[0]!.text, 's3:GetObject*');
  });
});
