import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExplorerSnapshot } from '../../../src/extension/explorerView';
import { extensionApi, openDocument, positionOf, waitFor } from '../helpers';

/**
 * The security explorer in real VS Code, against the AWS emulator (real SDK clients, signing, paging):
 * each tab's rows in three Regions (us-west-2 has neither GuardDuty nor Security Hub), the page's draw,
 * a denied service that stops only itself, a key's policy linted, "Find in code", "Reveal in explorer",
 * and never a secret's value (the emulator records any attempt; the harness fails the run on one).
 */
const EMULATOR = process.env.CLOUDWARDEN_EMULATOR_URL;
const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2'];
const ACCOUNT = '123837392027';
const ORDERS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1f0c5a8e-3b2d-4c6e-9a7f-0e1d2c3b4a51`;

interface Seed {
  services: {
    kms: { keys: { id: string; region: string }[] };
    secretsmanager: { secrets: { name: string; region: string }[] };
    guardduty: { detectors: { region: string; findings: unknown[] }[] };
    securityhub: { findings: { Region: string }[] };
  };
}

function seed(): Seed {
  const root = path.resolve(__dirname, '..', '..', '..', '..');
  return JSON.parse(readFileSync(path.join(root, 'test', 'fixtures', 'emulator', 'seed.json'), 'utf8')) as Seed;
}

async function emulator(method: 'GET' | 'POST' | 'DELETE', what: string, body?: object): Promise<unknown> {
  assert.ok(EMULATOR, 'CLOUDWARDEN_EMULATOR_URL is set by the integration harness');
  const response = await fetch(`${EMULATOR}/__emulator/${what}`, {
    method,
    ...(body && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  assert.ok(response.ok, `${method} /__emulator/${what}: ${response.status}`);
  return method === 'GET' ? response.json() : undefined;
}

function regionOf(snapshot: ExplorerSnapshot, tab: keyof ExplorerSnapshot['tabs'], region: string) {
  const state = snapshot.tabs[tab].regions.find((r) => r.region === region);
  assert.ok(state, `${tab}: ${region} is listed`);
  return state;
}

suite('Security explorer', () => {
  suiteSetup(async () => {
    await extensionApi();
    await vscode.workspace.getConfiguration('cloudwarden').update('aws.regions', REGIONS, true);
    const api = await extensionApi();
    // The explorer starts the server when shown; the status is asked here before that.
    await api.server.start();
    await waitFor('the Regions set', async () => {
      const status = await api.refreshAwsStatus();
      return status !== undefined && REGIONS.every((r) => status.tooltip.includes(r));
    });
  });

  suiteTeardown(async () => {
    await emulator('DELETE', 'faults');
    await vscode.workspace.getConfiguration('cloudwarden').update('aws.regions', undefined, true);
  });

  test('the view opens, and each tab has every Region’s rows as the emulator holds them', async () => {
    const api = await extensionApi();
    const data = seed().services;
    await vscode.commands.executeCommand('cloudwarden.showExplorer');
    // The page asks for its first tab when it loads; the others are loaded as a person opens them.
    await api.loadExplorerTab('keys', false);
    await api.loadExplorerTab('secrets', false);
    await api.loadExplorerTab('findings', false);
    const snapshot = api.explorer();
    assert.equal(snapshot.connection.state, 'connected', snapshot.connection.sentence);
    assert.deepEqual([...snapshot.connection.regions].sort(), [...REGIONS].sort());

    const keys = snapshot.tabs.keys;
    assert.equal(keys.ids.length, data.kms.keys.filter((k) => REGIONS.includes(k.region)).length);
    assert.ok(keys.ids.includes(ORDERS_KEY));
    for (const region of REGIONS) assert.equal(regionOf(snapshot, 'keys', region).problem, undefined, region);

    const secrets = snapshot.tabs.secrets;
    assert.equal(secrets.ids.length, data.secretsmanager.secrets.length);
    assert.ok(secrets.ids.some((id) => id.includes(':secret:orders-service/dev/db-')));

    const findings = snapshot.tabs.findings;
    const guardDuty = data.guardduty.detectors.reduce((n, d) => n + d.findings.length, 0);
    assert.equal(findings.ids.length, guardDuty + data.securityhub.findings.length);
    const west = regionOf(snapshot, 'findings', 'us-west-2');
    assert.equal(west.problem, undefined);
    assert.ok(
      west.notices.some((n) => /GuardDuty is not enabled in us-west-2/.test(n)),
      west.notices.join(' | '),
    );
    assert.ok(
      west.notices.some((n) => /Security Hub is not enabled in us-west-2/.test(n)),
      west.notices.join(' | '),
    );
  });

  test('the page draws each tab it shows: every row before any filter', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('cloudwarden.showExplorer');
    const drawn = await waitFor('the page’s first draw', () => {
      const { keys } = api.explorer().tabs;
      return keys.rendered !== undefined && keys.rendered.total === keys.ids.length ? keys.rendered : undefined;
    });
    assert.ok(drawn.rows > 0 && drawn.rows <= drawn.total, JSON.stringify(drawn));
  });

  test('a key’s policy, linted by CloudWarden’s rules; a secret without a resource policy says so', async () => {
    const api = await extensionApi();
    await api.loadExplorerTab('keys', false);
    const policy = await api.explorerPolicy('keys', ORDERS_KEY);
    assert.equal(policy?.state, 'policy', JSON.stringify(policy));
    if (policy?.state !== 'policy') return;
    assert.match(policy.review.text, /"Enable IAM User Permissions"/);
    // The key the seed opens to everyone: CloudWarden's rule says so, on the statement's line.
    const open = await api.explorerPolicy(
      'keys',
      `arn:aws:kms:us-east-1:${ACCOUNT}:key/c8d9e0f1-a2b3-4c4d-8e5f-6a7b8c9d0e1f`,
    );
    assert.equal(open?.state, 'policy', JSON.stringify(open));
    if (open?.state !== 'policy') return;
    const everyone = open.review.findings.find((f) => f.ruleId === 'public-principal');
    assert.ok(everyone, JSON.stringify(open.review.findings));
    assert.match(open.review.text.split('\n')[everyone.line - 1] ?? '', /"Principal"|"\*"/);
    await api.loadExplorerTab('secrets', false);
    const token = api.explorer().tabs.secrets.ids.find((id) => id.includes(':secret:stratus-red-team/api-token-'));
    assert.ok(token);
    const none = await api.explorerPolicy('secrets', token);
    assert.equal(none?.state, 'none', JSON.stringify(none));
  });

  test('KMS denied: every Region says why, while the secrets still load; then a refresh recovers', async () => {
    const api = await extensionApi();
    await emulator('POST', 'faults', { service: 'kms', operation: 'ListKeys', kind: 'accessDenied' });
    try {
      await api.loadExplorerTab('keys', true);
      await api.loadExplorerTab('secrets', true);
      const snapshot = api.explorer();
      for (const region of REGIONS)
        assert.match(regionOf(snapshot, 'keys', region).problem ?? '', /kms:ListKeys/, region);
      assert.equal(snapshot.tabs.keys.ids.length, 0);
      assert.ok(snapshot.tabs.secrets.ids.length > 0);
      for (const region of REGIONS) assert.equal(regionOf(snapshot, 'secrets', region).problem, undefined);
    } finally {
      await emulator('DELETE', 'faults');
    }
    await api.loadExplorerTab('keys', true);
    assert.ok(api.explorer().tabs.keys.ids.includes(ORDERS_KEY));
  });

  test('GuardDuty denied: Security Hub’s findings still come, and the Region says what is missing', async () => {
    const api = await extensionApi();
    await emulator('POST', 'faults', { service: 'guardduty', kind: 'accessDenied' });
    try {
      await api.loadExplorerTab('findings', true);
      const snapshot = api.explorer();
      const east = regionOf(snapshot, 'findings', 'us-east-1');
      assert.equal(east.problem, undefined);
      assert.ok(
        east.notices.some((n) => /guardduty:/i.test(n)),
        east.notices.join(' | '),
      );
      assert.equal(snapshot.tabs.findings.ids.length, seed().services.securityhub.findings.length);
      assert.ok(snapshot.tabs.findings.ids.every((id) => id.startsWith('Security Hub/')));
    } finally {
      await emulator('DELETE', 'faults');
    }
    await api.loadExplorerTab('findings', true);
  });

  test('Copy ARN puts the row’s ARN on the clipboard; Show activity opens its CloudTrail timeline', async () => {
    const api = await extensionApi();
    await api.loadExplorerTab('keys', false);
    await vscode.env.clipboard.writeText('');
    await api.explorerAction('keys', ORDERS_KEY, 'copyArn');
    assert.equal(await vscode.env.clipboard.readText(), ORDERS_KEY);
    await api.loadExplorerTab('secrets', false);
    const token = api.explorer().tabs.secrets.ids.find((id) => id.includes(':secret:stratus-red-team/api-token-'));
    assert.ok(token);
    await api.explorerAction('secrets', token, 'showActivity');
    const timeline = await waitFor('the secret’s timeline', () =>
      api.timelines().find((t) => t.target.query.resource === token && !t.loading),
    );
    assert.equal(timeline.failure, undefined);
    assert.match(timeline.title, /stratus-red-team\/api-token/);
  });

  test('Find in code: the file that names the key by its alias opens at the reference', async () => {
    const api = await extensionApi();
    await api.loadExplorerTab('keys', false);
    const matches = await api.explorerAction('keys', ORDERS_KEY, 'findInCode');
    assert.equal(matches?.length, 1, JSON.stringify(matches));
    const match = matches![0]!;
    assert.match(match.uri, /explorer\/orders-function\.yaml$/);
    assert.equal(match.name, `arn:aws:kms:us-east-1:${ACCOUNT}:alias/orders-data`);
    const editor = await waitFor('the file opened', () =>
      vscode.window.activeTextEditor?.document.uri.toString() === match.uri
        ? vscode.window.activeTextEditor
        : undefined,
    );
    assert.equal(editor.selection.start.line, match.line);
    assert.equal(editor.document.getText(editor.selection), match.name);
  });

  test('Reveal in explorer: the key under the cursor; a secret named by the hover’s link', async () => {
    const api = await extensionApi();
    const editor = await openDocument('explorer', 'orders-function.yaml');
    const at = positionOf(editor.document, 'alias/orders-data', 3);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('cloudwarden.revealInExplorer');
    const key = await waitFor('the key revealed', () => api.explorer().revealed);
    assert.deepEqual({ tab: key.tab, id: key.id }, { tab: 'keys', id: ORDERS_KEY });
    await vscode.commands.executeCommand('cloudwarden.revealInExplorer', {
      tab: 'secrets',
      names: ['orders-service/dev/db'],
    });
    const secret = await waitFor('the secret revealed', () => {
      const revealed = api.explorer().revealed;
      return revealed?.tab === 'secrets' ? revealed : undefined;
    });
    assert.match(secret.id ?? '', /:secret:orders-service\/dev\/db-/);
  });

  test('other Regions chosen: the tab shown is read again for them', async () => {
    const api = await extensionApi();
    // The keys tab on screen (the reveal of the last test left the secrets there).
    await vscode.commands.executeCommand('cloudwarden.revealInExplorer', { tab: 'keys', names: [ORDERS_KEY] });
    await waitFor('the keys tab shown', () => api.explorer().shown === 'keys');
    await vscode.workspace.getConfiguration('cloudwarden').update('aws.regions', ['eu-west-1'], true);
    try {
      const keys = await waitFor('the keys of eu-west-1 alone', () => {
        const tab = api.explorer().tabs.keys;
        const regions = tab.regions.map((r) => r.region);
        return regions.length === 1 && regions[0] === 'eu-west-1' && !tab.regions[0]!.loading ? tab : undefined;
      });
      const inWest = seed().services.kms.keys.filter((k) => k.region === 'eu-west-1').length;
      assert.equal(keys.ids.length, inWest);
      assert.ok(keys.ids.every((id) => id.startsWith('arn:aws:kms:eu-west-1:')));
    } finally {
      await vscode.workspace.getConfiguration('cloudwarden').update('aws.regions', REGIONS, true);
    }
  });

  test('no secret value was ever asked for', async () => {
    assert.deepEqual(await emulator('GET', 'secret-value-calls'), { calls: [] });
  });
});
