import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Catalog, editDistance } from '../../../src/core/catalog';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);

describe('editDistance', () => {
  const cases: [string, string, number][] = [
    ['', '', 0],
    ['abc', 'abc', 0],
    ['', 'abc', 3],
    ['getobject', 'getobjekt', 1],
    ['getobject', 'getobjcet', 1], // adjacent transposition counts once
    ['s3', 's4', 1],
    ['sss', 's3', 2],
    ['kitten', 'sitting', 3],
    ['ec2', 'ecs', 1],
  ];
  for (const [a, b, d] of cases) {
    test(`${JSON.stringify(a)} ↔ ${JSON.stringify(b)} = ${d}`, () => {
      assert.equal(editDistance(a, b), d);
      assert.equal(editDistance(b, a), d);
    });
  }

  test('is bounded: beyond max it answers max + 1', () => {
    assert.equal(editDistance('abcdefgh', 'zzzzzzzz', 2), 3);
    assert.equal(editDistance('a', 'abcdefgh', 2), 3);
    assert.equal(editDistance('kitten', 'sitting', 3), 3);
  });
});

describe('suggest', () => {
  const cases: [string, string][] = [
    ['s3:GetObjekt', 's3:GetObject'],
    ['s3:getobjcet', 's3:GetObject'],
    ['S3:GETOBJEKT', 's3:GetObject'],
    ['s4:GetObject', 's3:GetObject'],
    ['sss:GetObject', 's3:GetObject'],
    ['iam:PasRole', 'iam:PassRole'],
    ['iam:PassRoles', 'iam:PassRole'],
    ['ec2:DescribeInstance', 'ec2:DescribeInstances'],
    ['dynamo:GetItem', 'dynamodb:GetItem'],
    ['lamda:InvokeFunction', 'lambda:InvokeFunction'],
    ['s3:GetObjekt*', 's3:GetObject*'],
    ['*:GetObjekt', '*:GetObject'],
    ['s4:Get*', 's3:Get*'],
    ['s3', 's3:*'],
    ['s3:', 's3:*'],
    [' s3:GetObject ', 's3:GetObject'],
  ];
  for (const [input, first] of cases) {
    test(`${JSON.stringify(input)} → ${first}`, () => {
      const suggestions = catalog.suggest(input);
      assert.equal(suggestions[0]?.value, first, JSON.stringify(suggestions));
      assert.ok(suggestions[0]!.distance > 0);
    });
  }

  test('unknown service alone → nearest prefixes', () => {
    const values = catalog.suggest('lamda').map((s) => s.value);
    assert.equal(values[0], 'lambda');
    assert.ok(catalog.suggest('ec3').some((s) => s.value === 'ec2'));
  });

  test('suggestions are sorted by distance and limited', () => {
    const suggestions = catalog.suggest('ec2:DescribeInstanse', 5);
    assert.ok(suggestions.length <= 5);
    for (let i = 1; i < suggestions.length; i++) assert.ok(suggestions[i - 1]!.distance <= suggestions[i]!.distance);
    assert.equal(catalog.suggest('ec2:DescribeInstanse', 1).length, 1);
  });

  test('nothing to suggest for valid input or hopeless input', () => {
    assert.deepEqual(catalog.suggest('s3:GetObject'), []);
    assert.deepEqual(catalog.suggest('s3:Get*'), []);
    assert.deepEqual(catalog.suggest('*'), []);
    assert.deepEqual(catalog.suggest(''), []);
    assert.deepEqual(catalog.suggest('zzzzzzzzzz:Qqqqqqqqqq'), []);
  });

  test('suggested actions exist', () => {
    for (const input of ['s3:PutObjekt', 'kms:Decryp', 'sqs:SendMesage', 'ec2:RunInstance']) {
      for (const s of catalog.suggest(input)) assert.ok(catalog.expand(s.value).actions.length > 0, `${input} → ${s.value}`);
    }
  });
});
