import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { type Emulator, startEmulator } from '../../emulator/server';
import { fixtureCredentials, signRequest, type SignSpec, stsClient } from './helpers';
import { INVICTUS } from './invictus';

const { user, example } = fixtureCredentials();
const BODY = 'Action=GetCallerIdentity&Version=2011-06-15';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Sends a request signed by the tests' own signer, as raw HTTP. */
async function send(
  emulator: Emulator,
  spec: Partial<SignSpec> = {},
  sign = true,
): Promise<{ status: number; type: string | null; requestId: string | null; body: string }> {
  const host = new URL(emulator.url).host;
  const req = signRequest({
    host,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: BODY,
    accessKeyId: user.accessKeyId,
    secretAccessKey: user.secretAccessKey,
    date: new Date(),
    ...spec,
  });
  const { host: _host, ...headers } = req.headers;
  if (!sign) delete headers['authorization'];
  const res = await fetch(emulator.url + req.rawUrl, {
    method: req.method,
    headers,
    ...(req.method === 'POST' && { body: req.body }),
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    requestId: res.headers.get('x-amzn-requestid'),
    body: await res.text(),
  };
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('awsQuery on the wire', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());

  it('answers GetCallerIdentity with exactly the document AWS sends', async () => {
    const res = await send(emulator);
    assert.equal(res.status, 200);
    assert.equal(res.type, 'text/xml');
    assert.match(res.requestId ?? '', new RegExp(`^${UUID}$`));
    assert.equal(
      res.body,
      '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n' +
        '  <GetCallerIdentityResult>\n' +
        '    <UserId>AIDAEMULATORALICE0001</UserId>\n' +
        '    <Account>111122223333</Account>\n' +
        '    <Arn>arn:aws:iam::111122223333:user/dev-alice</Arn>\n' +
        '  </GetCallerIdentityResult>\n' +
        '  <ResponseMetadata>\n' +
        `    <RequestId>${res.requestId}</RequestId>\n` +
        '  </ResponseMetadata>\n' +
        '</GetCallerIdentityResponse>\n',
    );
  });

  it('answers an unknown action with InvalidAction in an ErrorResponse', async () => {
    const res = await send(emulator, { body: 'Action=GetCallerIdentityX&Version=2011-06-15' });
    assert.equal(res.status, 400);
    assert.equal(
      res.body,
      '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n' +
        '  <Error>\n' +
        '    <Type>Sender</Type>\n' +
        '    <Code>InvalidAction</Code>\n' +
        '    <Message>Could not find operation GetCallerIdentityX for version 2011-06-15</Message>\n' +
        '  </Error>\n' +
        `  <RequestId>${res.requestId}</RequestId>\n` +
        '</ErrorResponse>\n',
    );
  });

  it('accepts the GET form with parameters in the query string', async () => {
    const res = await send(emulator, { method: 'GET', query: BODY, body: '', headers: {} });
    assert.equal(res.status, 200, res.body);
    assert.match(res.body, /<Arn>arn:aws:iam::111122223333:user\/dev-alice<\/Arn>/);
  });

  it('answers an unsigned request with MissingAuthenticationToken', async () => {
    const res = await send(emulator, {}, false);
    assert.equal(res.status, 403);
    assert.match(res.body, /<Code>MissingAuthenticationToken<\/Code>/);
  });

  it('says so when an awsQuery API version is not emulated', async () => {
    const res = await send(emulator, { body: 'Action=ListIdentities&Version=2010-12-01', service: 'ses' });
    assert.equal(res.status, 400);
    assert.match(
      res.body,
      /<Code>InvalidAction<\/Code>\n {4}<Message>The CloudWarden emulator does not emulate Action=ListIdentities for Version=2010-12-01\.<\/Message>/,
    );
  });

  it('says so when an operation of an emulated awsQuery service is not emulated', async () => {
    const res = await send(emulator, { body: 'Action=ListRoles&Version=2010-05-08', service: 'iam' });
    assert.equal(res.status, 400);
    assert.match(
      res.body,
      /<Code>InvalidAction<\/Code>\n {4}<Message>Could not find operation ListRoles for version 2010-05-08<\/Message>/,
    );
  });

  it('answers 501 to a request no protocol serves', async () => {
    const res = await fetch(`${emulator.url}/some/rest/path`, { method: 'PUT', body: '{}' });
    assert.equal(res.status, 501);
    assert.match(
      ((await res.json()) as { message: string }).message,
      /speaks no protocol that serves PUT \/some\/rest\/path/,
    );
  });

  it('refuses an oversized body with 413', async () => {
    const res = await fetch(emulator.url, {
      method: 'POST',
      body: Buffer.alloc(16 * 1024 * 1024 + 1, 0x61),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(res.status, 413);
  });

  it('escapes XML in messages', async () => {
    const res = await send(emulator, { body: 'Action=A%3Cb%3E&Version=2011-06-15' });
    assert.match(res.body, /<Message>Could not find operation A&lt;b&gt; for version 2011-06-15<\/Message>/);
  });
});

describe('emulator lifecycle', () => {
  it('listens on 127.0.0.1 only', async () => {
    const emulator = await startEmulator();
    try {
      assert.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(emulator.url, `http://127.0.0.1:${emulator.port}`);
      assert.ok(await canConnect('127.0.0.1', emulator.port));
      const external = Object.values(networkInterfaces())
        .flat()
        .find((a) => a && a.family === 'IPv4' && !a.internal);
      if (external)
        assert.equal(await canConnect(external.address, emulator.port), false, `reachable on ${external.address}`);
      assert.equal(await canConnect('::1', emulator.port), false, 'reachable on ::1');
    } finally {
      await emulator.close();
    }
    await assert.rejects(startEmulator({ host: '0.0.0.0' as '127.0.0.1' }), /listens on 127\.0\.0\.1 only/);
  });

  it('frees its port on close(), even with SDK connections kept alive', async () => {
    const emulator = await startEmulator();
    const client = stsClient(emulator, user);
    await client.send(new GetCallerIdentityCommand({}));
    await emulator.close();
    await emulator.close(); // a second close is harmless
    assert.equal(await canConnect('127.0.0.1', emulator.port), false);
    const squatter = createServer();
    squatter.listen(emulator.port, '127.0.0.1');
    await once(squatter, 'listening');
    squatter.close();
    client.destroy();
  });

  it('starts on a requested port and refuses a port in use', async () => {
    const first = await startEmulator();
    try {
      await assert.rejects(startEmulator({ port: first.port }), /EADDRINUSE/);
    } finally {
      await first.close();
    }
    const again = await startEmulator({ port: first.port });
    assert.equal(again.port, first.port);
    await again.close();
  });

  it('rejects a bad seed with the field named', async () => {
    await assert.rejects(
      startEmulator({ seed: { accounts: [{ id: '1234' }], credentials: [] } }),
      /^ValidationError: seed\.accounts\[0\]\.id: expected a 12-digit account id/,
    );
  });
});

describe('command line', () => {
  const main = join(__dirname, '..', '..', 'emulator', 'main.js');

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`prints one line with the URL, serves, and stops on ${signal}`, async () => {
      const child = spawn(process.execPath, [main, '--port', '0', '--seed', 'test/fixtures/emulator/seed.json'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const lines = createInterface({ input: child.stdout });
        const [line] = (await once(lines, 'line')) as [string];
        const match = /^CloudWarden AWS emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
        assert.ok(match, line);
        const health = await fetch(`${match[1]}/__emulator/health`);
        assert.equal(health.status, 200);
        child.kill(signal);
        const [code] = (await once(child, 'exit')) as [number | null];
        assert.equal(code, 0);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    });
  }

  /** Runs the emulator with `args`, calls `use` with its URL, stops it; returns everything it printed. */
  async function runCli(
    args: string[],
    use: (url: string) => Promise<void>,
  ): Promise<{ stdout: string; stderr: string; code: number | null }> {
    const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      const match = /^CloudWarden AWS emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
      assert.ok(match, line);
      await use(match[1]!);
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      return { stdout, stderr, code };
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }

  /** How many events LookupEvents returns on one page at `url`, signed with AWS's example key. */
  async function firstPage(url: string): Promise<number> {
    const client = new CloudTrailClient({ endpoint: url, region: 'us-east-1', credentials: example, maxAttempts: 1 });
    const out = await client.send(new LookupEventsCommand({}));
    client.destroy();
    return out.Events?.length ?? 0;
  }

  it('serves the events of --cloudtrail-logs and still prints exactly one line', async () => {
    let events = 0;
    const run = await runCli(['--cloudtrail-logs', INVICTUS, '--quiet'], async (url) => {
      events = await firstPage(url);
    });
    assert.equal(events, 50);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /^CloudWarden AWS emulator listening on http:\/\/127\.0\.0\.1:\d+\n$/);
    assert.equal(run.stderr, '');
  });

  it('skips a corrupt log file with one line on stderr, and starts', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cloudwarden-cli-'));
    try {
      const good = readdirSync(INVICTUS).find((f) => f.endsWith('.json.gz'))!;
      copyFileSync(join(INVICTUS, good), join(folder, good));
      writeFileSync(join(folder, 'corrupt.json.gz'), 'truncated');
      let events = 0;
      const run = await runCli(['--cloudtrail-logs', folder, '--quiet'], async (url) => {
        events = await firstPage(url);
      });
      assert.ok(events > 0);
      assert.equal(run.stdout.split('\n').length, 2, run.stdout);
      assert.match(run.stderr, /^CloudTrail logs: skipped \S+corrupt\.json\.gz: incorrect header check\n$/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('exits non-zero with the reason on a bad seed', async () => {
    const child = spawn(process.execPath, [main, '--seed', 'no/such/seed.json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 2);
    assert.match(stderr, /failed to start: no\/such\/seed\.json: cannot read the seed file/);
  });
});
