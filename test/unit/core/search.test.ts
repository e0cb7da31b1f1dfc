import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Catalog } from '../../../src/core/catalog';
import { describeAction, describeExpansion } from '../../../src/core/docs/actionDocs';
import { searchActions } from '../../../src/core/search/actions';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);
const names = (query: string, limit = 10) => searchActions(catalog, query, limit).actions.map((a) => a.fullName);

describe('searchActions', () => {
  test('ranks the exact action and name prefixes first', () => {
    assert.equal(names('s3:getobject')[0], 's3:GetObject');
    assert.equal(names('s3:getobj')[0], 's3:GetObject');
    assert.equal(names('kms decrypt')[0], 'kms:Decrypt');
    assert.equal(names('PassRole')[0], 'iam:PassRole');
  });

  test('every word must match the action or its service name', () => {
    const result = searchActions(catalog, 'amazon s3 getobject', 1000);
    assert.ok(result.actions.length > 0);
    assert.ok(
      result.actions.every((a) => a.service.prefix === 's3' || a.service.name.toLowerCase().includes('amazon s3')),
    );
  });

  test('patterns are expanded exactly and counted before the limit', () => {
    const result = searchActions(catalog, 'ec2:Describe*', 5);
    assert.equal(result.actions.length, 5);
    assert.ok(result.total > 100);
    assert.ok(result.actions.every((a) => a.fullName.startsWith('ec2:Describe')));
  });

  test('an empty query lists every action, up to the limit', () => {
    const result = searchActions(catalog, '   ', 50);
    assert.equal(result.actions.length, 50);
    assert.equal(result.total, catalog.allActions().length);
  });

  test('no match gives suggestions', () => {
    const result = searchActions(catalog, 's3:GetObjekt', 10);
    assert.equal(result.total, 0);
    assert.ok(result.suggestions.includes('s3:GetObject'));
  });
});

describe('action documentation', () => {
  test('describes an action with its resource types and ARN formats', () => {
    const md = describeAction(catalog, catalog.action('s3:GetObject')!);
    assert.match(md, /^\*\*s3:GetObject\*\* · Read/);
    assert.match(md, /\| object \| `arn:\$\{Partition\}:s3:::\$\{BucketName\}\/\$\{ObjectName\}` \|/);
    assert.match(
      describeAction(catalog, catalog.action('iam:PassRole')!),
      /\| role \(required\) \| `arn:\$\{Partition\}:iam::\$\{Account\}:role\/\$\{RoleNameWithPath\}` \|/,
    );
    assert.match(
      md,
      /\(https:\/\/docs\.aws\.amazon\.com\/service-authorization\/latest\/reference\/list_amazons3\.html#amazons3-actions-as-permissions\)/,
    );
  });

  test('says when only Resource "*" can grant an action', () => {
    assert.match(describeAction(catalog, catalog.action('s3:ListAllMyBuckets')!), /only `"Resource": "\*"` grants/);
  });

  test('summarises a wildcard with the most dangerous access levels first', () => {
    const md = describeExpansion('iam:*', catalog.expand('iam:*'), 5);
    assert.match(md, /^\*\*`iam:\*`\*\* grants \d+ actions: \d+ Permissions management, \d+ Write/);
    const listed = md.split('\n').filter((l) => l.startsWith('- `'));
    assert.equal(listed.length, 5);
    assert.ok(
      listed.every((l) => l.endsWith('Permissions management')),
      listed.join('\n'),
    );
    assert.match(md, /… and \d+ more$/);
  });
});
