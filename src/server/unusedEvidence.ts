import { analyzerEvidence, lastAccessedEvidence } from '../aws';
import type { Evidence, MissingEvidence } from '../core';
import type { AwsConnection, AwsService } from './awsService';
import type { AwsEvidence } from './unusedService';

/**
 * IAM last-accessed data and Access Analyzer's unused-access findings about a principal, asked together
 * through the gateway of the current settings (in the first Region they name, else the profile's: IAM is
 * global, the analyzer is per Region). Undefined when AWS is not configured: the log files are then the
 * only evidence, and nothing is said about AWS. One source failing (access denied, no analyzer) is a
 * missing piece with its sentence; the other still counts.
 */
export async function awsUsageEvidence(aws: AwsService, principal: string): Promise<AwsEvidence | undefined> {
  const configuration = await aws.configuration();
  if (!configuration.configured) return undefined;
  const { gateway, regions } = await aws.connect(configuration);
  const region = regions[0];
  const options = region === undefined ? {} : { region };
  const answers = await Promise.all([
    lastAccessedEvidence(gateway, principal, options),
    analyzerEvidence(gateway, principal, options),
  ]);
  const evidence: Evidence[] = [];
  const missing: MissingEvidence[] = [];
  for (const answer of answers) {
    if (answer.evidence) evidence.push(answer.evidence);
    if (answer.missing) missing.push(answer.missing);
  }
  return { evidence, missing };
}

/** The gateway and Regions of the current settings, or undefined when AWS is not configured (nothing is asked). */
export async function awsConnection(aws: AwsService): Promise<AwsConnection | undefined> {
  const configuration = await aws.configuration();
  return configuration.configured ? aws.connect(configuration) : undefined;
}
