import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../harness/paths';
import { Workbench } from './workbench';

// One workbench for the whole file: booting it is most of the cost. Steps run in order, as a person would.
let wb: Workbench;

before(async () => {
  wb = await Workbench.open(path.join(repoRoot, 'demo'), 'catalog');
});

after(async () => {
  if (wb) await wb.close();
});

test('opening a policy starts CloudWarden: the status bar shows the IAM data date', async () => {
  await wb.screenshot('workbench');
  await wb.openFile('policies', 'ci-deploy-policy.json');
  const status = wb.page.locator('.statusbar-item', { hasText: /IAM \d{4}-\d{2}-\d{2}/ });
  await status.waitFor({ timeout: 30_000 });
  assert.match((await status.innerText()).trim(), /^IAM \d{4}-\d{2}-\d{2}$/);
  await wb.screenshot('status-bar');
});

test('hovering an action shows its documentation', async () => {
  const hover = await wb.hoverUntil(() => wb.editorText('s3:GetObject'), /s3:GetObject · Read/);
  const text = await hover.innerText();
  assert.match(text, /s3:GetObject · Read/);
  assert.match(text, /Resource type/);
  await wb.screenshot('hover-action');
  await wb.page.keyboard.press('Escape');
});

test('F1 → Browse IAM actions → "s3:getobj" shows s3:GetObject, and choosing it opens its documentation', async () => {
  await wb.runCommand('CloudWarden: Browse IAM actions');
  const input = wb.page.locator('.quick-input-widget input');
  await wb.page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 20_000 });
  await wb.screenshot('browse-open');
  await input.fill('s3:getobj');
  const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 's3:GetObject' }).first();
  await row.waitFor({ timeout: 20_000 });
  assert.match(await row.innerText(), /Read · Amazon S3/);
  await wb.screenshot('browse-s3-getobj');
  await row.click();
  const frame = await wb.webviewFrameWith('Grants permission to retrieve objects from Amazon S3');
  const body = await frame.locator('body').innerText();
  assert.match(body, /s3:GetObject · Read/);
  assert.match(body, /Service Authorization Reference/);
  await wb.screenshot('action-details');
});
