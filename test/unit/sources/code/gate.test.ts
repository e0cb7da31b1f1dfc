import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { grammarOf, mayHoldPolicies, readCodeSource } from '../../../../src/core/sources/code';

// This file loads no grammar (node --test runs each file in its own process): what is read without one
// shows which texts would have been parsed.
describe('which TypeScript is parsed at all', () => {
  test('a file that does not import the CDK is answered without a parser; a CDK file needs one', () => {
    assert.equal(grammarOf('typescript'), undefined);
    const other = readCodeSource(
      "import * as iam from './my-iam';\nexport const s = new iam.PolicyStatement({ actions: ['s3:GetObjekt'] });\n",
      'typescript',
    );
    assert.deepEqual(other, { format: 'typescript', shape: 'none', documents: [], problems: [] });
    const cdk = readCodeSource(
      "import * as iam from 'aws-cdk-lib/aws-iam';\nexport const s = new iam.PolicyStatement({ actions: ['s3:GetObjekt'] });\n",
      'typescript',
    );
    assert.equal(cdk.shape, 'none');
    assert.match(cdk.problems[0]?.message ?? '', /TypeScript parser is not loaded/);
  });

  test('every form of importing the CDK passes the check that decides whether to parse', () => {
    for (const imports of [
      "import iam = require('aws-cdk-lib/aws-iam');",
      'const iam = require("aws-cdk-lib/aws-iam");',
      "const { PolicyStatement } = require('aws-cdk-lib/aws-iam');",
      "import * as cdk from 'aws-cdk-lib';",
      "import { aws_iam } from 'aws-cdk-lib';",
      "import iam from '@aws-cdk/aws-iam';",
      "import * as core from '@aws-cdk/core';",
    ]) {
      assert.equal(mayHoldPolicies(`${imports}\n`, 'typescript'), true, imports);
    }
    assert.equal(mayHoldPolicies("import * as iam from './my-iam';\n", 'typescript'), false);
  });
});
