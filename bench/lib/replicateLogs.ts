import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

const SOURCE_ACCOUNT = '123837392027';
const SOURCE_REGION = 'us-east-1';
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'sa-east-1'];
const ACCOUNTS = Array.from({ length: 8 }, (_, i) => `1111222233${String(i).padStart(2, '0')}`);
/** Each replica's records are written as this many files (delivery windows), as CloudTrail would. */
const FILES_PER_REPLICA = 6;
const DAY_MS = 86_400_000;

/**
 * The Invictus dataset replicated to at least `events` events as CloudTrail delivers them to S3
 * (`AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz`): each replica in another account,
 * Region and day, its eventIDs and times shifted so no two events are alike. Written once into
 * `dir` (a marker file says it is complete); returns the number of files and events.
 */
export function replicateInvictus(source: string, dir: string, events: number): { files: number; events: number } {
  const marker = path.join(dir, 'complete.json');
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8')) as { files: number; events: number };
  const records = readdirSync(source)
    .filter((f) => f.endsWith('.json.gz'))
    .sort()
    .flatMap(
      (f) =>
        (
          JSON.parse(gunzipSync(readFileSync(path.join(source, f))).toString('utf8')) as {
            Records: Record<string, unknown>[];
          }
        ).Records,
    )
    .sort((a, b) => String(a.eventTime).localeCompare(String(b.eventTime)));
  const per = Math.ceil(records.length / FILES_PER_REPLICA);
  const templates = Array.from({ length: FILES_PER_REPLICA }, (_, i) =>
    JSON.stringify(records.slice(i * per, (i + 1) * per)),
  );
  const replicas = Math.ceil(events / records.length);
  let files = 0;
  for (let r = 0; r < replicas; r++) {
    const account = ACCOUNTS[r % ACCOUNTS.length]!;
    const region = REGIONS[Math.floor(r / ACCOUNTS.length) % REGIONS.length]!;
    const shift = (r % 120) * DAY_MS + r * 1_000;
    const prefix = r.toString(16).padStart(8, '0');
    templates.forEach((template, i) => {
      const text = template
        .replaceAll(SOURCE_ACCOUNT, account)
        .replaceAll(SOURCE_REGION, region)
        .replace(/"eventID":"[0-9a-f]{8}/g, `"eventID":"${prefix}`)
        .replace(/"eventTime":"([^"]+)"/g, (_, t: string) => `"eventTime":"${shifted(t, shift)}"`);
      const first = shifted(String(JSON.parse(template)[0].eventTime), shift);
      const day = path.join(
        dir,
        'AWSLogs',
        account,
        'CloudTrail',
        region,
        first.slice(0, 4),
        first.slice(5, 7),
        first.slice(8, 10),
      );
      mkdirSync(day, { recursive: true });
      const stamp = first.replace(/[-:]/g, '').slice(0, 13);
      const name = `${account}_CloudTrail_${region}_${stamp}Z_r${r}f${i}.json.gz`;
      writeFileSync(path.join(day, name), gzipSync(`{"Records":${text}}`));
      files++;
    });
  }
  const made = { files, events: replicas * records.length };
  writeFileSync(marker, JSON.stringify(made));
  return made;
}

function shifted(time: string, shift: number): string {
  return new Date(Date.parse(time) + shift).toISOString().replace(/\.000Z$/, 'Z');
}
