import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Catalog, type Action } from '../../../src/core/catalog';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);
const all = catalog.allActions();

/** The reference answer: test every action against a glob turned into a RegExp, the slow way. */
function bruteForce(pattern: string): string[] {
  const source = pattern
    .toLowerCase()
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`, 's');
  return all.filter((a) => regex.test(a.fullName.toLowerCase())).map((a) => a.fullName);
}

const names = (actions: readonly Action[]): string[] => actions.map((a) => a.fullName);

describe('expand: patterns that match', () => {
  const patterns = [
    's3:Get*',
    's3:*',
    '*:Get*',
    'ec2:Describe*Instance?',
    'S3:getobject',
    'iam:*Role*',
    '*:*',
    's?:*',
    '*3:List*',
    'iam:?assRole',
    'dynamodb:*Item',
    'ec2:*',
    'kms:Decrypt',
    'a*:Create*',
  ];
  for (const pattern of patterns) {
    test(`${pattern} equals the brute-force answer`, () => {
      const expansion = catalog.expand(pattern);
      const expected = bruteForce(pattern);
      assert.ok(expected.length > 0, 'the case is meant to match');
      assert.deepEqual(names(expansion.actions), expected);
      assert.deepEqual(expansion.suggestions, []);
    });
  }

  test('* alone is every action', () => {
    assert.equal(catalog.expand('*').actions.length, all.length);
    assert.equal(catalog.expand('*:*').actions.length, all.length);
  });

  test('exact names and casing', () => {
    assert.deepEqual(names(catalog.expand('S3:getobject').actions), ['s3:GetObject']);
    assert.deepEqual(names(catalog.expand('IAM:PassRole').actions), ['iam:PassRole']);
  });

  test('? is exactly one character', () => {
    assert.deepEqual(names(catalog.expand('s3:GetObjec?').actions), ['s3:GetObject']);
    assert.deepEqual(names(catalog.expand('s3:GetObject?').actions), []);
    assert.deepEqual(names(catalog.expand('s3:GetObjec??').actions), []);
    assert.ok(names(catalog.expand('s?:GetObject').actions).includes('s3:GetObject'));
  });

  test('* may match nothing', () => {
    assert.ok(names(catalog.expand('s3:GetObject*').actions).includes('s3:GetObject'));
    assert.ok(names(catalog.expand('s3*:GetObject').actions).includes('s3:GetObject'));
  });

  test('s3:Get* covers the Get actions and only those', () => {
    const got = names(catalog.expand('s3:Get*').actions);
    assert.ok(got.length > 50);
    assert.ok(got.every((n) => n.startsWith('s3:Get')));
  });

  test('ec2:Describe*Instance? has Describe…Instances actions', () => {
    const got = names(catalog.expand('ec2:Describe*Instance?').actions);
    assert.ok(got.includes('ec2:DescribeInstances'));
    assert.ok(got.every((n) => /^ec2:Describe.*Instance.$/.test(n)));
  });
});

describe('expand: patterns that match nothing never throw', () => {
  const cases: [string, string | undefined][] = [
    ['s3:Get.*', undefined], // regex metacharacters are literal
    ['s3:Get[A-Z]*', undefined],
    ['s3:(Get)*', undefined],
    ['s3:Get\\*', undefined],
    ['s3:^Get', undefined],
    ['', undefined],
    [':', undefined],
    ['::', undefined],
    ['s3:', undefined],
    [':GetObject', undefined],
    ['s3', 's3:*'],
    ['s3GetObject', undefined],
    ['nosuchservice:*', undefined],
    ['s3:GetObjekt', 's3:GetObject'],
    ['s4:GetObject', 's3:GetObject'],
    ['s3:Get:Object', undefined],
    [' s3:GetObject', 's3:GetObject'], // IAM does not trim: no match, but the trimmed form is suggested
    ['s3:GetObject ', 's3:GetObject'],
    ['\u0000', undefined],
    ['*'.repeat(200) + 'x', undefined],
  ];
  for (const [pattern, suggestion] of cases) {
    test(`${JSON.stringify(pattern)} → no actions${suggestion ? `, suggests ${suggestion}` : ''}`, () => {
      const expansion = catalog.expand(pattern);
      assert.deepEqual(expansion.actions, []);
      if (suggestion) assert.equal(expansion.suggestions[0]?.value, suggestion);
    });
  }

  // A backtracking matcher would hang here; the timeout turns a hang into a failure.
  test('a long pattern of wildcards completes', { timeout: 10_000 }, () => {
    assert.deepEqual(catalog.expand('*:' + '*a'.repeat(40) + 'zzz').actions, []);
  });
});
