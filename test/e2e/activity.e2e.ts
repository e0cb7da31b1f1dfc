import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../harness/paths';
import { Workbench } from './workbench';

// The demo workspace against the emulator that replays a real attack simulation's CloudTrail history:
// what a newcomer sees without an AWS account (npm start does the same).
const BUCKET = 'stratus-red-team-ctlr-bucket-zqfsvooxqj';
let wb: Workbench;

before(async () => {
  wb = await Workbench.open(path.join(repoRoot, 'demo'), 'activity');
});

after(async () => {
  if (wb) await wb.close();
});

test("hovering a bucket's name shows its recent CloudTrail events", async () => {
  await wb.openFile('templates', 'attack-sandbox.yaml');
  // The first hover says "loading…" and starts the lookup; hoverUntil hovers again until the events show.
  const hover = await wb.hoverUntil(() => wb.editorText(BUCKET), /Events: 41 in 24 h/);
  const text = await hover.innerText();
  assert.match(text, /CloudTrail activity for stratus-red-team-ctlr-bucket-zqfsvooxqj/);
  assert.match(text, /DeleteBucket \(write\) by bert-jan from 192\.168\.10\.20/);
  assert.match(text, /Open timeline/);
  await wb.screenshot('hover-bucket-events');
});

test('the status bar shows the account and Region the credentials reach', async () => {
  const item = wb.page.locator('.statusbar-item', { hasText: '111122223333 · us-east-1' }).first();
  await item.waitFor({ timeout: 30_000 });
  await wb.screenshot('status-bar-aws');
});

test('"Open timeline" opens the chart and the table of the events', async () => {
  const hover = await wb.hoverUntil(() => wb.editorText(BUCKET), /Open timeline/);
  await hover.locator('a', { hasText: 'Open timeline' }).click();
  await wb.page.mouse.move(5, 5);
  const frame = await wb.webviewFrameWith('41 events:', 60_000);
  // The chart (uPlot draws on a canvas) and one table row per event.
  await frame.locator('.chart canvas').first().waitFor();
  assert.equal(await frame.locator('table.events tbody tr').count(), 41);
  assert.match(await frame.locator('.summary').innerText(), /41 events: \d+ read, \d+ write, \d+ failed/);
  await wb.screenshot('timeline');
  // Selecting a row shows that event's JSON.
  await frame.locator('table.events tbody tr').first().click();
  await frame.locator('pre.details', { hasText: '"eventName"' }).waitFor();
  await wb.screenshot('timeline-event-json');
});

test('"Select AWS profile" lists the default chain and the profiles of the config file', async () => {
  await wb.page.keyboard.press('Escape');
  await wb.runCommand('Select AWS profile');
  const rows = wb.page.locator('.quick-input-list .monaco-list-row');
  for (const label of ['Default credential chain', 'sandbox-readonly', 'prod-audit'])
    await rows.filter({ hasText: label }).first().waitFor();
  await wb.screenshot('select-profile');
  await wb.page.keyboard.press('Escape');
});
