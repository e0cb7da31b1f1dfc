import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventFilter } from '../../../src/core';
import { INVICTUS_FOLDER, invictusFileEvents } from '../../harness/invictusEvents';
import { extensionApi, hoverUntil, openDocument, waitFor } from '../helpers';

/**
 * CloudTrail activity from log files, in real VS Code: a folder in the S3 layout (the invictus files, and
 * one cut short) set in `cloudwarden.activity.logFolders`; the server indexes it in worker threads (the
 * bundled dist/logWorker.js) and the hover and the timeline read the index. No AWS call is involved.
 */
const INVICTUS = INVICTUS_FOLDER;
const BUCKET = 'stratus-red-team-ctlr-bucket-zqfsvooxqj';
const DAY_FOLDER = path.join('AWSLogs', '123837392027', 'CloudTrail', 'us-east-1', '2023', '07', '10');
const TRUNCATED = 'cut-short_CloudTrail_us-east-1_20230710T1300Z_0000000000000000.json.gz';

/** How many of the dataset's events name the bucket: a plain scan, the answer the index must give. */
function bucketEvents(): number {
  const matches = eventFilter({ resource: BUCKET, since: 0 });
  return invictusFileEvents().reduce((n, file) => n + file.events.filter(matches).length, 0);
}

suite('CloudTrail activity from log files', () => {
  let folder: string;
  const expected = bucketEvents();

  suiteSetup(async () => {
    await extensionApi();
    folder = mkdtempSync(path.join(tmpdir(), 'cloudwarden-logs-'));
    const day = path.join(folder, DAY_FOLDER);
    mkdirSync(day, { recursive: true });
    for (const file of readdirSync(INVICTUS).filter((f) => f.endsWith('.json.gz')))
      copyFileSync(path.join(INVICTUS, file), path.join(day, file));
    // A download cut short: its first half is read, and the file is named as not read in full.
    const whole = readFileSync(
      path.join(
        INVICTUS,
        readdirSync(INVICTUS).find((f) => f.endsWith('.json.gz'))!,
      ),
    );
    writeFileSync(path.join(day, TRUNCATED), whole.subarray(0, Math.floor(whole.length / 2)));
    await vscode.workspace
      .getConfiguration('cloudwarden')
      .update('activity.logFolders', [folder], vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await vscode.workspace
      .getConfiguration('cloudwarden')
      .update('activity.logFolders', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(folder, { recursive: true, force: true });
  });

  test('the hover reads the indexed files: every event of the bucket, on the day it happened', async () => {
    assert.ok(expected > 0);
    const editor = await openDocument('activity', 'evidence-buckets.yaml');
    // Indexing runs in the background: the answer grows until every file is read.
    const text = await hoverUntil(
      editor,
      BUCKET,
      'the log files in the hover',
      (t) => t.includes(`**${expected}** in the log files`) && !t.includes('Indexing'),
    );
    assert.match(text, new RegExp(`Events: \\*\\*${expected}\\*\\* in the log files, on 2023-07-10`));
    assert.match(text, /\n- on 2023-07-10 · \*\*DeleteBucket\*\* \(write\) by `bert-jan` from `192\.168\.10\.20`/);
    assert.match(text, /1 log file could not be read in full/);
    const api = await extensionApi();
    // The progress notification opened and closed with what the run did.
    assert.match(api.logIndexRuns().at(-1)?.message ?? '', /^Indexed 56 new files \(\d[\d,]* events\) of /);
  });

  test('with activity CodeLenses on, the lens above the bucket counts its events in the log files', async () => {
    const config = vscode.workspace.getConfiguration('cloudwarden');
    await config.update('activity.codeLens.enable', true, vscode.ConfigurationTarget.Global);
    try {
      const editor = await openDocument('activity', 'evidence-buckets.yaml');
      const title = await waitFor('the activity CodeLens of the bucket', async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
          'vscode.executeCodeLensProvider',
          editor.document.uri,
        );
        return (lenses ?? [])
          .map((l) => l.command?.title ?? '')
          .find((t) => t.startsWith(`${expected} events in the log files`));
      });
      assert.match(title, / · last: DeleteBucket by bert-jan, on 2023-07-10$/);
    } finally {
      await config.update('activity.codeLens.enable', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('the timeline lists the same events and names the file it could not read in full', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('cloudwarden.showActivity', {
      query: { resource: BUCKET, since: 0 },
      title: `CloudTrail: ${BUCKET} (log files)`,
    });
    const view = await waitFor('the timeline of the log files', () =>
      // The page draws "loading" first: wait for the answer drawn.
      api
        .timelines()
        .find((t) => t.title.includes('(log files)') && t.events !== undefined && (t.rendered?.total ?? 0) > 0),
    );
    assert.equal(view.events, expected);
    assert.equal(view.rendered?.rows, expected);
    assert.deepEqual(view.problems, []);
    assert.equal(view.unreadable.length, 1);
    assert.match(view.unreadable[0]!, new RegExp(`${TRUNCATED}: the gzip stream is truncated`));
  });

  test('a timeline of more events than it lists draws the rest from the counts by day', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('cloudwarden.showActivity', {
      query: { since: 0 },
      title: 'CloudTrail: everything (log files)',
    });
    const view = await waitFor('the timeline of every event', () =>
      api
        .timelines()
        .find((t) => t.title.includes('everything') && t.events !== undefined && (t.rendered?.total ?? 0) > 0),
    );
    // 20 pages of 50 by default: the newest 1,000 listed, every one counted.
    assert.equal(view.events, 1000);
    assert.ok((view.total ?? 0) > 2900, `the dataset and the part of the cut file read (${view.total})`);
    assert.equal(view.countedByDay, view.total);
  });

  test('"Index CloudTrail log files" reads only what is new', async () => {
    const day = path.join(folder, DAY_FOLDER);
    const first = readdirSync(INVICTUS).find((f) => f.endsWith('.json.gz'))!;
    copyFileSync(path.join(INVICTUS, first), path.join(day, `copy-${first}`));
    const message = await vscode.commands.executeCommand<string>('cloudwarden.indexLogFiles');
    assert.match(message, /^Indexed 1 new file \(\d+ events\) of /);
    assert.match(await vscode.commands.executeCommand<string>('cloudwarden.indexLogFiles'), /is up to date\.$/);
  });
});
