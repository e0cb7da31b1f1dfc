/** What "Write the Athena table…" reads from the person: the trail's S3 location, checked. Pure. */
import type { AthenaTableRequest } from '../shared/protocol';

/** `s3://bucket/prefix/` or `bucket/prefix` → the bucket and the prefix without slashes at either end. */
export function parseTrailLocation(text: string): { bucket: string; prefix?: string } | { error: string } {
  const match = /^(?:s3:\/\/)?([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(text.trim());
  if (!match) return { error: 'An S3 location: s3://bucket or s3://bucket/prefix (bucket names are lower case)' };
  const prefix = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (prefix.includes('AWSLogs'))
    return { error: 'The location above AWSLogs/: the table adds AWSLogs/<account>/CloudTrail/ itself' };
  return { bucket: match[1]!, ...(prefix !== '' && { prefix }) };
}

/** An argument that holds every answer (the command run by a test or another extension). */
export function isAthenaTableArgument(arg: unknown): arg is AthenaTableRequest.Params {
  const a = arg as Partial<Record<keyof AthenaTableRequest.Params, unknown>> | undefined;
  const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');
  return (
    typeof a === 'object' &&
    a !== null &&
    typeof a.bucket === 'string' &&
    strings(a.accounts) &&
    strings(a.regions) &&
    typeof a.startDate === 'string' &&
    typeof a.database === 'string' &&
    typeof a.table === 'string' &&
    (a.prefix === undefined || typeof a.prefix === 'string') &&
    (a.organizationId === undefined || typeof a.organizationId === 'string')
  );
}
