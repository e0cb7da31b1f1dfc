/**
 * Before a code grammar is loaded (the server loads it on the first such file): what needs no tree is
 * found, and nothing is remembered that a later call, with the grammar, would find more in. Its own
 * file: node's test runner gives it a process where no other suite has loaded the grammars.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findReferences } from '../../../src/core';
import { grammarOf } from '../../../src/core/sources/code';
import { loadGrammars } from '../helpers/grammars';

describe('references: before and after the grammars load', () => {
  it('finds the ARNs and SDK calls of a CDK app and a Terraform file at once, and the rest once the grammars are loaded', async () => {
    assert.equal(grammarOf('typescript'), undefined, 'no grammar loaded in this process yet');
    const cdk = `import * as s3 from 'aws-cdk-lib/aws-s3';
export function build(scope: any, client: any) {
  s3.Bucket.fromBucketName(scope, 'B', 'acme-cdk');
  return client.send(new GetObjectCommand({ Bucket: 'acme-sdk', Key: 'arn:aws:s3:::acme-arn' }));
}
`;
    const terraform = 'resource "aws_s3_bucket" "b" {\n  bucket = "acme-tf"\n}\n# arn:aws:s3:::acme-comment\n';
    const found = () => [
      findReferences(cdk, 'typescript').map((r) => `${r.via} ${r.text}`),
      findReferences(terraform, 'terraform').map((r) => `${r.via} ${r.text}`),
    ];
    assert.deepEqual(found(), [['sdk acme-sdk', 'arn arn:aws:s3:::acme-arn'], ['arn arn:aws:s3:::acme-comment']]);
    await loadGrammars();
    assert.deepEqual(found(), [
      ['cdk acme-cdk', 'sdk acme-sdk', 'arn arn:aws:s3:::acme-arn'],
      ['terraform acme-tf', 'arn arn:aws:s3:::acme-comment'],
    ]);
  });
});
