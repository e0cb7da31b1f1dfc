import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import type { Frame } from 'playwright-core';
import { repoRoot } from '../harness/paths';
import { Workbench } from './workbench';

// The security explorer on the demo workspace against the emulator's seeded account (npm start shows
// the same): each tab with its rows, a filter, "Find in code" offering the places in the template that
// name a finding's role and opening the one chosen, names made of HTML shown as text, and every tab in a dark and a light theme.
let wb: Workbench;
let frame: Frame;
/** Dialogs any frame opened: an `alert(1)` from a seeded name would land here. */
const dialogs: string[] = [];

const TABS = [
  { name: 'Keys', shows: 'alias/orders-data' },
  { name: 'Secrets', shows: 'orders-service/dev/db' },
  { name: 'Findings', shows: 'stratus-red-team-ec2-steal-credentials-role' },
] as const;

before(async () => {
  wb = await Workbench.open(path.join(repoRoot, 'demo'), 'explorer', undefined, {
    'cloudwarden.aws.regions': ['us-east-1', 'eu-west-1', 'us-west-2'],
  });
  wb.page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

after(async () => {
  if (wb) await wb.close();
});

/** Polls a condition of the page (the page's CSP forbids evaluating code in it, so no waitForFunction). */
async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function showTab(name: string, shows: string): Promise<void> {
  await frame.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
  await frame.locator('[data-id]', { hasText: shows }).first().waitFor({ timeout: 60_000 });
}

test('the explorer opens in its own view with the keys of every Region', async () => {
  // The shield in the activity bar, as a person opens it.
  await wb.page
    .locator('.activitybar')
    .getByRole('tab', { name: /^CloudWarden/ })
    .click();
  frame = await wb.webviewFrameWith('alias/orders-data', 90_000);
  await frame.locator('[data-id]', { hasText: 'alias/global-payments' }).first().waitFor();
  // The replica in eu-west-1 is a row of its own.
  assert.ok((await frame.locator('[data-id*=":eu-west-1:"]').count()) >= 1);
  await wb.screenshot('keys');
});

test('names made of HTML are shown as text, and nothing they hold runs', async () => {
  const filter = frame.getByRole('textbox', { name: 'Filter' }).filter({ visible: true });
  await filter.fill('script');
  const row = frame.locator('[data-id]', { hasText: '"><script>alert(1)</script>' }).first();
  await row.waitFor();
  await row.click();
  const details = frame.getByTestId('details');
  await details.getByText('<img src=x onerror=alert(1)>').first().waitFor();
  assert.equal(await frame.locator('img').count(), 0, 'no <img> element was made from a name');
  // VS Code puts its own script in the page (acquireVsCodeApi); none holds what a name held.
  assert.equal(await frame.locator('script', { hasText: 'alert(1)' }).count(), 0, 'no script was made from a name');
  assert.deepEqual(dialogs, []);
  await wb.screenshot('keys-xss-as-text');
  await filter.fill('');
});

test('a key’s policy, with CloudWarden’s findings beside it', async () => {
  await frame.locator('[data-id]', { hasText: 'alias/orders-data' }).first().click();
  await frame.getByRole('button', { name: 'Show policy' }).click();
  await frame.getByTestId('policy').getByText('Enable IAM User Permissions').waitFor({ timeout: 60_000 });
  await wb.screenshot('key-policy');
});

test('the secrets, never their values', async () => {
  await showTab('Secrets', 'orders-service/dev/db');
  await frame.locator('[data-id]', { hasText: 'stratus-red-team/api-token' }).first().waitFor();
  await wb.screenshot('secrets');
});

test('the findings: a filter narrows them, and "Find in code" opens the template naming the role', async () => {
  await showTab('Findings', 'stratus-red-team-ec2-steal-credentials-role');
  const rows = frame.locator('[data-id]');
  const filter = frame.getByRole('textbox', { name: 'Filter' }).filter({ visible: true });
  await filter.fill('steal-credentials');
  // Wait for the filter's draw: every row left names the role.
  await until('only the role’s findings listed', async () => {
    const left = await rows.count();
    return left > 0 && (await rows.filter({ hasNotText: 'steal-credentials' }).count()) === 0;
  });
  assert.ok((await rows.count()) >= 1);
  await wb.screenshot('findings-filtered');
  await rows.filter({ hasText: 'used from external IP' }).first().click();
  await frame.getByRole('button', { name: 'Find in code' }).click();
  // The template names the role twice (its RoleName, and a function's !GetAtt of it): both are offered.
  const picks = wb.page.locator('.quick-input-list .monaco-list-row');
  await picks.filter({ hasText: '!GetAtt InstanceRole.Arn' }).waitFor({ timeout: 60_000 });
  await wb.screenshot('find-in-code-picks');
  await picks.filter({ hasText: 'RoleName: stratus-red-team-ec2-steal-credentials-role' }).click();
  await wb.page.locator('.tab.active', { hasText: 'attack-sandbox.yaml' }).waitFor({ timeout: 60_000 });
  await wb.page.locator('.view-lines', { hasText: 'stratus-red-team-ec2-steal-credentials-role' }).waitFor();
  await wb.screenshot('find-in-code');
  await filter.fill('');
});

test('hidden and shown again, the view keeps its tab and filter', async () => {
  await showTab('Findings', 'stratus-red-team-ec2-steal-credentials-role');
  const filter = frame.getByRole('textbox', { name: 'Filter' }).filter({ visible: true });
  await filter.fill('Bitcoin');
  await filter.press('Enter');
  await frame.locator('[data-id]', { hasText: 'BitcoinTool' }).first().waitFor();
  // Another view in the side bar unloads the page; the shield brings it back from its saved state.
  await wb.page
    .locator('.activitybar')
    .getByRole('tab', { name: /^Explorer/ })
    .click();
  await wb.page
    .locator('.activitybar')
    .getByRole('tab', { name: /^CloudWarden/ })
    .click();
  frame = await wb.webviewFrameWith('BitcoinTool', 60_000);
  assert.equal(
    await frame
      .getByRole('tab', { selected: true })
      .innerText()
      .then((t) => t.split(/\s/)[0]),
    'Findings',
  );
  assert.equal(await frame.getByRole('textbox', { name: 'Filter' }).filter({ visible: true }).inputValue(), 'Bitcoin');
  await frame.getByRole('textbox', { name: 'Filter' }).filter({ visible: true }).fill('');
});

test('the list is driven by the keyboard', async () => {
  await showTab('Keys', 'alias/orders-data');
  const first = frame.locator('[data-id]').first();
  await first.click();
  const id = await first.getAttribute('data-id');
  await wb.page.keyboard.press('ArrowDown');
  assert.ok(id);
  await frame.locator(`[data-id][aria-selected="true"]:not([data-id="${id.replaceAll('"', '\\"')}"])`).waitFor();
});

test('every tab in a dark, a light and a high-contrast theme', async () => {
  for (const theme of ['Dark Modern', 'Light Modern', 'Dark High Contrast']) {
    await wb.runCommand('Preferences: Color Theme');
    await wb.page.locator('.quick-input-widget input').fill(theme);
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first().click();
    for (const tab of TABS) {
      await showTab(tab.name, tab.shows);
      await wb.screenshot(
        `${tab.name.toLowerCase()}-${theme.replace(' Modern', '').replaceAll(' ', '-').toLowerCase()}`,
      );
    }
  }
  assert.deepEqual(dialogs, []);
});
