import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { repoRoot } from '../harness/paths';
import { Workbench } from './workbench';

// The demo workspace against the emulator, whose CloudTrail history is a real attack simulation (Stratus
// Red Team's techniques, recorded by Invictus) moved to end now: what a person sees when they ask what
// happened in the last day, then follow the operator.
const BERT = 'arn:aws:iam::123837392027:user/bert-jan';
/** LookupEvents pages at two calls a second: 2,900 events take about half a minute. */
const READ_MS = 150_000;
let wb: Workbench;

before(async () => {
  wb = await Workbench.open(path.join(repoRoot, 'demo'), 'investigate');
});

after(async () => {
  if (wb) await wb.close();
});

test('"Security events in the last N hours" reports the seeded attack, grouped by severity', async () => {
  await wb.runCommand('Security events in the last N hours');
  const input = wb.page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill('24');
  await input.press('Enter');
  // The report is drawn once the server answered: wait for its last hit row, not the first widget.
  const frame = await wb.webviewFrameWith('Suggested response', READ_MS);
  await frame.locator('table.hits tbody tr').nth(44).waitFor({ timeout: READ_MS });
  assert.equal(await frame.locator('table.hits tbody tr').count(), 45);
  const counts = await frame.locator('table.counts').innerText();
  assert.match(counts, /HIGH\s+CloudTrail logging stopped, deleted or narrowed\s+3/);
  assert.match(counts, /MEDIUM\s+Access key created for another user\s+2/);
  assert.match(await frame.locator('section.classification').innerText(), /HIGH/);
  assert.match(
    await frame.locator('section.response').innerText(),
    /aws cloudtrail start-logging --name stratus-red-team-/,
  );
  await wb.screenshot('security-events');
  await frame.locator('section.response').scrollIntoViewIfNeeded();
  await wb.screenshot('security-events-response');
});

test('a pivot opens the operator’s own report, with containment written out', async () => {
  const first = await wb.webviewFrameWith('Suggested response', READ_MS);
  await first.locator('section.pivots button.link', { hasText: BERT }).first().click();
  // The principal's report is the one that suggests deactivating the user's keys.
  const frame = await wb.webviewFrameWith("Deactivate bert-jan's access keys", READ_MS);
  assert.match(await frame.locator('h1').innerText(), /^Principal arn:aws:iam::123837392027:user\/bert-jan$/);
  assert.match(await frame.locator('section.classification').innerText(), /HIGH/);
  assert.ok((await frame.locator('table.timeline tbody tr').count()) > 100);
  await wb.screenshot('principal-report');
});

test('a pivot’s timeline link opens the CloudTrail timeline of that address', async () => {
  const report = await wb.webviewFrameWith("Deactivate bert-jan's access keys", READ_MS);
  // The operator's main address, in the report's pivots: its own timeline, from the link beside it.
  const pivot = report.locator('section.pivots li', { hasText: 'ip: 192.168.10.20' }).first();
  await pivot.locator('button.link', { hasText: 'timeline' }).click();
  const timeline = await wb.webviewFrameWith('CloudTrail: Address: 192.168.10.20', READ_MS);
  await timeline.locator('table.events tbody tr').first().waitFor({ timeout: READ_MS });
  assert.match(await timeline.locator('.summary').innerText(), /^[\d,]+ events:/);
  await wb.screenshot('pivot-timeline');
});
