import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../harness/paths';
import { Workbench } from './workbench';

// Editing help as a person meets it in the demo workspace: the lens above each statement, completion.
let wb: Workbench;

before(async () => {
  wb = await Workbench.open(path.join(repoRoot, 'demo'), 'editing');
});

after(async () => {
  if (wb) await wb.close();
});

test('a CodeLens above each statement says what it grants', async () => {
  await wb.openFile('policies', 'ci-deploy-policy.json');
  const lens = wb.page.locator('.codelens-decoration', { hasText: 'Allow 2 actions on 2 resources' }).first();
  await lens.waitFor({ timeout: 30_000 });
  assert.match(await lens.innerText(), /Allow 2 actions on 2 resources: 1 Read, 1 List/);
  const lenses = await wb.page.locator('.codelens-decoration').allInnerTexts();
  assert.ok(
    lenses.some((t) => /^Allow \d+ actions on every resource: \d+ List/.test(t)),
    `lenses: ${lenses.join(' | ')}`,
  );
  await wb.screenshot('codelens');
});

test('completion after a service prefix lists its actions with their access level', async () => {
  await wb.editorText('iam:PassRole').click();
  await wb.page.keyboard.press('End');
  // Inside the string, just after "iam:PassRole": remove the action name to leave "iam:".
  await wb.page.keyboard.press('ArrowLeft');
  await wb.page.keyboard.press('ArrowLeft');
  for (let i = 0; i < 'PassRole'.length; i++) await wb.page.keyboard.press('Backspace');
  await wb.page.keyboard.press('Control+Space');
  const widget = wb.page.locator('.suggest-widget');
  await widget.locator('.monaco-list-row', { hasText: 'iam:' }).first().waitFor({ timeout: 30_000 });
  await wb.page.keyboard.type('PassR');
  const row = widget.locator('.monaco-list-row', { hasText: 'iam:PassRole' }).first();
  await row.waitFor({ timeout: 10_000 });
  await wb.screenshot('completion');
  await wb.page.keyboard.press('Enter');
  await wb.editorText('"iam:PassRole"').waitFor({ timeout: 10_000 });
  await wb.screenshot('completion-accepted');
  await wb.runCommand('File: Revert File');
});

test("hover on a condition key says what it is and which of the statement's actions support it", async () => {
  await wb.openFile('policies', 'ci-deploy-policy.json');
  const hover = await wb.hoverUntil(
    () => wb.editorText('iam:PassedToService'),
    /iam:PassedToService[\s\S]*iam:PassRole/,
  );
  assert.match(await hover.innerText(), /iam:PassedToService[\s\S]*String[\s\S]*iam:PassRole/);
  await wb.screenshot('hover-condition-key');
  await wb.page.mouse.move(5, 5);
});

test('a suppression comment with a reason takes the finding out of the Problems panel', async () => {
  await wb.openFile('templates', 'reporting-stack.yaml');
  await wb.page.keyboard.press('Control+Shift+M');
  const panel = wb.page.locator('.markers-panel');
  await panel.locator('.monaco-list-row', { hasText: 'wildcard-action' }).first().waitFor({ timeout: 30_000 });
  // Clicking the problem reveals its line and puts the cursor on it (the line may be under the panel).
  await wb.goToProblem('wildcard-action', 'dynamodb:*');
  // Then click the revealed text: the keys must go to the editor, not to the panel's filter box.
  await wb.editorText('dynamodb:*').click();
  // A new line above the Action line, then the comment on it: no keystroke ever comments the Action out.
  await wb.page.keyboard.press('Home');
  await wb.page.keyboard.press('Enter');
  await wb.page.keyboard.press('ArrowUp');
  await wb.page.keyboard.type('# cloudwarden-ignore wildcard-action: the reporting job reads any table');
  await panel
    .locator('.monaco-list-row', { hasText: 'wildcard-action' })
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 });
  // The statement's other finding, on the line after the Action, stays: only wildcard-action is silenced.
  await panel.locator('.monaco-list-row', { hasText: 'permissions-management' }).first().waitFor({ timeout: 10_000 });
  await panel.locator('.monaco-list-row', { hasText: 's3:GetObjekt' }).first().waitFor({ timeout: 10_000 });
  await wb.screenshot('suppressed');
  await wb.runCommand('File: Revert File');
});
