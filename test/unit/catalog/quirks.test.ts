import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Catalog } from '../../../src/core/catalog';
import { formerService } from '../../../src/core/catalog/formerServices';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);

test('keys the source data writes with a literal tag-key resolve like templates', () => {
  assert.equal(
    catalog.conditionKey('secretsmanager:ResourceTag/aws:secretsmanager:owningService')?.name,
    'secretsmanager:ResourceTag/tag-key',
  );
  assert.equal(catalog.conditionKey('secretsmanager:ResourceTag/Team')?.name, 'secretsmanager:ResourceTag/tag-key');
});

test('former services are not in the catalog, and are known as former', () => {
  for (const prefix of ['deeplens', 'DeepRacer', 'elastic-inference']) {
    assert.equal(catalog.service(prefix), undefined, prefix);
    assert.ok(formerService(prefix), prefix);
  }
  assert.equal(formerService('s3'), undefined);
  assert.equal(formerService('constructor'), undefined);
});
