import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Catalog } from '../../../src/core/catalog';
import { DocumentOutcomes, fileTraits, forgetOutcomes } from '../../../src/core/documentMemo';
import { lintSource, lintText } from '../../../src/core/lint';
import { readPolicySource } from '../../../src/core/sources';
import { jsonTemplate } from '../../harness/templates';
import { catalogFile } from '../helpers/paths';

const warm = Catalog.load(catalogFile);
const cold = Catalog.load(catalogFile);

/** How many times each document's rule ran when linted with remembered outcomes. */
function runs(text: string, catalog: Catalog): number[] {
  const source = readPolicySource(text, 'json');
  const traits = fileTraits(source, text);
  return source.documents.map((document) => {
    let count = 0;
    new DocumentOutcomes(catalog, document, text, traits).outcome('probe', () => {
      count++;
      return { reports: [{ span: document.span, message: 'probe' }] };
    });
    return count;
  });
}

const policy = (sid: string) =>
  `{"Version": "2012-10-17", "Statement": [{"Sid": "${sid}", "Effect": "Allow", "Action": ["s3:Get*", "s3:GetObject"], "Resource": "*"}]}`;
const template = (policies: readonly string[], separator: string) =>
  `{"Resources": {${policies.map((p, i) => `"R${i}": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": ${p}}}`).join(`,${separator}`)}}}`;

describe('remembered outcomes per document', () => {
  test('a document that only moved is found again; a changed one is checked again', () => {
    const catalog = Catalog.load(catalogFile);
    const text = template([policy('A'), policy('B')], '\n');
    assert.deepEqual(runs(text, catalog), [1, 1]);
    assert.deepEqual(runs(`\n\n${text}`, catalog), [0, 0]);
    assert.deepEqual(runs(text.replace('"Sid": "B"', '"Sid": "C"'), catalog), [0, 1]);
  });

  test('documents sharing one long line (minified) and documents over a megabyte are not remembered', () => {
    const catalog = Catalog.load(catalogFile);
    const minified = template(
      Array.from({ length: 3 }, (_, i) => policy(`S${i}`)),
      ' '.repeat(3_000),
    );
    assert.deepEqual(runs(minified, catalog), [1, 1, 1]);
    assert.deepEqual(runs(minified, catalog), [1, 1, 1]);
    const statements = Array.from(
      { length: 12_000 },
      (_, i) => `{"Sid": "S${i}", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${i}"}`,
    );
    const large = `{"Version": "2012-10-17", "Statement": [\n${statements.join(',\n')}\n]}`;
    assert.ok(large.length > 1_000_000);
    assert.deepEqual(runs(large, catalog), [1]);
    assert.deepEqual(runs(large, catalog), [1]);
  });

  test('a remembered lint gives the findings of a fresh one, edit after edit', () => {
    let text = jsonTemplate().text.slice(0, 60_000);
    text = text.slice(0, text.lastIndexOf('\n    "Role')) + '\n  }\n}\n';
    for (let i = 0; i < 8; i++) {
      // Type a line above a policy, or change an action in one.
      const at = text.indexOf('"Policies"', (i * 7_919) % (text.length - 2_000));
      text =
        i % 2 === 0
          ? `${text.slice(0, at)}\n${text.slice(at)}`
          : text.replace('s3:PutObject', i % 4 === 1 ? 's3:Put*' : 's3:PutObject');
      const remembered = lintSource(readPolicySource(text, 'json'), text, warm).findings;
      forgetOutcomes(cold);
      assert.deepEqual(remembered, lintText(text, 'json', cold).findings, `after edit ${i}`);
    }
  });
});
