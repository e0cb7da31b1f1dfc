/** findReferences as a whole: one reading per span, referenceAt, half-typed text, 1 MB inputs. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findReferences, referenceAt } from '../../../src/core';
import { readPolicySource } from '../../../src/core/sources';
import { namedTemplate } from '../../harness/namedTemplate';
import { loadGrammars } from '../helpers/grammars';
import { describe as rowsOf, fixture } from './helpers';

describe('references: findReferences and referenceAt', () => {
  before(loadGrammars);

  it('keeps the reading of the template or code where the ARN scan found the same span', () => {
    const text =
      'Resources:\n  K:\n    Type: AWS::SQS::Queue\n    Properties:\n      KmsMasterKeyId: arn:aws:kms:us-east-1:123456789012:alias/acme\n';
    assert.deepEqual(
      findReferences(text, 'yaml').map((r) => r.via),
      ['property'],
    );
    const sdk = `sns.publish(TopicArn='arn:aws:sns:us-east-1:123456789012:alerts')`;
    assert.deepEqual(
      findReferences(sdk, 'python').map((r) => r.via),
      ['sdk'],
    );
  });

  it('answers the reference under an offset: inside, at both ends, and nothing between', () => {
    const text = fixture('reports.yaml');
    const references = findReferences(text, 'yaml');
    for (const reference of references) {
      const { start, end } = reference.span;
      for (const offset of [start, (start + end) >> 1, end]) assert.equal(referenceAt(references, offset), reference);
    }
    const gaps = [0, text.indexOf('Description'), text.indexOf('ScratchBucket:'), text.length];
    for (const offset of gaps) assert.equal(referenceAt(references, offset), undefined, `offset ${offset}`);
    assert.equal(referenceAt([], 3), undefined);
  });

  it('answers the same for the same text, and a fresh list each time', () => {
    const text = fixture('reports.json');
    const first = findReferences(text, 'json');
    const again = findReferences(text, 'json');
    assert.deepEqual(again, first);
    assert.notEqual(again, first);
    // Another language reads the same text otherwise: the JSON as plain text has its ARNs only.
    assert.deepEqual(
      findReferences(text, 'plaintext').map((r) => r.via),
      ['arn', 'arn'],
    );
  });

  it('reads a template from the linter’s reading of it as from its text, without parsing it again', () => {
    for (const [file, languageId] of [
      ['reports.yaml', 'yaml'],
      ['reports.json', 'json'],
    ] as const) {
      const text = fixture(file);
      // A blank more: a text findReferences has not read yet (it remembers what it read).
      const again = `${text}\n`;
      const source = readPolicySource(again, languageId);
      assert.deepEqual(findReferences(again, languageId, { source }), findReferences(text, languageId), file);
      // The reading is taken as it is: one that found no template leaves the ARNs only.
      const other = `${text}\n\n`;
      assert.deepEqual(
        findReferences(other, languageId, { source: readPolicySource('{}', languageId) }).map((r) => r.via),
        ['arn', 'arn'],
        file,
      );
    }
  });

  it('never throws on half-typed text, and every span it answers is in the text', () => {
    const files: [string, string][] = [
      ['reports.yaml', 'yaml'],
      ['reports.json', 'json'],
      ['reports-stack.ts', 'typescript'],
      ['reports.tf', 'terraform'],
    ];
    for (const [file, languageId] of files) {
      const text = fixture(file);
      for (let end = 0; end <= text.length; end += 13) {
        const cut = text.slice(0, end);
        // rowsOf checks each span's text; the readers must not throw.
        rowsOf(cut, findReferences(cut, languageId));
      }
    }
  });

  it('reads nothing from text that is not text', () => {
    const binary = '\0\u0001\u0002PK\u0003\u0004'.repeat(2000);
    for (const languageId of ['json', 'yaml', 'typescript', 'terraform', 'python', 'plaintext'])
      assert.deepEqual(findReferences(binary, languageId), []);
  });

  it('reads a 1 MB template in JSON and YAML completely', () => {
    // Timings are in bench/refs.bench.ts, never in tests: here, that the whole input is read, right.
    for (const languageId of ['json', 'yaml'] as const) {
      const { text, units } = namedTemplate(languageId);
      assert.ok(text.length >= 1_000_000);
      const references = findReferences(text, languageId);
      const rows = rowsOf(text, references);
      // Per unit: the bucket's name, the role's name, the bucket's ARN in the policy, the !GetAtt, the !Ref.
      assert.equal(references.length, units * 5, languageId);
      const last = `acme-bucket-${units}`;
      assert.deepEqual(
        rows.filter((row) => row[3] === last).map(([, via]) => via),
        ['property', 'arn', 'ref', 'ref'],
        languageId,
      );
    }
  });
});
