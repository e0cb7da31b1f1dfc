/**
 * The question a reference asks of CloudTrail, and the key its answer is kept under. A hover, a CodeLens
 * and the commands all ask the same question of a reference, so they share one answer and one scan.
 */
import type { ActivityQuery } from '../activity/query';
import { cacheKey } from '../aws/cache';
import type { ResourceReference } from '../refs/types';

const MINUTE = 60_000;
export const DAY = 86_400_000;
/** LookupEvents keeps 90 days: the window a reference's activity is read in. */
const GLANCE_DAYS = 90;
/** Pages of 50 a hover or CodeLens reads per Region: 200 events, 2 seconds at CloudTrail's pace. */
export const GLANCE_MAX_PAGES = 4;

/** What CloudTrail is asked about a reference: its events as a resource, or a user's own calls. */
export function referenceLookupQuery(reference: ResourceReference): { resource?: string; principal?: string } {
  // A user's ARN makes LookupEvents look it up by user name; a bare name is matched after reading.
  if (reference.lookup.attribute === 'Username') return { principal: reference.arn ?? reference.lookup.value };
  return { resource: reference.lookup.value };
}

/** The reference's question over the last 90 days. */
export function referenceQuery(reference: ResourceReference, now: number): ActivityQuery {
  return { ...referenceLookupQuery(reference), since: now - GLANCE_DAYS * DAY };
}

/** One resource however often a file names it (a name and its ARN are looked up apart, as CloudTrail would). */
export function referenceKey(reference: ResourceReference): string {
  return `${reference.lookup.attribute}:${reference.lookup.value}`;
}

/** How the resource is called in titles: its name (or what is written), and its type when known. */
function referenceTitle(reference: ResourceReference): string {
  const name = reference.name ?? reference.text;
  return reference.resourceType ? `${name} (${reference.resourceType})` : name;
}

/** The argument of the `cloudwarden.showActivity` and `cloudwarden.investigate` commands. */
export function showActivityArgument(
  reference: ResourceReference,
  query: ActivityQuery,
): { query: ActivityQuery; title: string } {
  return { query, title: referenceTitle(reference) };
}

/**
 * The argument of `cloudwarden.revealInExplorer` for a reference: the security explorer's tab that lists
 * it (KMS keys, secrets) or, for anything else (a role, a bucket a finding may name), the findings tab
 * filtered by its name; and the names it goes by there.
 */
export interface ExplorerReveal {
  readonly tab: 'keys' | 'secrets' | 'findings';
  readonly names: readonly string[];
}

export function explorerReveal(reference: ResourceReference): ExplorerReveal {
  const names = [...new Set([reference.arn, reference.name, reference.text])].filter(
    (n): n is string => n !== undefined && n !== '',
  );
  const tab = reference.service === 'kms' ? 'keys' : reference.service === 'secretsmanager' ? 'secrets' : 'findings';
  return { tab, names };
}

/** A query as asked: by whom (profile or credential, and endpoint), in which Regions, how many pages. */
export interface ActivityAsk {
  readonly query: ActivityQuery;
  /** Empty: the default Region. */
  readonly regions: readonly string[];
  readonly maxPages: number;
  /** AwsConfiguration's `scope`. */
  readonly scope: string;
}

/**
 * The cache and coalescing key of an ask. A window that runs until now is keyed by its length (to the
 * minute), not its start: "the last 90 days" asked a minute later is the same question, and its cached
 * answer serves it. Regions are a set.
 */
export function activityCacheKey(ask: ActivityAsk, now: number): string {
  const { since, until, ...rest } = ask.query;
  const window = until === undefined ? { lastMinutes: Math.round((now - since) / MINUTE) } : { since, until };
  return cacheKey({
    service: 'cloudtrail',
    operation: 'activity',
    region: [...new Set(ask.regions)].sort().join(','),
    account: ask.scope,
    params: { ...rest, ...window, maxPages: ask.maxPages },
  });
}
