import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../harness/paths';
import { Workbench } from './workbench';

// A catalog file that cannot be read: the user is told once, clearly, and VS Code keeps working.
let wb: Workbench;

before(async () => {
  wb = await Workbench.open(path.join(repoRoot, 'demo'), 'broken-catalog', {
    CLOUDWARDEN_CATALOG: path.join(repoRoot, 'no-such-folder', 'catalog.json'),
  });
});

after(async () => {
  if (wb) await wb.close();
});

test('the status bar says the catalog is unavailable, with the reason in its tooltip', async () => {
  await wb.openFile('policies', 'ci-deploy-policy.json');
  const status = wb.page.locator('.statusbar-item', { hasText: 'IAM catalog unavailable' });
  await status.waitFor({ timeout: 30_000 });
  await wb.screenshot('status-bar');
  await status.hover();
  const tooltip = wb.page
    .locator('.monaco-hover:not(.hidden), .workbench-hover', { hasText: 'no-such-folder' })
    .first();
  await tooltip.waitFor({ timeout: 10_000 });
  assert.match(await tooltip.innerText(), /catalog\.json/);
  await wb.screenshot('status-tooltip');
});

test('the browse command explains instead of failing, and the editor still edits', async () => {
  await wb.runCommand('CloudWarden: Browse IAM actions');
  const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'no-such-folder' }).first();
  await row.waitFor({ timeout: 20_000 });
  await wb.screenshot('browse-explains');
  await wb.page.keyboard.press('Escape');
  await wb.editorText('InspectNetwork').click();
  await wb.page.keyboard.press('End');
  await wb.page.keyboard.type('EDITED');
  await wb.page
    .locator('.monaco-editor .view-line', { hasText: '"InspectNetwork",EDITED' })
    .waitFor({ timeout: 10_000 });
  await wb.screenshot('still-editing');
});
