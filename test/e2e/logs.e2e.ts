import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { eventFilter } from '../../src/core';
import { invictusFileEvents } from '../harness/invictusEvents';
import { repoRoot } from '../harness/paths';
import { Workbench } from './workbench';

// The demo workspace with its CloudTrail log folder set (demo/cloudtrail, the S3 layout): what a person
// sees after adding "cloudwarden.activity.logFolders": ["cloudtrail"] to their settings.
const BUCKET = 'stratus-red-team-ctlr-bucket-zqfsvooxqj';
const LOGS = path.join(repoRoot, 'demo', 'cloudtrail');
let wb: Workbench;

/**
 * The bucket's events in the demo's log files, by a plain scan: what the index must answer. The demo's
 * folder holds the dataset's files (demo/cloudtrail/README.md); the test checks it still does.
 */
function bucketEvents(): number {
  const files = invictusFileEvents();
  const demo = readdirSync(LOGS, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json.gz'));
  assert.deepEqual(
    demo.map((f) => path.basename(f)).sort(),
    files.map((f) => f.name),
  );
  const matches = eventFilter({ resource: BUCKET, since: 0 });
  return files.reduce((n, file) => n + file.events.filter(matches).length, 0);
}

const expected = bucketEvents();

before(async () => {
  wb = await Workbench.open(path.join(repoRoot, 'demo'), 'logs', undefined, {
    'cloudwarden.activity.logFolders': ['cloudtrail'],
  });
});

after(async () => {
  if (wb) await wb.close();
});

test('the log folder is indexed (a progress notification, then what it read) and the hover reads it', async () => {
  await wb.openFile('templates', 'attack-sandbox.yaml');
  // The first hover opens the index and starts reading; the hover answers from what is read so far.
  const hover = await wb.hoverUntil(
    () => wb.editorText(BUCKET),
    new RegExp(`Events: ${expected} in the log files, on 2023-07-10`),
  );
  const text = await hover.innerText();
  assert.match(text, /DeleteBucket \(write\) by bert-jan from 192\.168\.10\.20/);
  assert.doesNotMatch(text, /Indexing the log files/);
  await wb.screenshot('hover-log-files');
  // The progress notification has closed by now, and its toast with what the run read may have timed out:
  // the notification centre keeps it.
  await wb.page.keyboard.press('Escape');
  await wb.runCommand('Notifications: Show Notifications');
  const done = wb.page.locator('.notifications-center .notification-list-item', { hasText: /Indexed 55 new files/ });
  await done.first().waitFor({ timeout: 30_000 });
  assert.match(await done.first().innerText(), /Indexed 55 new files \(2,900 events\) of .*cloudtrail/);
  await wb.screenshot('indexed-notification');
  await wb.runCommand('Notifications: Hide Notifications');
});

test('"Open timeline" shows every event of the bucket from the log files', async () => {
  const hover = await wb.hoverUntil(() => wb.editorText(BUCKET), /Open timeline/);
  await hover.locator('a', { hasText: 'Open timeline' }).click();
  await wb.page.mouse.move(5, 5);
  const frame = await wb.webviewFrameWith(`${expected} events:`, 60_000);
  await frame.locator('.chart canvas').first().waitFor();
  assert.equal(await frame.locator('table.events tbody tr').count(), expected);
  assert.match(await frame.locator('.query').innerText(), /the first event to now UTC/);
  await wb.screenshot('timeline-log-files');
});
