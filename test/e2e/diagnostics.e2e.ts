import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../harness/paths';
import { Workbench } from './workbench';

// The legacy template in the demo workspace, as a person meets it: problems listed, hover, quick fix.
let wb: Workbench;

before(async () => {
  wb = await Workbench.open(path.join(repoRoot, 'demo'), 'diagnostics');
});

after(async () => {
  if (wb) await wb.close();
});

test("the Problems panel lists the template's findings with their rule ids", async () => {
  await wb.openFile('templates', 'reporting-stack.yaml');
  await wb.page.keyboard.press('Control+Shift+M');
  const panel = wb.page.locator('.markers-panel');
  await panel.locator('.monaco-list-row', { hasText: 's3:GetObjekt' }).first().waitFor({ timeout: 30_000 });
  const text = await panel.innerText();
  for (const expected of [
    "Unknown action 's3:GetObjekt'",
    'unknown-action',
    'wildcard-action',
    'passrole-star-resource',
    "Unknown condition operator 'StringEqual'",
  ]) {
    assert.ok(text.includes(expected), `"${expected}" not in the Problems panel:\n${text}`);
  }
  await wb.screenshot('problems-panel');
});

test('hovering the wildcard shows what it grants', async () => {
  await wb.goToProblem("'dynamodb:*' grants", 'dynamodb:*');
  const hover = await wb.hoverUntil(() => wb.editorText('dynamodb:*'), /dynamodb:\* grants/);
  assert.match(await hover.innerText(), /dynamodb:\* grants \d+ actions/);
  await wb.screenshot('hover-wildcard');
  await wb.page.keyboard.press('Escape');
});

test('the quick fix on the misspelt action corrects it', async () => {
  await wb.goToProblem("Unknown action 's3:GetObjekt'", 's3:GetObjekt');
  const item = await wb.quickFixItem('s3:GetObjekt', "Change to 's3:GetObject'");
  await wb.screenshot('quick-fix-menu');
  await item.click();
  await wb.page
    .locator('.monaco-editor .view-line', { hasText: '- s3:GetObject' })
    .first()
    .waitFor({ timeout: 10_000 });
  const panel = wb.page.locator('.markers-panel');
  await panel
    .locator('.monaco-list-row', { hasText: 's3:GetObjekt' })
    .first()
    .waitFor({ state: 'detached', timeout: 20_000 });
  await wb.screenshot('quick-fix-applied');
});

test('several findings on one element are one problem, the others beneath it as related information', async () => {
  const panel = wb.page.locator('.markers-panel');
  // The escalation finding heads the `iam:*AccessKey*` element; credentials-exposure is related information under it.
  const head = panel.locator('.monaco-list-row', {
    hasText: 'iam:CreateAccessKey: create access keys for another user',
  });
  await head.first().waitFor({ timeout: 30_000 });
  assert.equal(await head.count(), 1, 'one problem for the element');
  const related = panel.locator('.monaco-list-row', {
    hasText: /credentials-exposure \(warning\): 'iam:\*AccessKey\*'/,
  });
  await related.first().waitFor({ timeout: 10_000 });
  await wb.screenshot('grouped-problem');
});

test('what CloudWarden could not analyse is said: a row in the Problems panel, and the language status', async () => {
  await wb.openFile('terraform', 'main.tf');
  const panel = wb.page.locator('.markers-panel');
  // The panel's list is virtual: rows below its fold are not in the page. Filter it to the row sought.
  const filter = wb.page.locator('.markers-panel-action-filter input, .viewpane-filter input').first();
  await filter.fill('not analysed');
  const row = panel.locator('.monaco-list-row', {
    hasText: 'the values this dynamic "statement" block takes from var.extra_statements are not analysed',
  });
  await row.first().waitFor({ timeout: 30_000 });
  await wb.screenshot('not-analysed-problem');
  await filter.fill('');
  // The language status (the `{}` beside the language mode) holds CloudWarden's item for this file.
  const status = await wb.languageStatusWith(/1 part not analysed/);
  assert.match(status, /var\.extra_statements/);
  await wb.screenshot('not-analysed-language-status');
});
