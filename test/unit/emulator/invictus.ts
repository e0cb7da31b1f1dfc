/**
 * The Invictus CloudTrail dataset as the tests read it, independently of the emulator's reader:
 * the raw records that the expectations of the CloudTrail tests are computed from.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The dataset's folder, relative to the project root (the tests' working directory). */
export const INVICTUS = join('test', 'fixtures', 'cloudtrail', 'invictus');

/** A raw record, with the members the tests look at. */
export interface RawRecord {
  readonly eventID: string;
  readonly eventTime: string;
  readonly eventName: string;
  readonly eventSource: string;
  readonly readOnly?: boolean;
  readonly userIdentity?: {
    readonly type?: string;
    readonly arn?: string;
    readonly userName?: string;
    readonly accessKeyId?: string;
    readonly invokedBy?: string;
  };
  readonly requestParameters?: Record<string, unknown> | null;
  readonly resources?: readonly { readonly ARN?: string; readonly type?: string }[];
  readonly [member: string]: unknown;
}

/** Every record of the dataset, file by file in name order. */
export function invictusRecords(): RawRecord[] {
  return readdirSync(INVICTUS)
    .filter((f) => f.endsWith('.json.gz'))
    .sort()
    .flatMap(
      (f) => (JSON.parse(gunzipSync(readFileSync(join(INVICTUS, f))).toString()) as { Records: RawRecord[] }).Records,
    );
}
