import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionApi, hoverUntil, openDocument, waitFor } from '../helpers';

/**
 * CloudTrail activity from Amazon Athena, in real VS Code: the emulator answers StartQueryExecution,
 * GetQueryExecution (QUEUED, RUNNING, SUCCEEDED over the polls), GetQueryResults (pages) by running the
 * generated SQL on DuckDB over the same history LookupEvents replays, and says what each query scanned.
 */
const BUCKET = 'stratus-red-team-ctlr-bucket-zqfsvooxqj';

async function setAthena(values: Record<string, string | undefined>): Promise<void> {
  const config = vscode.workspace.getConfiguration('cloudwarden');
  for (const [key, value] of Object.entries(values))
    await config.update(`activity.athena.${key}`, value, vscode.ConfigurationTarget.Global);
}

suite('CloudTrail activity from Athena', () => {
  suiteSetup(async () => {
    await extensionApi();
    await setAthena({ workgroup: 'cloudwarden', database: 'cloudtrail', table: 'cloudtrail_logs' });
  });

  suiteTeardown(async () => {
    await setAthena({ workgroup: undefined, database: undefined, table: undefined });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the hover runs the query on Athena and says what it scanned', async () => {
    const editor = await openDocument('activity', 'evidence-buckets.yaml');
    const text = await hoverUntil(editor, BUCKET, "Athena's answer in the hover", (t) => t.includes('Athena scanned'));
    // LookupEvents finds 41 (the events CloudTrail indexes under the bucket's name); the SQL also finds the
    // CreateTrail that names it as the trail's bucket, as the log files do.
    assert.match(text, /Events: \*\*42\*\* in 24 h · \*\*42\*\* in 7 days · \*\*42\*\* in 90 days/);
    assert.match(text, /\n- \d+ min ago · \*\*DeleteBucket\*\* \(write\) by `bert-jan` from `192\.168\.10\.20`/);
    assert.match(text, /Athena scanned \d+(\.\d)? (KB|MB)/);
  });

  test('the timeline shows the same events, from Athena, with the bytes scanned', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('cloudwarden.showActivity', {
      query: { resource: BUCKET, since: Date.now() - 7 * 86_400_000 },
      title: `CloudTrail: ${BUCKET} (Athena)`,
    });
    const view = await waitFor('the timeline of the Athena answer', () =>
      // The page draws "loading" first: wait for the answer drawn.
      api
        .timelines()
        .find((t) => t.title.includes('(Athena)') && t.events !== undefined && (t.rendered?.total ?? 0) > 0),
    );
    assert.equal(view.source, 'athena');
    assert.equal(view.events, 42);
    assert.equal(view.rendered?.rows, 42);
    assert.ok((view.bytesScanned ?? 0) > 0);
    assert.deepEqual(view.problems, []);
  });

  test('"Write the Athena table…" opens the CREATE EXTERNAL TABLE for a trail, ready to run', async () => {
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('cloudwarden.writeAthenaTable', {
      bucket: 'org-trail-logs',
      prefix: 'trails',
      organizationId: 'o-exampleorgid',
      accounts: ['111122223333', '444455556666'],
      regions: ['us-east-1', 'eu-west-1'],
      startDate: '2025/01/01',
      database: 'security',
      table: 'org_trail',
    });
    assert.equal(document.languageId, 'sql');
    assert.equal(vscode.window.activeTextEditor?.document, document);
    const text = document.getText();
    assert.match(text, /^CREATE EXTERNAL TABLE `security`\.`org_trail` \(/);
    assert.match(text, /LOCATION 's3:\/\/org-trail-logs\/trails\/AWSLogs\/o-exampleorgid\/'/);
    assert.match(text, /'projection\.timestamp\.range'='2025\/01\/01,NOW'/);
  });

  test('a table that does not exist: the problem in one sentence, in the hover', async () => {
    await setAthena({ table: 'no_such_table' });
    const editor = await openDocument('activity', 'evidence-buckets.yaml');
    const text = await hoverUntil(editor, BUCKET, 'the problem in the hover', (t) => t.includes('⚠️'));
    assert.match(text, /Athena has no table .*no\\_such\\_table: create it/);
  });
});
