import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InvestigationView } from '../../../src/extension/investigationPanel';
import { INVICTUS_FOLDER, invictusFileEvents } from '../../harness/invictusEvents';
import { extensionApi, openDocument, waitFor } from '../helpers';

/**
 * Investigations in real VS Code: "Security events in the last N hours" and a pivot over the emulator's
 * LookupEvents (the Invictus attack simulation, moved to end now: 2,900 events, 58 pages at two a second),
 * then an event and an access key over the same files as a log folder.
 */
const BERT = 'arn:aws:iam::123837392027:user/bert-jan';
/** LookupEvents paces two calls a second: 58 pages, with the throttling retries, take about half a minute. */
const SLOW = 180_000;

async function report(key: string, after = 0): Promise<InvestigationView> {
  const api = await extensionApi();
  return waitFor(
    `the investigation ${key} to be drawn`,
    () => {
      const view = api.investigations().find((v) => v.key === key);
      return view !== undefined && !view.loading && view.rendered !== undefined && (view.hits?.length ?? -1) >= after
        ? view
        : undefined;
    },
    SLOW - 10_000,
  );
}

function counted(hits: readonly string[] | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of hits ?? []) counts[id] = (counts[id] ?? 0) + 1;
  return counts;
}

suite('Investigations', () => {
  suiteSetup(async () => {
    const api = await extensionApi();
    await openDocument('activity', 'evidence-buckets.yaml');
    await waitFor('the server to run', () => api.server.isRunning || undefined);
  });
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('security events of the last 24 hours over LookupEvents: every detection of the attack, grouped, exported', async function () {
    this.timeout(SLOW);
    const api = await extensionApi();
    await vscode.commands.executeCommand('cloudwarden.securityEvents', 24);
    const view = await report('window');
    assert.equal(view.failure, undefined);
    assert.deepEqual(view.partial, [], 'every page read');
    assert.equal(view.events, 2900, 'the whole history of the window');
    // The same 45 hits as over the log files (test/unit/incident): the facts came with LookupEvents' records.
    assert.equal(view.hits?.length, 45);
    const counts = counted(view.hits);
    assert.equal(counts['cloudtrail-logging-weakened'], 3);
    assert.equal(counts['access-key-for-other-user'], 2);
    assert.equal(counts['console-login-without-mfa'], 1);
    assert.equal(counts['iam-policy-modified'], 28);
    assert.equal(view.severity, 'HIGH');
    assert.equal(view.findingsNote, undefined, 'GuardDuty and Security Hub were read');
    assert.equal(view.rendered?.hits, 45, 'the page drew every hit');
    assert.ok(
      view.pivots?.some((p) => p.kind === 'principal' && p.value === BERT),
      JSON.stringify(view.pivots),
    );

    const folder = mkdtempSync(path.join(tmpdir(), 'cloudwarden-report-'));
    try {
      const file = vscode.Uri.file(path.join(folder, 'report.md'));
      assert.ok((await api.exportInvestigation(view.key, file)) > 0);
      const markdown = readFileSync(file.fsPath, 'utf8');
      assert.match(markdown, /^# Security events\n/);
      assert.match(markdown, /\*\*Severity: HIGH\*\*/);
      assert.match(markdown, /\| HIGH \| CloudTrail logging stopped, deleted or narrowed \| 3 \|/);
      assert.match(markdown, /aws cloudtrail start-logging --name stratus-red-team-/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a pivot to the operator: its own report, classified, with containment written out', async function () {
    this.timeout(SLOW);
    const window = (await extensionApi()).investigations().find((v) => v.key === 'window');
    await vscode.commands.executeCommand('cloudwarden.investigate', {
      subject: { kind: 'principal', value: BERT },
      since: window?.request.since ?? Date.now() - 86_400_000,
    });
    const view = await report(`principal:${BERT}`);
    assert.equal(view.severity, 'HIGH');
    const expected = invictusFileEvents()
      .flatMap((f) => f.events)
      .filter((e) => e.principal.arn === BERT).length;
    assert.equal(view.events, expected);
    assert.ok(view.response?.includes("Deactivate bert-jan's access keys"), JSON.stringify(view.response));
    assert.ok(view.response?.includes('Restore CloudTrail logging'));
    assert.ok(!view.pivots?.some((p) => p.value === BERT), 'no pivot back to itself');
  });

  test('an explorer row’s Investigate opens the report of its resource', async function () {
    this.timeout(SLOW);
    const api = await extensionApi();
    await api.loadExplorerTab('secrets', false);
    const secret = api.explorer().tabs.secrets.ids.find((id) => id.includes(':secret:stratus-red-team/api-token-'));
    assert.ok(secret);
    await api.explorerAction('secrets', secret, 'investigate');
    const view = await report(`resource:${secret}`);
    assert.equal(view.failure, undefined);
    assert.equal(view.request.subject.kind, 'resource');
    assert.ok(view.rendered !== undefined);
  });

  suite('over a log folder', () => {
    suiteSetup(() =>
      vscode.workspace
        .getConfiguration('cloudwarden')
        .update('activity.logFolders', [INVICTUS_FOLDER], vscode.ConfigurationTarget.Global),
    );
    suiteTeardown(() =>
      vscode.workspace
        .getConfiguration('cloudwarden')
        .update('activity.logFolders', undefined, vscode.ConfigurationTarget.Global),
    );

    test('an event id: the event, its detection, and its principal’s events around it', async function () {
      this.timeout(SLOW);
      const deleted = invictusFileEvents()
        .flatMap((f) => f.events)
        .find((e) => e.eventName === 'DeleteTrail' && e.errorCode === undefined);
      assert.ok(deleted);
      await vscode.commands.executeCommand('cloudwarden.investigateEvent', deleted.eventId);
      const view = await report(`event:${deleted.eventId}`);
      assert.equal(view.failure, undefined);
      assert.ok(view.hits?.includes('cloudtrail-logging-weakened'), JSON.stringify(view.hits));
      const around = invictusFileEvents()
        .flatMap((f) => f.events)
        .filter((e) => e.principal.arn === deleted.principal.arn && Math.abs(e.time - deleted.time) <= 30 * 60_000);
      assert.equal(view.events, around.length);
    });

    test('an access key: its calls, and the key deactivation written out', async function () {
      this.timeout(SLOW);
      const events = invictusFileEvents().flatMap((f) => f.events);
      const key = events.find((e) => e.principal.arn === BERT && e.accessKeyId?.startsWith('AKIA'))?.accessKeyId;
      assert.ok(key, 'bert-jan signs with a long-term key');
      await vscode.commands.executeCommand('cloudwarden.investigateAccessKey', key);
      const view = await report(`accessKey:${key}`);
      assert.equal(view.events, events.filter((e) => e.accessKeyId === key).length);
      assert.equal(view.severity, 'HIGH');
      assert.ok(view.response?.includes(`Deactivate the access key ${key}`), JSON.stringify(view.response));
    });
  });
});
