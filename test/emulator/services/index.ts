/**
 * The one table of emulated services. A new service is a module beside this one, added here;
 * the router finds it through its protocol (see `protocols/index.ts`). A service that builds
 * state from the seed when the emulator starts (CloudTrail's event history) adds it to
 * {@link ServiceData}; handlers find it in their context.
 */
import { cloudtrail } from './cloudtrail';
import { buildHistory, type CloudTrailHistory, type HistorySources } from './cloudtrail/history';
import { sts } from './sts';
import type { ServiceDefinition } from './types';

/** Every emulated service. */
export const SERVICES: readonly ServiceDefinition[] = [sts, cloudtrail];

/** What the services built at start, by service id. */
export interface ServiceData {
  readonly cloudtrail: CloudTrailHistory;
}

/** Builds every service's state; throws a `ValidationError` naming the field when the seed's section is wrong. */
export function startServices(sources: HistorySources): ServiceData {
  return { cloudtrail: buildHistory(sources) };
}
