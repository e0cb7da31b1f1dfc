/**
 * The one table of emulated services. A new service is a module beside this one, added here;
 * the router finds it through its protocol (see `protocols/index.ts`).
 */
import { sts } from './sts';
import type { ServiceDefinition } from './types';

/** Every emulated service. */
export const SERVICES: readonly ServiceDefinition[] = [sts];
