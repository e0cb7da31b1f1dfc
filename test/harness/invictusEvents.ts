/**
 * The Invictus CloudTrail dataset (test/fixtures/cloudtrail/invictus) read by the event model, file by
 * file: what the tests of the log-file, Athena and Lake sources compute their expectations from, by a
 * plain scan, independently of the readers under test. Unit, integration and e2e tests share it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { normaliseRecord, type ActivityEvent } from '../../src/core';
import { repoRoot } from './paths';

export const INVICTUS_FOLDER = path.join(repoRoot, 'test', 'fixtures', 'cloudtrail', 'invictus');

/** The dataset's log files (names, in order) with their events; every record of them is an event. */
export function invictusFileEvents(): { readonly name: string; readonly events: ActivityEvent[] }[] {
  return readdirSync(INVICTUS_FOLDER)
    .filter((f) => f.endsWith('.json.gz'))
    .sort()
    .map((name) => {
      const { Records } = JSON.parse(gunzipSync(readFileSync(path.join(INVICTUS_FOLDER, name))).toString()) as {
        Records: unknown[];
      };
      const events = Records.map((record) => {
        const read = normaliseRecord(record);
        if (!read.ok) throw new Error(`${name}: a record of the dataset is not an event: ${read.reason}`);
        return read.event;
      });
      return { name, events };
    });
}
