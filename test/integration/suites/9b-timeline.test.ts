import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extensionApi, openDocument, positionOf, waitFor } from '../helpers';

/**
 * The AWS status bar item and the CloudTrail timeline in real VS Code, against the emulator the harness
 * starts (the invictus history, the fixture seed's developer user as credentials).
 */
const BUCKET = 'stratus-red-team-ctlr-bucket-zqfsvooxqj';

suite('AWS connection and the CloudTrail timeline', () => {
  suiteSetup(async () => {
    const api = await extensionApi();
    // A relevant file starts the server; the status item asks once it runs.
    await openDocument('activity', 'evidence-buckets.yaml');
    await waitFor('the server to run', () => api.server.isRunning || undefined);
  });
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('the status bar shows the account and Region of the credentials', async () => {
    const api = await extensionApi();
    const shown = await waitFor('the AWS status item', async () => (await api.refreshAwsStatus()) ?? undefined);
    assert.equal(shown.state, 'connected');
    assert.match(shown.text, /111122223333 · us-east-1/);
    assert.match(shown.tooltip, /arn:aws:iam::111122223333:user\/dev-alice/);
  });

  test('Show CloudTrail activity at the cursor opens a timeline with the resource events, drawn', async () => {
    const api = await extensionApi();
    const editor = await openDocument('activity', 'evidence-buckets.yaml');
    const at = positionOf(editor.document, BUCKET, 3);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('cloudwarden.showActivity');
    const view = await waitFor('the timeline to draw its events', () =>
      api.timelines().find((t) => t.title.includes(BUCKET) && t.rendered !== undefined && t.rendered.total > 0),
    );
    assert.equal(view.events, 41, 'the bucket has 41 events in the invictus history');
    assert.equal(view.rendered?.rows, 41);
    assert.deepEqual(view.problems, []);

    // Export: the same events, as CSV and as JSON.
    const folder = mkdtempSync(path.join(tmpdir(), 'cloudwarden-export-'));
    try {
      const csv = vscode.Uri.file(path.join(folder, 'events.csv'));
      assert.equal(await api.exportTimeline(view.key, 'csv', csv), 41);
      const rows = readFileSync(csv.fsPath, 'utf8').trimEnd().split('\r\n');
      assert.equal(rows.length, 42);
      assert.match(rows[0]!, /^eventTime,eventName,action,principal,/);
      const json = vscode.Uri.file(path.join(folder, 'events.json'));
      assert.equal(await api.exportTimeline(view.key, 'json', json), 41);
      const exported = JSON.parse(readFileSync(json.fsPath, 'utf8')) as { events: { eventName: string }[] };
      assert.equal(exported.events.length, 41);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a link argument from a hover opens the same kind of timeline for a role', async () => {
    const api = await extensionApi();
    const role = 'stratus-red-team-ec2-steal-credentials-role';
    await vscode.commands.executeCommand('cloudwarden.showActivity', {
      query: { resource: role, since: Date.now() - 90 * 86_400_000 },
      title: role,
    });
    const view = await waitFor('the role timeline', () =>
      api.timelines().find((t) => t.title.includes(role) && t.rendered !== undefined),
    );
    assert.ok((view.events ?? 0) > 0, JSON.stringify(view));
  });
});
