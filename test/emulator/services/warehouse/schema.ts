/**
 * The tables the emulator's SQL runs on, with exactly the column names and types of AWS's documented
 * Athena table for CloudTrail (docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table-partition-projection.html)
 * plus the partition columns (`timestamp` 'yyyy/MM/dd', `region`, `account`), and CloudTrail Lake's
 * view of the same events with Lake's names and types (eventTime a TIMESTAMP, requestParameters a map
 * of strings, readOnly a BOOLEAN; docs.aws.amazon.com/awscloudtrail/latest/userguide/query-supported-event-schemas.html).
 */

/** A DuckDB type written as json_transform's structure: "VARCHAR", an object of fields, or a one-element list. */
type Structure = string | { readonly [field: string]: Structure } | readonly [Structure];

const S = 'VARCHAR';

/** The Athena table's columns (AWS's DDL: every scalar a STRING). */
const ATHENA_COLUMNS: Readonly<Record<string, Structure>> = {
  eventversion: S,
  useridentity: {
    type: S,
    principalid: S,
    arn: S,
    accountid: S,
    invokedby: S,
    accesskeyid: S,
    username: S,
    onbehalfof: { userid: S, identitystorearn: S },
    sessioncontext: {
      attributes: { mfaauthenticated: S, creationdate: S },
      sessionissuer: { type: S, principalid: S, arn: S, accountid: S, username: S },
      ec2roledelivery: S,
      webidfederationdata: { federatedprovider: S, attributes: 'MAP(VARCHAR, VARCHAR)' },
    },
  },
  eventtime: S,
  eventsource: S,
  eventname: S,
  awsregion: S,
  sourceipaddress: S,
  useragent: S,
  errorcode: S,
  errormessage: S,
  requestparameters: S,
  responseelements: S,
  additionaleventdata: S,
  requestid: S,
  eventid: S,
  readonly: S,
  resources: [{ arn: S, accountid: S, type: S }],
  eventtype: S,
  apiversion: S,
  recipientaccountid: S,
  serviceeventdetails: S,
  sharedeventid: S,
  vpcendpointid: S,
  vpcendpointaccountid: S,
  eventcategory: S,
  addendum: { reason: S, updatedfields: S, originalrequestid: S, originaleventid: S },
  sessioncredentialfromconsole: S,
  edgedevicedetails: S,
  tlsdetails: { tlsversion: S, ciphersuite: S, clientprovidedhostheader: S },
};

/** Columns that are JSON text in Athena's table (objects in the record). */
export const JSON_TEXT_COLUMNS = new Set([
  'requestparameters',
  'responseelements',
  'additionaleventdata',
  'serviceeventdetails',
  'edgedevicedetails',
]);

/** What the emulator adds to each row: the partitions, the bytes the row stands for, and Lake's maps. */
const EXTRA_COLUMNS: Readonly<Record<string, Structure>> = {
  timestamp: S,
  region: S,
  account: S,
  bytes: 'DOUBLE',
  managementevent: 'BOOLEAN',
  lake_request: 'MAP(VARCHAR, VARCHAR)',
  lake_response: 'MAP(VARCHAR, VARCHAR)',
  lake_additional: 'MAP(VARCHAR, VARCHAR)',
};

/** Lake's view over the same rows: its names (camel case) and types. */
export const LAKE_VIEW_SELECT = `SELECT
  eventversion AS eventVersion,
  useridentity AS userIdentity,
  CAST(eventtime AS TIMESTAMP) AS eventTime,
  eventsource AS eventSource,
  eventname AS eventName,
  awsregion AS awsRegion,
  sourceipaddress AS sourceIPAddress,
  useragent AS userAgent,
  errorcode AS errorCode,
  errormessage AS errorMessage,
  lake_request AS requestParameters,
  lake_response AS responseElements,
  lake_additional AS additionalEventData,
  requestid AS requestID,
  eventid AS eventID,
  CAST(readonly AS BOOLEAN) AS readOnly,
  resources,
  eventtype AS eventType,
  apiversion AS apiVersion,
  managementevent AS managementEvent,
  recipientaccountid AS recipientAccountId,
  sharedeventid AS sharedEventID,
  vpcendpointid AS vpcEndpointId,
  eventcategory AS eventCategory,
  tlsdetails AS tlsDetails
FROM main.trail_rows`;

/** json_transform's structure for a list of rows with these columns. */
export function rowsStructure(): string {
  return JSON.stringify([{ ...ATHENA_COLUMNS, ...EXTRA_COLUMNS }]);
}
