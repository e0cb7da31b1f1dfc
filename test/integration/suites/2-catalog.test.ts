import * as assert from 'node:assert/strict';
import { CatalogInfoRequest, SearchActionsRequest, ActionDetailsRequest } from '../../../src/shared/protocol';
import { extensionApi } from '../helpers';

suite('catalog requests through the language server', () => {
  test('catalogInfo reports the data date and counts', async () => {
    const api = await extensionApi();
    const info = await api.server.request(CatalogInfoRequest.type, {});
    assert.ok(info.ok, JSON.stringify(info));
    assert.match(info.dataDate, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(info.services >= 400, `services: ${info.services}`);
    assert.ok(info.actions >= 20_000, `actions: ${info.actions}`);
  });

  test('searchActions finds s3:GetObject from "s3:getobj", ranked first', async () => {
    const api = await extensionApi();
    const result = await api.server.request(SearchActionsRequest.type, { query: 's3:getobj' });
    assert.equal(result.items[0]?.action, 's3:GetObject');
    assert.equal(result.items[0]?.accessLevel, 'Read');
    assert.equal(result.items[0]?.serviceName, 'Amazon S3');
  });

  test('searchActions expands wildcard patterns exactly', async () => {
    const api = await extensionApi();
    const result = await api.server.request(SearchActionsRequest.type, { query: 'iam:PassRol?' });
    assert.deepEqual(
      result.items.map((i) => i.action),
      ['iam:PassRole'],
    );
  });

  test('searchActions suggests a correction for a typo', async () => {
    const api = await extensionApi();
    const result = await api.server.request(SearchActionsRequest.type, { query: 's3:GetObjekt' });
    assert.equal(result.total, 0);
    assert.ok(result.suggestions.includes('s3:GetObject'), JSON.stringify(result.suggestions));
  });

  test('actionDetails returns Markdown and the documentation link', async () => {
    const api = await extensionApi();
    const details = await api.server.request(ActionDetailsRequest.type, { action: 'iam:passrole' });
    assert.ok(details);
    assert.match(details.markdown, /\*\*iam:PassRole\*\*/);
    assert.match(
      details.docsUrl,
      /^https:\/\/docs\.aws\.amazon\.com\/service-authorization\/latest\/reference\/list_awsidentityandaccessmanagementiam\.html#/,
    );
  });
});
