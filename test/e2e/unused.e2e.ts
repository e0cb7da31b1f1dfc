import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { INVICTUS_FOLDER } from '../harness/invictusEvents';
import { INVICTUS_USER, UNUSED_POLICY } from '../harness/unusedFixture';
import { Workbench } from './workbench';

// A project whose .cloudwarden.yaml names the principal of its policy, with the Invictus log files set:
// what a person sees of unused permissions. The dataset is of July 2023: the period reaches back to it.
const USER = INVICTUS_USER;
const POLICY = UNUSED_POLICY;

let wb: Workbench;
let folder: string;

before(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'cloudwarden-unused-e2e-'));
  writeFileSync(path.join(folder, 'policy.json'), POLICY);
  writeFileSync(
    path.join(folder, '.cloudwarden.yaml'),
    `principals:\n  - files: policy.json\n    principal: ${USER}\n`,
  );
  wb = await Workbench.open(folder, 'unused', undefined, {
    'cloudwarden.activity.logFolders': [INVICTUS_FOLDER],
    'cloudwarden.unused.days': 5000,
  });
});

after(async () => {
  if (wb) await wb.close();
  rmSync(folder, { recursive: true, force: true });
});

test('unused actions and statements are faded, listed in Problems, and the CodeLens says what it rests on', async () => {
  await wb.openFile('policy.json');
  await wb.page.keyboard.press('Control+Shift+M');
  const panel = wb.page.locator('.markers-panel');
  // The log index is built in the background: the findings come when it answers.
  await panel
    .locator('.monaco-list-row', { hasText: 'iam:DeleteUser was not used' })
    .first()
    .waitFor({ timeout: 90_000 });
  const problems = await panel.innerText();
  for (const expected of ['unused-action', 'unused-statement', 'None of the 2 actions this statement grants was used'])
    assert.ok(problems.includes(expected), `"${expected}" not in the Problems panel:\n${problems}`);
  assert.ok(!problems.includes('s3:GetObject was not used'), 'a data event the logs do not hold is never unused');
  // Faded, as unused code is: the editor draws the Unnecessary tag's inline decoration.
  const faded = wb.page.locator('.monaco-editor .squiggly-inline-unnecessary');
  await faded.first().waitFor({ timeout: 30_000 });
  assert.ok((await faded.count()) >= 2);
  // The lens of the answer the findings come from (an earlier one may show while the log index answers).
  const lens = wb.page.locator('.monaco-editor .codelens-decoration', {
    hasText: 'user/benjamin: 1 used, 3 unused, 1 unknown',
  });
  await lens.first().waitFor({ timeout: 60_000 });
  assert.match(
    await lens.first().innerText(),
    /user\/benjamin: 1 used, 3 unused, 1 unknown, based on .*CloudTrail log files \(2023-07-10 to 2023-07-10\)/,
  );
  await wb.screenshot('unused-permissions');
});

test('the workspace report lists the principal, its riskiest unused grants first, and exports Markdown', async () => {
  await wb.runCommand('CloudWarden: Show the unused permissions report');
  // The report's row of the principal, with the counts of the policy's judgement (the log index answered above).
  const frame = await wb.webviewFrameWith(USER, 90_000);
  const page = await frame.locator('body').innerText();
  assert.match(page, /Unused grants \(3\), riskiest first/);
  assert.match(page, /iam:DeleteUser\s+Write/);
  assert.match(page, /policy\.json:3/);
  // All three are Write: by name.
  const order = ['ec2:StopInstances', 'ec2:TerminateInstances', 'iam:DeleteUser'].map((a) => page.indexOf(a));
  assert.deepEqual(
    [...order].sort((a, b) => a - b),
    order,
  );
  await wb.screenshot('unused-report');
  // Export: an untitled Markdown editor with the same report opens beside it.
  await frame.locator('#export').click();
  // The editor draws spaces as no-break spaces: \s matches both.
  await wb.page
    .locator('.monaco-editor .view-lines', { hasText: /#\sUnused\spermissions/ })
    .first()
    .waitFor();
  await wb.page
    .locator('.monaco-editor .view-lines', { hasText: /user\/benjamin`\s\|\s5\s\|\s1\s\|\s3\s\|\s1\s\|\s3\s\|/ })
    .first()
    .waitFor();
  // The export is the active editor: closed unsaved, as a person who copied it would.
  await wb.runCommand('View: Revert and Close Editor');
  await wb.page.locator('.tabs-container .tab[aria-label^="Untitled"]').waitFor({ state: 'detached' });
});

test('the hover of a granted action says its use; the quick fix removes the unused action', async () => {
  await wb.openFile('policy.json');
  await wb.goToProblem('iam:DeleteUser was not used', 'iam:DeleteUser');
  const hover = await wb.hoverUntil(() => wb.editorText('iam:DeleteUser'), /Use by user\/benjamin/);
  assert.match(await hover.innerText(), /iam:DeleteUser: not used in \d+ (minutes|hours?) of evidence/);
  await wb.screenshot('unused-hover');
  await wb.page.keyboard.press('Escape');
  const item = await wb.quickFixItem('iam:DeleteUser', 'Remove iam:DeleteUser');
  await item.click();
  const panel = wb.page.locator('.markers-panel');
  await panel
    .locator('.monaco-list-row', { hasText: 'iam:DeleteUser was not used' })
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 });
  assert.equal(await wb.editorText('iam:DeleteUser').count(), 0);
  await wb.screenshot('unused-quick-fix-applied');
});
