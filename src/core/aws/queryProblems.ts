/**
 * What Athena and CloudTrail Lake refuse when a query starts, in one sentence each: no output location,
 * an unknown workgroup or event data store, a statement Lake rejects. (A query that starts and then
 * FAILED is explained by warehouse/failures.ts.)
 */
/** The problem kinds of query services, part of AwsProblemKind. */
export type QueryProblemKind = 'noSuchTable' | 'queryFailed' | 'noOutputLocation' | 'workgroupNotFound';

interface Classified {
  readonly kind: QueryProblemKind;
  readonly sentence: string;
}

interface CallPlace {
  readonly operation: string;
  readonly region?: string;
}

/** An SDK error of a query service that problems.ts would otherwise call a CloudWarden bug. */
export function queryRefusal(name: string, message: string, context: CallPlace): Classified | undefined {
  if (name === 'InvalidRequestException' && /output location/i.test(message))
    return {
      kind: 'noOutputLocation',
      sentence: `Athena has nowhere to write the results of ${context.operation}: set the workgroup's query result location, or give an output location (an s3:// folder) in the Athena settings.`,
    };
  const workgroup = /WorkGroup (\S+) is not found/i.exec(message);
  if (name === 'InvalidRequestException' && workgroup)
    return {
      kind: 'workgroupNotFound',
      sentence: `Athena has no workgroup ${workgroup[1]}${where(context)}: check the workgroup's name and Region in the Athena settings.`,
    };
  if (name === 'EventDataStoreNotFoundException' || name === 'InactiveEventDataStoreException')
    return {
      kind: 'noSuchTable',
      sentence: `CloudTrail Lake has no active event data store by that id${where(context)}: check the event data store ARN in the settings.`,
    };
  if (name === 'InvalidQueryStatementException')
    return { kind: 'queryFailed', sentence: `CloudTrail Lake refused the query: ${firstLine(message)}.` };
  return undefined;
}

function where(context: CallPlace): string {
  return context.region === undefined ? '' : ` in ${context.region}`;
}

export function firstLine(text: string): string {
  return (text.split('\n')[0] ?? '').replace(/[.\s]+$/, '');
}
