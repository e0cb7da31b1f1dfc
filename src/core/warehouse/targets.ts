/**
 * Where the SQL runs: an Athena table over a trail's bucket, or a CloudTrail Lake event data store.
 */

/** The partition columns a CloudTrail table projects, by the names the user's DDL gave them. */
export interface PartitionColumns {
  /** The day, 'yyyy/MM/dd' (AWS's documented projection): always present. */
  readonly timestamp: string;
  /** The Region partition, when the table projects one (an organisation or multi-Region table). */
  readonly region?: string;
  /** The account partition, when the table projects one (an organisation trail's table). */
  readonly account?: string;
}

/** An Athena table with AWS's documented CloudTrail columns. */
export interface AthenaTable {
  readonly engine: 'athena';
  readonly database: string;
  readonly table: string;
  readonly partitions: PartitionColumns;
}

/** A CloudTrail Lake event data store, by its id or its ARN (the SQL names it by the id, the ARN's last part). */
export interface LakeStore {
  readonly engine: 'lake';
  readonly eventDataStore: string;
}

export type Warehouse = AthenaTable | LakeStore;

/** AWS's documented defaults: one day partition named `timestamp`. */
export const DEFAULT_PARTITIONS: PartitionColumns = { timestamp: 'timestamp' };

/** Which Regions and accounts a query covers; absent or empty: every one the table holds. */
export interface WarehouseScope {
  readonly regions?: readonly string[];
  readonly accounts?: readonly string[];
}
