/**
 * A query that ran on Athena or CloudTrail Lake and ended FAILED, explained from the engine's reason:
 * a table or database that does not exist, access refused to the data or the result location, or any
 * other failure with the engine's own words.
 */
import type { AwsProblem } from '../aws/problems';
import { firstLine } from '../aws/queryProblems';

/** A query that ran and ended FAILED (Athena) or FAILED/TIMED_OUT (Lake), with the engine's reason. */
export function queryFailure(engine: 'Athena' | 'CloudTrail Lake', reason: string, region?: string): AwsProblem {
  const base = { detail: reason, ...(region !== undefined && { region }) };
  const table = /(TABLE_NOT_FOUND|SCHEMA_NOT_FOUND)[^']*'([^']+)'/.exec(reason);
  if (table)
    return {
      ...base,
      kind: 'noSuchTable',
      sentence: `${engine} has no ${table[1] === 'SCHEMA_NOT_FOUND' ? 'database' : 'table'} ${table[2]}: create it (CloudWarden writes the CREATE EXTERNAL TABLE for a trail\'s bucket), or fix the database and table in the Athena settings.`,
    };
  if (/access ?denied|permission denied|not authorized/i.test(reason))
    return {
      ...base,
      kind: 'accessDenied',
      sentence: `${engine} could not read or write what the query needs (${firstLine(reason)}): the caller needs s3:GetObject and s3:ListBucket on the trail's bucket, s3:PutObject on the result location, and glue:GetTable.`,
    };
  return { ...base, kind: 'queryFailed', sentence: `The ${engine} query failed: ${firstLine(reason)}.` };
}
