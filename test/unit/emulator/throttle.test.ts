import { LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SeedInput } from '../../emulator/seed';
import { startEmulator } from '../../emulator/server';
import { RateLimiter, TokenBucket } from '../../emulator/throttle';
import { cloudTrailClient, expectAwsError, fixtureCredentials } from './helpers';

const { user, session } = fixtureCredentials();
const LOOKUP = { perSecond: 2, burst: 2 };

/** Which of the calls at these clock readings (ms) a fresh bucket lets through. */
function admitted(times: readonly number[]): boolean[] {
  const bucket = new TokenBucket(LOOKUP, times[0] ?? 0);
  return times.map((t) => bucket.take(t));
}

describe('token bucket, on a stepped clock', () => {
  const cases: [string, number[], boolean[]][] = [
    ['two at once pass, the third waits', [0, 0, 0], [true, true, false]],
    ['one token back every 500 ms', [0, 0, 0, 499, 500, 500], [true, true, false, false, true, false]],
    ['a caller paced at 2 a second never waits', [0, 500, 1000, 1500, 2000, 2500, 3000, 3500], Array(8).fill(true)],
    ['a quiet spell refills only up to the burst', [0, 0, 10_000, 10_000, 10_000], [true, true, true, true, false]],
    // A throttled call takes no token: the caller who retries after 500 ms gets through.
    ['refused calls cost nothing', [0, 0, 100, 200, 300, 500], [true, true, false, false, false, true]],
    ['a clock stepping back mints no tokens', [1000, 1000, 0, 1000, 1500], [true, true, false, false, true]],
  ];
  for (const [what, times, expected] of cases) {
    it(what, () => assert.deepEqual(admitted(times), expected));
  }

  it('keeps one bucket per key', () => {
    const limiter = new RateLimiter(() => 0);
    const take = (key: string): boolean => limiter.take(key, LOOKUP);
    assert.deepEqual(
      ['a', 'a', 'a', 'b', 'b', 'b'].map((k) => take(k)),
      [true, true, false, true, true, false],
    );
  });
});

describe('LookupEvents throttling through the real SDK', () => {
  /** Starts an emulator whose rate limits read `clock`, runs `body`, and closes it. */
  async function withEmulator(
    options: { clock?: () => number; seed?: SeedInput; throttling?: boolean },
    body: (emulator: Awaited<ReturnType<typeof startEmulator>>) => Promise<void>,
  ): Promise<void> {
    const emulator = await startEmulator({
      ...(options.clock && { throttleClock: options.clock }),
      ...(options.seed && { seed: options.seed }),
      ...(options.throttling !== undefined && { throttling: options.throttling }),
    });
    try {
      await body(emulator);
    } finally {
      await emulator.close();
    }
  }

  it('answers 2 of 10 simultaneous calls and throttles the rest with ThrottlingException', async () => {
    // The clock stands still, so how fast the machine sends the ten calls does not matter.
    await withEmulator({ clock: () => 0 }, async (emulator) => {
      const client = cloudTrailClient(emulator, user, { maxAttempts: 1 });
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () => client.send(new LookupEventsCommand({}))),
      );
      const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
      assert.equal(results.length - failures.length, 2);
      assert.equal(failures.length, 8);
      for (const error of failures) {
        assert.equal(error.name, 'ThrottlingException');
        assert.equal(error.message, 'Rate exceeded');
        assert.equal((error as Error & { $metadata: { httpStatusCode?: number } }).$metadata.httpStatusCode, 400);
      }
      assert.equal(emulator.requests.entries.filter((e) => e.errorCode === 'ThrottlingException').length, 8);
      // Another region has its own limit, as in AWS.
      const west = cloudTrailClient(emulator, user, { region: 'us-west-2', maxAttempts: 1 });
      await west.send(new LookupEventsCommand({}));
      west.destroy();
      client.destroy();
    });
  });

  it('never throttles a caller paced at 2 calls a second', async () => {
    let now = 0;
    await withEmulator({ clock: () => now }, async (emulator) => {
      const client = cloudTrailClient(emulator, user, { maxAttempts: 1 });
      for (let i = 0; i < 12; i++) {
        await client.send(new LookupEventsCommand({}));
        now += 500;
      }
      client.destroy();
      assert.equal(emulator.requests.count('cloudtrail', 'LookupEvents'), 12);
      assert.ok(emulator.requests.entries.every((e) => e.status === 200));
    });
  });

  it('counts per account: every credential of one account shares its bucket, another account has its own', async () => {
    const other = {
      ...user,
      accessKeyId: 'AKIAEMULATOROTHER001',
      arn: 'arn:aws:iam::444455556666:user/bob',
      account: '444455556666',
    };
    const seed: SeedInput = {
      accounts: [{ id: '111122223333' }, { id: '444455556666' }],
      credentials: [user, session, other],
    };
    await withEmulator({ clock: () => 0, seed }, async (emulator) => {
      const [alice, aliceSession, bob] = [user, session, other].map((c) =>
        cloudTrailClient(emulator, c, { maxAttempts: 1 }),
      );
      await alice!.send(new LookupEventsCommand({}));
      await aliceSession!.send(new LookupEventsCommand({}));
      await expectAwsError(alice!.send(new LookupEventsCommand({})), 'ThrottlingException', 400);
      await bob!.send(new LookupEventsCommand({}));
      for (const c of [alice, aliceSession, bob]) c!.destroy();
    });
  });

  it('makes the SDK retry with its default settings, and lets the retry through once a token is back', async () => {
    let reads = 0;
    // The three calls arrive at time 0; any later call (the retry) arrives when the bucket is full again.
    await withEmulator({ clock: () => (reads++ < 3 ? 0 : 10_000) }, async (emulator) => {
      const client = cloudTrailClient(emulator, user);
      const results = await Promise.all([1, 2, 3].map(() => client.send(new LookupEventsCommand({}))));
      client.destroy();
      assert.deepEqual(results.map((r) => r.$metadata.attempts).sort(), [1, 1, 2]);
      assert.deepEqual(emulator.requests.entries.map((e) => String(e.errorCode ?? e.status)).sort(), [
        '200',
        '200',
        '200',
        'ThrottlingException',
      ]);
    });
  });

  const off: [string, { throttling?: boolean; seed?: SeedInput }][] = [
    ['the option', { throttling: false }],
    ['the seed', { seed: { accounts: [{ id: '111122223333' }], credentials: [user], throttling: false } }],
  ];
  for (const [what, options] of off) {
    it(`can be turned off by ${what}`, async () => {
      await withEmulator({ clock: () => 0, ...options }, async (emulator) => {
        const client = cloudTrailClient(emulator, user, { maxAttempts: 1 });
        await Promise.all(Array.from({ length: 10 }, () => client.send(new LookupEventsCommand({}))));
        client.destroy();
      });
    });
  }
});
