/**
 * The one table of emulated services. A new service is a module beside this one, added here;
 * the router finds it through its protocol (see `protocols/index.ts`). A service that builds
 * state from the seed when the emulator starts (CloudTrail's event history) adds it to
 * {@link ServiceData}; handlers find it in their context.
 */
import { accessAnalyzer } from './accessAnalyzer';
import { RecommendationRuns } from './accessAnalyzer/recommendations';
import { type AnalyzerSeed, readAnalyzerSeed } from './accessAnalyzer/seed';
import { athena } from './athena';
import { cloudformation } from './cloudformation';
import { Stacks } from './cloudformation/stacks';
import { cloudtrail } from './cloudtrail';
import { buildHistory, type CloudTrailHistory, type HistorySources } from './cloudtrail/history';
import { guardduty } from './guardduty';
import { type GuardDutySeed, readGuardDutySeed } from './guardduty/seed';
import { iam } from './iam';
import { LastAccessedJobs } from './iam/lastAccessedJobs';
import { readIamSeed } from './iam/principals';
import { kms } from './kms';
import { type KmsSeed, readKmsSeed } from './kms/seed';
import { secretsManager } from './secretsManager';
import { readSecretsSeed, type SecretsSeed } from './secretsManager/seed';
import { SecretValueCalls } from './secretsManager/valueCalls';
import { securityhub } from './securityhub';
import { readSecurityHubSeed, type SecurityHubSeed } from './securityhub/seed';
import { sts } from './sts';
import type { ServiceDefinition } from './types';
import { WarehouseEngine } from './warehouse/engine';
import { QueryRuns } from './warehouse/runs';

/** Every emulated service. */
export const SERVICES: readonly ServiceDefinition[] = [
  sts,
  cloudtrail,
  athena,
  iam,
  accessAnalyzer,
  cloudformation,
  kms,
  secretsManager,
  guardduty,
  securityhub,
];

/** What the services built at start, by service id. */
export interface ServiceData {
  readonly cloudtrail: CloudTrailHistory;
  /** Athena's and CloudTrail Lake's queries, answered by one SQL engine over the CloudTrail history. */
  readonly warehouse: { readonly athena: QueryRuns; readonly lake: QueryRuns };
  /** IAM's last-accessed reports, over the seed's principals. */
  readonly iam: LastAccessedJobs;
  readonly accessAnalyzer: { readonly seed: AnalyzerSeed; readonly recommendations: RecommendationRuns };
  readonly cloudformation: Stacks;
  readonly kms: KmsSeed;
  /** The secrets' metadata, and every refused attempt to read a value. */
  readonly secretsManager: { readonly seed: SecretsSeed; readonly valueCalls: SecretValueCalls };
  readonly guardduty: GuardDutySeed;
  readonly securityhub: SecurityHubSeed;
}

/** Builds every service's state; throws a `ValidationError` naming the field when the seed's section is wrong. */
export function startServices(sources: HistorySources): ServiceData {
  const cloudtrail = buildHistory(sources);
  const engine = new WarehouseEngine(cloudtrail);
  const { seed, startedAtMs } = sources;
  return {
    cloudtrail,
    warehouse: { athena: new QueryRuns(engine), lake: new QueryRuns(engine) },
    iam: new LastAccessedJobs(readIamSeed(seed, startedAtMs)),
    accessAnalyzer: { seed: readAnalyzerSeed(seed, startedAtMs), recommendations: new RecommendationRuns() },
    cloudformation: Stacks.fromSeed(seed, startedAtMs),
    kms: readKmsSeed(seed, startedAtMs),
    secretsManager: { seed: readSecretsSeed(seed, startedAtMs), valueCalls: new SecretValueCalls() },
    guardduty: readGuardDutySeed(seed, startedAtMs),
    securityhub: readSecurityHubSeed(seed, startedAtMs),
  };
}
