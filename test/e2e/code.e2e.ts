import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../harness/paths';
import { Workbench } from './workbench';

// The demo workspace's CDK app and Terraform module, as a person meets them: findings in the Problems
// panel on the code itself, and hover on a grant method.
let wb: Workbench;

before(async () => {
  wb = await Workbench.open(path.join(repoRoot, 'demo'), 'code');
});

after(async () => {
  if (wb) await wb.close();
});

test("the CDK stack's findings are in the Problems panel, on the code", async () => {
  await wb.openFile('cdk', 'lib', 'orders-api-stack.ts');
  await wb.page.keyboard.press('Control+Shift+M');
  const panel = wb.page.locator('.markers-panel');
  await panel.locator('.monaco-list-row', { hasText: 'sqs:SendMesage' }).first().waitFor({ timeout: 60_000 });
  const text = await panel.innerText();
  for (const expected of [
    "Unknown action 'sqs:SendMesage'",
    'unknown-action',
    "'dynamodb:*'",
    'aws-managed-admin-policy',
  ]) {
    assert.ok(text.includes(expected), `"${expected}" not in the Problems panel:\n${text}`);
  }
  await wb.screenshot('cdk-problems');
});

test('hovering grantRead lists the actions it adds to the role', async () => {
  await wb.goToProblem('sqs:SendMesage', /^grantRead$/);
  // Exactly `grantRead` (the editor's token), not `grantReadWriteData` on the next line.
  const hover = await wb.hoverUntil(
    () => wb.page.locator('.monaco-editor .view-lines span', { hasText: /^grantRead$/ }).last(),
    /grantRead[\s\S]*s3:GetObject/,
  );
  assert.match(await hover.innerText(), /grantRead[\s\S]*s3:GetObject[\s\S]*s3:List/);
  await wb.screenshot('cdk-hover-grant');
  await wb.page.mouse.move(5, 5);
});

test('a CodeLens says what each statement and grant gives, and the misspelt action is fixed from the quick-fix menu', async () => {
  const lenses = wb.page.locator('.codelens-decoration', { hasText: /^Allow \d+ actions/ });
  await lenses.first().waitFor({ timeout: 30_000 });
  const texts = await wb.page.locator('.codelens-decoration').allInnerTexts();
  assert.ok(
    texts.some((t) => /^Allow \d+ actions on 1 resource: \d+ Read, \d+ List/.test(t)),
    `lenses: ${texts.join(' | ')}`,
  );
  await wb.goToProblem('sqs:SendMesage', 'sqs:SendMesage');
  const item = await wb.quickFixItem('sqs:SendMesage', "Change to 'sqs:SendMessage'");
  await wb.screenshot('cdk-quick-fix-menu');
  await item.click();
  await wb.editorText("'sqs:SendMessage'").waitFor({ timeout: 10_000 });
  await wb.page
    .locator('.markers-panel .monaco-list-row', { hasText: 'sqs:SendMesage' })
    .first()
    .waitFor({ state: 'detached', timeout: 20_000 });
  await wb.screenshot('cdk-quick-fix-applied');
  await wb.runCommand('File: Revert File');
});

test("the Terraform module's findings are in the Problems panel", async () => {
  await wb.openFile('terraform', 'main.tf');
  const panel = wb.page.locator('.markers-panel');
  await panel.locator('.monaco-list-row', { hasText: 'redshift-data:*' }).first().waitFor({ timeout: 60_000 });
  const text = await panel.innerText();
  assert.ok(text.includes('wildcard-action'), `wildcard-action not in the Problems panel:\n${text}`);
  await wb.screenshot('terraform-problems');
});
