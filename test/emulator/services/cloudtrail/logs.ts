/**
 * Reads a folder of CloudTrail log files, as a trail delivers them to S3
 * (`AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/*.json.gz`) or flat: every `.json` and
 * `.json.gz` file below it, in path order. A file that is not a log (`{"Records": [...]}`) is
 * skipped with one warning, so one bad download does not stop the emulator.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ValidationError } from '../../validate';
import { parseRecord, type TrailRecord } from './records';

/** The records of every log file below `folder`; `warn` gets one line per skipped file. */
export function readLogFolder(folder: string, warn: (line: string) => void): TrailRecord[] {
  return logFiles(folder).flatMap((file) => readLogFile(join(folder, file), warn));
}

/** Log files below `folder`, relative and sorted. Digest files (`CloudTrail-Digest/`) hold no events. */
function logFiles(folder: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(folder, { recursive: true, encoding: 'utf8' });
  } catch (e) {
    throw new ValidationError(`${folder}: cannot read the CloudTrail log folder (${(e as Error).message})`);
  }
  return entries.filter((f) => /\.json(\.gz)?$/.test(f) && !f.split(sep).includes('CloudTrail-Digest')).sort();
}

function readLogFile(file: string, warn: (line: string) => void): TrailRecord[] {
  let records: unknown;
  let size = 0;
  try {
    const bytes = readFileSync(file);
    size = bytes.length;
    const text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    records = (JSON.parse(text) as { Records?: unknown } | null)?.Records;
  } catch (e) {
    warn(`CloudTrail logs: skipped ${file}: ${(e as Error).message}`);
    return [];
  }
  if (!Array.isArray(records)) {
    warn(`CloudTrail logs: skipped ${file}: not a CloudTrail log ({"Records": [...]})`);
    return [];
  }
  // Each record stands for an equal share of the file's bytes, so a file's records add up to its size.
  const share = size / Math.max(records.length, 1);
  return checkedRecords(records, file, warn).map((record) => ({ ...record, bytes: share }));
}

/** The file's valid records; the invalid ones are counted in one warning naming the first problem. */
function checkedRecords(records: readonly unknown[], file: string, warn: (line: string) => void): TrailRecord[] {
  const out: TrailRecord[] = [];
  const problems: string[] = [];
  records.forEach((value, i) => {
    try {
      out.push(parseRecord(value, `Records[${i}]`));
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      problems.push(e.message);
    }
  });
  if (problems.length > 0)
    warn(`CloudTrail logs: skipped ${problems.length} of ${records.length} records in ${file}: ${problems[0]}`);
  return out;
}
