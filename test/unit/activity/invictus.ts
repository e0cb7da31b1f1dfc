import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { repoRoot } from '../helpers/paths';

/** The Invictus dataset: 55 real CloudTrail log files (test/fixtures/cloudtrail/invictus, MIT). */
const DIR = path.join(repoRoot, 'test', 'fixtures', 'cloudtrail', 'invictus');

/** Every log file's name and its records, read once. */
export const invictusFiles: readonly { file: string; records: readonly Record<string, unknown>[] }[] = readdirSync(DIR)
  .filter((file) => file.endsWith('.json.gz'))
  .sort()
  .map((file) => {
    const log = JSON.parse(gunzipSync(readFileSync(path.join(DIR, file))).toString('utf8')) as {
      Records: Record<string, unknown>[];
    };
    return { file, records: log.Records };
  });

/** The dataset's record with this eventID. */
export function invictusRecord(eventId: string): Record<string, unknown> {
  for (const { records } of invictusFiles) {
    const record = records.find((r) => r.eventID === eventId);
    if (record !== undefined) return record;
  }
  throw new Error(`no record ${eventId} in the Invictus dataset`);
}
