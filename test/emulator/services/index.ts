/**
 * The one table of emulated services. A new service is a module beside this one, added here;
 * the router finds it through its protocol (see `protocols/index.ts`). A service that builds
 * state from the seed when the emulator starts (CloudTrail's event history) adds it to
 * {@link ServiceData}; handlers find it in their context.
 */
import { athena } from './athena';
import { cloudtrail } from './cloudtrail';
import { buildHistory, type CloudTrailHistory, type HistorySources } from './cloudtrail/history';
import { sts } from './sts';
import type { ServiceDefinition } from './types';
import { WarehouseEngine } from './warehouse/engine';
import { QueryRuns } from './warehouse/runs';

/** Every emulated service. */
export const SERVICES: readonly ServiceDefinition[] = [sts, cloudtrail, athena];

/** What the services built at start, by service id. */
export interface ServiceData {
  readonly cloudtrail: CloudTrailHistory;
  /** Athena's and CloudTrail Lake's queries, answered by one SQL engine over the CloudTrail history. */
  readonly warehouse: { readonly athena: QueryRuns; readonly lake: QueryRuns };
}

/** Builds every service's state; throws a `ValidationError` naming the field when the seed's section is wrong. */
export function startServices(sources: HistorySources): ServiceData {
  const cloudtrail = buildHistory(sources);
  const engine = new WarehouseEngine(cloudtrail);
  return { cloudtrail, warehouse: { athena: new QueryRuns(engine), lake: new QueryRuns(engine) } };
}
