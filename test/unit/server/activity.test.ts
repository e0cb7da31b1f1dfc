/**
 * CloudTrail activity in the language server, spoken to over LSP (the bundled server on stdio), with the
 * real SDK against the emulator seeded with the invictus logs: hovers that never wait on AWS, one scan per
 * resource however often it is hovered, the cache in memory and on disk, problems in one sentence, the
 * AWS requests of src/shared/protocol.ts, and the CodeLens.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Emulator, startEmulator } from '../../emulator/server';
import { awsHome, type AwsHome } from '../aws/awsHome';
import { fixtureCredentials } from '../emulator/helpers';
import { repoRoot } from '../helpers/paths';
import { openDocument, positionIn, startServer, type LspSession } from './lspClient';

const INVICTUS = path.join(repoRoot, 'test', 'fixtures', 'cloudtrail', 'invictus');
/** Buckets of the invictus logs, one per test that needs an answer nobody asked for before. */
const BUCKETS = {
  /** 41 events; the newest a DeleteBucket by bert-jan, 30 minutes before the newest event of the logs. */
  ctlr: 'stratus-red-team-ctlr-bucket-zqfsvooxqj',
  ctes: 'stratus-red-team-ctes-bucket-qyxyekjbtk',
  bdbp: 'stratus-red-team-bdbp-lhfzvgcamn',
  olc: 'stratus-red-team-olc-bucket-xhfgzaowxc',
  backdoor: 'stratus-red-team-backdoor-f-bucket-ufamgrrnmw',
};

const template = [
  'Resources:',
  ...Object.entries(BUCKETS).flatMap(([id, name]) => [
    `  ${id}:`,
    '    Type: AWS::S3::Bucket',
    '    Properties:',
    `      BucketName: ${name}`,
  ]),
  'Outputs:',
  '  Again:',
  '    Value: !Ref ctlr',
  '',
].join('\n');
const TEMPLATE_URI = 'file:///w/buckets.yaml';

interface HoverResult {
  contents: { kind: string; value: string };
  range: { start: { line: number; character: number } };
}
interface Lens {
  range: { start: { line: number } };
  command: { title: string; command: string; arguments: unknown[] };
}

function hover(session: LspSession, uri: string, text: string, needle: string, delta = 3): Promise<HoverResult | null> {
  return session.connection.sendRequest<HoverResult | null>('textDocument/hover', {
    textDocument: { uri },
    position: positionIn(text, needle, delta),
  });
}

/** Hovers until the content passes `ready` (a fetch runs in the background meanwhile); never a fixed sleep. */
async function hoverUntil(
  session: LspSession,
  uri: string,
  text: string,
  needle: string,
  ready: (markdown: string) => boolean,
  ms = 20_000,
): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const markdown = (await hover(session, uri, text, needle))?.contents.value ?? '';
    if (ready(markdown)) return markdown;
    if (Date.now() > deadline) throw new Error(`hover on ${needle} never became ready; last:\n${markdown}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function until<T>(what: string, probe: () => T | undefined | false, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Initializes like VS Code's client: settings and a storage folder, codeLens refresh supported. */
async function initialize(session: LspSession, storagePath?: string, settings: unknown = {}): Promise<void> {
  await session.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { codeLens: { refreshSupport: true } } },
    initializationOptions: { settings, ...(storagePath && { storagePath }) },
  });
  await session.connection.sendNotification('initialized', {});
}

describe('server: CloudTrail activity against the emulator', () => {
  const { user } = fixtureCredentials();
  let emulator: Emulator;
  let home: AwsHome;
  let session: LspSession;
  let storage: string;
  const refreshes: number[] = [];
  /** Successful LookupEvents pages served. */
  const pages = () =>
    emulator.requests.entries.filter((e) => e.operation === 'LookupEvents' && e.status === 200).length;

  before(async () => {
    emulator = await startEmulator({ cloudtrailLogs: INVICTUS });
    storage = mkdtempSync(path.join(tmpdir(), 'cloudwarden-storage-'));
    home = awsHome(
      { config: '[profile dev]\nregion = eu-west-1\n[profile ops]\n', credentials: '[ci]\naws_access_key_id = x\n' },
      {
        AWS_ENDPOINT_URL: emulator.url,
        AWS_ACCESS_KEY_ID: user.accessKeyId,
        AWS_SECRET_ACCESS_KEY: user.secretAccessKey,
        AWS_REGION: 'us-east-1',
      },
    );
    session = await startServer();
    session.connection.onRequest('workspace/codeLens/refresh', () => {
      refreshes.push(Date.now());
      return null;
    });
    await initialize(session, storage);
    await openDocument(session, TEMPLATE_URI, 'yaml', template);
  });

  after(async () => {
    assert.equal(await session.close(), 0);
    home.restore();
    await emulator.close();
    rmSync(storage, { recursive: true, force: true });
  });

  test('the first hover says loading at once; a later one shows the events', async () => {
    const first = await hover(session, TEMPLATE_URI, template, BUCKETS.ctlr);
    assert.equal(first?.contents.value, `**CloudTrail activity** for \`${BUCKETS.ctlr}\` (AWS::S3::Bucket): loading…`);
    assert.deepEqual(first.range.start, positionIn(template, BUCKETS.ctlr, 0));
    const markdown = await hoverUntil(session, TEMPLATE_URI, template, BUCKETS.ctlr, (m) => m.includes('Events:'));
    assert.ok(markdown.includes('Events: **41** in 24 h · **41** in 7 days · **41** in 90 days'), markdown);
    // The logs are moved so that their newest event is the emulator's start; this bucket's is 29:40 older.
    assert.match(
      markdown,
      /\n- (29|30) min ago · \*\*DeleteBucket\*\* \(write\) by `bert-jan` from `192\.168\.10\.20`\n/,
    );
    assert.match(markdown, /· error `BucketNotEmpty`/);
    assert.match(markdown, /\[Open timeline\]\(command:cloudwarden\.showActivity\?/);
    const reveal = /\[Reveal in explorer\]\(command:cloudwarden\.revealInExplorer\?([^)]+)\)/.exec(markdown);
    assert.deepEqual(JSON.parse(decodeURIComponent(reveal?.[1] ?? '')), [
      { tab: 'findings', names: [`arn:aws:s3:::${BUCKETS.ctlr}`, BUCKETS.ctlr] },
    ]);
    assert.equal(pages(), 1, '41 events: one page, asked once however many hovers polled');
  });

  test('a cached hover answers without calling AWS', async () => {
    emulator.requests.clear();
    const markdown = (await hover(session, TEMPLATE_URI, template, BUCKETS.ctlr))?.contents.value ?? '';
    assert.ok(markdown.includes('**41** in 90 days'), markdown);
    // The same resource named again elsewhere in the file (a !Ref to it) shares the answer.
    const again = (await hover(session, TEMPLATE_URI, template, '!Ref ctlr', 2))?.contents.value ?? '';
    assert.ok(again.includes('**41** in 90 days'), again);
    assert.equal(emulator.requests.count(), 0);
  });

  test('two hovers at once on a new resource: one scan', async () => {
    emulator.requests.clear();
    const both = await Promise.all([1, 2].map(() => hover(session, TEMPLATE_URI, template, BUCKETS.ctes)));
    for (const h of both) assert.match(h?.contents.value ?? '', /: loading…$/);
    await hoverUntil(session, TEMPLATE_URI, template, BUCKETS.ctes, (m) => m.includes('**33** in 90 days'));
    assert.equal(pages(), 1);
  });

  test('the answer is kept on disk: another server answers the hover without calling AWS', async () => {
    const file = path.join(storage, 'cloudtrail-activity.json');
    await until('the cache file', () => existsSync(file) && readFileSync(file, 'utf8').includes(BUCKETS.ctes));
    const second = await startServer();
    try {
      await initialize(second, storage);
      await openDocument(second, TEMPLATE_URI, 'yaml', template);
      emulator.requests.clear();
      const markdown = (await hover(second, TEMPLATE_URI, template, BUCKETS.ctlr))?.contents.value ?? '';
      assert.ok(markdown.includes('**41** in 90 days'), markdown);
      assert.equal(emulator.requests.count(), 0, 'not even GetCallerIdentity');
    } finally {
      assert.equal(await second.close(), 0);
    }
  });

  test('access denied: the sentence naming cloudtrail:LookupEvents, asked and logged once', async () => {
    emulator.faults.add({ service: 'cloudtrail', operation: 'LookupEvents', kind: 'accessDenied' });
    try {
      emulator.requests.clear();
      const markdown = await hoverUntil(session, TEMPLATE_URI, template, BUCKETS.bdbp, (m) => m.includes('⚠️'));
      assert.ok(
        markdown.includes(
          `⚠️ AWS denied cloudtrail:LookupEvents to ${user.arn}: add cloudtrail:LookupEvents to the IAM policy`,
        ),
        markdown,
      );
      for (let i = 0; i < 5; i++) await hover(session, TEMPLATE_URI, template, BUCKETS.bdbp);
      assert.equal(emulator.requests.count('cloudtrail', 'LookupEvents'), 1, 'the failure is remembered, not retried');
      const logged = session.logs.filter((m) => m.includes('AWS denied cloudtrail:LookupEvents'));
      assert.equal(logged.length, 1, session.logs.join('\n'));
    } finally {
      emulator.faults.clear();
    }
  });

  test('AWS status: connected, then a problem', async () => {
    const connected = await session.connection.sendRequest('cloudwarden/awsStatus', {});
    assert.deepEqual(connected, {
      state: 'connected',
      account: '111122223333',
      arn: user.arn,
      regions: ['us-east-1'],
    });
    emulator.faults.add({ service: 'sts', operation: 'GetCallerIdentity', kind: 'expiredToken', times: 1 });
    const problem = await session.connection.sendRequest<{
      state: string;
      problem: { kind: string; sentence: string };
    }>('cloudwarden/awsStatus', {});
    assert.equal(problem.state, 'problem');
    assert.equal(problem.problem.kind, 'expiredToken');
    assert.match(problem.problem.sentence, /have expired/);
  });

  test('AWS profiles: both shared files, config first', async () => {
    assert.deepEqual(await session.connection.sendRequest('cloudwarden/awsProfiles', {}), {
      profiles: ['dev', 'ops', 'ci'],
    });
  });

  test('activity request: scanned once, then from the cache, and again with fresh', async () => {
    interface Result {
      events: { eventName: string; time: number }[];
      problems: unknown[];
      fetchedAt: number;
      stale: boolean;
    }
    const ask = (fresh?: boolean) =>
      session.connection.sendRequest<Result>('cloudwarden/activity', {
        query: { resource: BUCKETS.olc, since: Date.now() - 7 * 86_400_000 },
        maxPages: 2,
        ...(fresh !== undefined && { fresh }),
      });
    emulator.requests.clear();
    const first = await ask();
    assert.equal(first.events.length, 30);
    assert.deepEqual([first.problems, first.stale], [[], false]);
    assert.ok(
      first.events.every((e, i) => i === 0 || first.events[i - 1]!.time >= e.time),
      'newest first',
    );
    assert.equal(pages(), 1);
    const cached = await ask();
    assert.equal(cached.fetchedAt, first.fetchedAt);
    assert.equal(pages(), 1);
    const fresh = await ask(true);
    assert.equal(fresh.events.length, 30);
    assert.ok(fresh.fetchedAt >= first.fetchedAt);
    assert.equal(pages(), 2);
    const bad = await session.connection.sendRequest<Result>('cloudwarden/activity', { query: { resource: 'x' } });
    assert.deepEqual(bad.events, []);
    assert.equal((bad.problems[0] as { kind: string }).kind, 'invalidRequest');
  });

  test('reference at a position: the resource and what to ask CloudTrail', async () => {
    const at = (needle: string, delta = 3) =>
      session.connection.sendRequest('cloudwarden/referenceAt', {
        uri: TEMPLATE_URI,
        position: positionIn(template, needle, delta),
      });
    assert.deepEqual(await at(BUCKETS.olc), {
      text: BUCKETS.olc,
      name: BUCKETS.olc,
      arn: `arn:aws:s3:::${BUCKETS.olc}`,
      resourceType: 'AWS::S3::Bucket',
      query: { resource: BUCKETS.olc },
      reveal: { tab: 'findings', names: [`arn:aws:s3:::${BUCKETS.olc}`, BUCKETS.olc] },
    });
    assert.equal(await at('Resources:'), null);
    assert.equal(
      await session.connection.sendRequest('cloudwarden/referenceAt', {
        uri: 'file:///not-open.yaml',
        position: { line: 0, character: 0 },
      }),
      null,
    );
  });

  test('any language: an ARN in a policy has both hovers, the policy part first; SDK calls in Python', async () => {
    const policy = JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 's3:GetBucketPolicy', Resource: `arn:aws:s3:::${BUCKETS.ctlr}` }],
      },
      null,
      2,
    );
    await openDocument(session, 'file:///w/policy.json', 'json', policy);
    const both = (await hover(session, 'file:///w/policy.json', policy, `arn:aws:s3:::${BUCKETS.ctlr}`))?.contents
      .value;
    const [policyPart, activityPart] = (both ?? '').split('\n\n---\n\n');
    assert.doesNotMatch(policyPart ?? '', /CloudTrail activity/);
    assert.ok(policyPart && policyPart.length > 0, both);
    assert.match(activityPart ?? '', /^\*\*CloudTrail activity\*\* for `stratus-red-team-ctlr-bucket-zqfsvooxqj`/);

    const python = `import boto3\ns3 = boto3.client("s3")\ns3.get_bucket_policy(Bucket="${BUCKETS.ctlr}")\n`;
    await openDocument(session, 'file:///w/app.py', 'python', python);
    const markdown = (await hover(session, 'file:///w/app.py', python, BUCKETS.ctlr))?.contents.value ?? '';
    assert.ok(markdown.includes('**41** in 90 days'), markdown);
    assert.equal(await hover(session, 'file:///w/app.py', python, 'boto3.client'), null, 'no noise off a resource');
  });

  test('cloudwarden.activity.hover.enable = false: the policy hover only', async () => {
    await session.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { cloudwarden: { activity: { hover: { enable: false } } } },
    });
    try {
      assert.equal(await hover(session, TEMPLATE_URI, template, BUCKETS.ctlr), null);
    } finally {
      await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { cloudwarden: {} } });
    }
    assert.ok(await hover(session, TEMPLATE_URI, template, BUCKETS.ctlr));
  });

  test('CodeLens (off by default): one per resource, "loading…" until its fetch ends, then a refresh', async () => {
    const lenses = () =>
      session.connection.sendRequest<Lens[]>('textDocument/codeLens', { textDocument: { uri: TEMPLATE_URI } });
    assert.deepEqual(await lenses(), [], 'off by default');
    await session.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { cloudwarden: { activity: { codeLens: { enable: true } } } },
    });
    try {
      refreshes.length = 0;
      const first = await lenses();
      assert.equal(first.length, 5, 'the bucket named twice has one lens');
      const title = (bucket: string) =>
        first.find((l) => l.range.start.line === positionIn(template, bucket).line)?.command.title;
      assert.match(
        title(BUCKETS.ctlr) ?? '',
        /^41 events in 7 days · last: DeleteBucket by bert-jan, (29|30) min ago$/,
      );
      assert.equal(title(BUCKETS.backdoor), 'CloudTrail: loading…');
      assert.equal(title(BUCKETS.olc), 'CloudTrail: loading…', 'the activity request above asked another question');
      assert.equal(title(BUCKETS.bdbp), 'CloudTrail: access denied (hover for why)');
      const lens = first.find((l) => l.command.title.startsWith('41 events'))!;
      assert.equal(lens.command.command, 'cloudwarden.showActivity');
      assert.deepEqual(Object.keys(lens.command.arguments[0] as object), ['query', 'title']);
      await until('a CodeLens refresh', () => refreshes.length > 0);
      // Each fetch's end asks for a refresh; VS Code would then ask again, as this does.
      const deadline = Date.now() + 20_000;
      let titles: string[] = [];
      while (Date.now() < deadline) {
        titles = (await lenses()).map((l) => l.command.title);
        if (!titles.some((t) => t.includes('loading'))) break;
        await until('another refresh', () => refreshes.length > 0);
        refreshes.length = 0;
      }
      assert.ok(
        titles.some((t) => /^28 events in 7 days · last: \w+ by /.test(t)),
        titles.join('\n'),
      );
      assert.ok(
        titles.some((t) => /^30 events in 7 days · last: DeleteBucket by bert-jan/.test(t)),
        titles.join('\n'),
      );
    } finally {
      await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: { cloudwarden: {} } });
    }
  });
});

describe('server: no AWS configuration', () => {
  test('nothing is called, the hover has no activity, the status says off', async () => {
    const emulator = await startEmulator({ cloudtrailLogs: INVICTUS });
    // An endpoint alone is no configuration: no profile, no keys, no default profile.
    const home = awsHome({ config: '[profile dev]\n' }, { AWS_ENDPOINT_URL: emulator.url });
    const session = await startServer();
    try {
      await initialize(session, undefined, { activity: { codeLens: { enable: true } } });
      await openDocument(session, TEMPLATE_URI, 'yaml', template);
      for (let i = 0; i < 3; i++) assert.equal(await hover(session, TEMPLATE_URI, template, BUCKETS.ctlr), null);
      assert.deepEqual(
        await session.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: TEMPLATE_URI } }),
        [],
      );
      const status = await session.connection.sendRequest<{ state: string }>('cloudwarden/awsStatus', {});
      assert.equal(status.state, 'off');
      const activity = await session.connection.sendRequest<{ problems: { kind: string }[] }>('cloudwarden/activity', {
        query: { resource: BUCKETS.ctlr, since: 0 },
      });
      assert.equal(activity.problems[0]?.kind, 'noCredentials');
      assert.equal(emulator.requests.count(), 0, JSON.stringify(emulator.requests.entries));
      assert.deepEqual(
        session.logs.filter((m) => /AWS/.test(m)),
        [],
        'nothing logged',
      );
    } finally {
      assert.equal(await session.close(), 0);
      home.restore();
      await emulator.close();
    }
  });
});
