import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import * as path from 'node:path';
import { AwsGateway } from '../src/aws';
import { startEmulator } from '../test/emulator/server';
import { repoRoot } from '../test/harness/paths';
import { median } from './lib/measure';

/**
 * A 60-page LookupEvents scan against the emulator, which throttles as AWS does (2 calls a second per
 * account and Region): the gateway (paced, throttling waited out) beside the SDK's own retry modes
 * (`standard`, the default, and `adaptive`, its client-side rate limiter), each paging as fast as it is
 * answered. Target: the gateway completes every scan, in at most 1.1 × 60 / 2 = 33 s.
 *
 * Twice: alone, and sharing the account's quota with another reader (the console, a second tool) that
 * asks once a second, as on a real account.
 *
 * The dataset holds 2,900 events: 49 to a page makes 60 pages.
 */
const PAGE_SIZE = 49;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CREDENTIALS = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

interface Outcome {
  readonly completed: boolean;
  readonly pages: number;
  readonly seconds: number;
  readonly detail?: string;
}

async function main(): Promise<void> {
  const emulator = await startEmulator({
    cloudtrailLogs: path.join(repoRoot, 'test', 'fixtures', 'cloudtrail', 'invictus'),
  });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: emulator.url,
    AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1100)); // a full bucket for each run
  try {
    const contenders: [string, () => Promise<Outcome>][] = [
      ['CloudWarden gateway (paced)', gatewayScan],
      ['SDK, retryMode standard (default)', () => sdkScan(emulator.url, 'standard')],
      ['SDK, retryMode adaptive', () => sdkScan(emulator.url, 'adaptive')],
    ];
    for (const shared of [false, true])
      for (const [name, scan] of contenders) {
        const outcomes: Outcome[] = [];
        for (let i = 0; i < RUNS; i++) {
          await settle();
          const neighbour = shared ? otherReader(emulator.url) : undefined;
          outcomes.push(await scan());
          await neighbour?.stop();
        }
        const done = outcomes.filter((o) => o.completed);
        const pages = outcomes.map((o) => o.pages).join(', ');
        const time = done.length > 0 ? `${median(done.map((o) => o.seconds)).toFixed(2)} s median` : '—';
        const failures = outcomes.filter((o) => !o.completed).map((o) => o.detail);
        const label = `${name}${shared ? ', quota shared with a reader at 1 call/s' : ''}`;
        console.log(`${label}: ${done.length}/${RUNS} scans completed; ${time}; pages reached: ${pages}`);
        if (failures.length > 0) console.log(`  failed with: ${[...new Set(failures)].join('; ')}`);
      }
  } finally {
    await emulator.close();
  }
}

/** Another reader on the same account and Region: one LookupEvents a second, its throttles ignored. */
function otherReader(endpoint: string): { stop(): Promise<void> } {
  const client = new CloudTrailClient({ endpoint, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1 });
  let running = true;
  const loop = (async () => {
    while (running) {
      await client.send(new LookupEventsCommand({ MaxResults: 1 })).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      client.destroy();
    },
  };
}

async function gatewayScan(): Promise<Outcome> {
  const gateway = new AwsGateway();
  const start = performance.now();
  try {
    const result = await gateway.scanLookupEvents({ MaxResults: PAGE_SIZE }, { region: 'us-east-1' });
    const seconds = (performance.now() - start) / 1000;
    if (!result.ok) return { completed: false, pages: 0, seconds, detail: result.problem.kind };
    return { completed: result.value.complete, pages: result.value.pages, seconds };
  } finally {
    gateway.dispose();
  }
}

/** Pages as fast as answers come, as a script using the SDK would; any error ends the scan. */
async function sdkScan(endpoint: string, retryMode: 'standard' | 'adaptive'): Promise<Outcome> {
  const client = new CloudTrailClient({ endpoint, region: 'us-east-1', credentials: CREDENTIALS, retryMode });
  const start = performance.now();
  let pages = 0;
  let token: string | undefined;
  try {
    do {
      const out = await client.send(new LookupEventsCommand({ MaxResults: PAGE_SIZE, NextToken: token }));
      pages += 1;
      token = out.NextToken;
    } while (token);
    return { completed: true, pages, seconds: (performance.now() - start) / 1000 };
  } catch (error) {
    return { completed: false, pages, seconds: (performance.now() - start) / 1000, detail: (error as Error).name };
  } finally {
    client.destroy();
  }
}

void main();
