/**
 * The layout of `dist/catalog.json`, written by `scripts/build-catalog.mjs`. Few, large strings
 * rather than many small values keep `JSON.parse` fast and the heap small: each service's action
 * columns are single strings, split when the service is first used, and `Action` objects are made
 * only when someone asks for them.
 */

/** Bump together with FORMAT_VERSION in scripts/build-catalog.mjs whenever the layout changes. */
export const FORMAT_VERSION = 1;

export interface CatalogFile {
  readonly formatVersion: number;
  /** ISO date (YYYY-MM-DD) of the source data. */
  readonly dataDate: string;
  readonly sourcePackage: string;
  readonly sourceVersion: string;
  readonly sourceLicense?: string;
  /** The access levels; `ServiceRow[SERVICE.levels]` holds one index digit per action. */
  readonly accessLevels: readonly string[];
  readonly conditionKeyTypes: readonly string[];
  /** A stored description that starts with a TAB starts with this text instead. */
  readonly descriptionLeadIn: string;
  readonly conditionKeys: ConditionKeyColumns;
  /** Indices into `conditionKeys` of the global keys. */
  readonly globalConditionKeys: readonly number[];
  /** Sorted by prefix. */
  readonly services: readonly ServiceRow[];
}

/** Every distinct condition key once, sorted case-insensitively by name; actions refer to them by index. */
interface ConditionKeyColumns {
  readonly names: readonly string[];
  /** Index into `conditionKeyTypes`. */
  readonly types: readonly number[];
  readonly descriptions: readonly string[];
  /** -1 for global (`aws`) keys, otherwise the index of the service that documents the key. */
  readonly owners: readonly number[];
}

/** `[name, arnFormat, conditionKeyIndices]`. */
export type ResourceTypeRow = readonly [string, string, readonly number[]];

/**
 * One service. The action columns are parallel, sorted case-insensitively by action name: names and
 * descriptions joined by LF, refs (decoded by `refs.ts`) joined by a space, and one access-level digit
 * per action.
 */
export type ServiceRow = readonly [
  prefix: string,
  name: string,
  docsUrl: string,
  actionNames: string,
  levels: string,
  descriptions: string,
  refs: string,
  resourceTypes: readonly ResourceTypeRow[],
  conditionKeys: readonly number[],
];

/** Positions within a ServiceRow. */
export const SERVICE = {
  prefix: 0,
  name: 1,
  docsUrl: 2,
  actionNames: 3,
  levels: 4,
  descriptions: 5,
  refs: 6,
  resourceTypes: 7,
  conditionKeys: 8,
} as const;

/** Separators of the joined columns. */
export const NAME_SEPARATOR = '\n';
export const DESCRIPTION_SEPARATOR = '\n';
export const REFS_SEPARATOR = ' ';
/** Marks a description stored without the lead-in. */
export const LEAD_IN_MARK = '\t';
