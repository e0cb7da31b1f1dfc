/**
 * The two schemas the SQL is written against. Athena's table (AWS's documented DDL: lower-case names,
 * eventtime a STRING in ISO 8601, requestparameters and responseelements JSON text, readonly a
 * STRING) and Lake's (camel-case names, eventTime a TIMESTAMP, requestParameters a map of strings,
 * readOnly a BOOLEAN). Everything that differs between them is here, so the query builders are one.
 */
import { identifier, literal, literalList, SqlValueError } from './sqlText';
import type { AthenaTable, LakeStore, Warehouse, WarehouseScope } from './targets';

export interface Dialect {
  readonly from: string;
  /** Column expressions by role. */
  readonly col: Readonly<Record<Column, string>>;
  /** The request, the response and resources[] as JSON text, for LIKE. */
  readonly requestText: string;
  readonly responseText: string;
  /** additionalEventData as JSON text (a sign-in's MFA, read by the detections). */
  readonly additionalText: string;
  readonly resourcesText: string;
  /** The day of an event, 'yyyy-MM-dd'. */
  readonly day: string;
  /** The window (and for Athena the partitions of the window and scope): always present. */
  window(since: number, until: number, scope: WarehouseScope): string[];
}

type Column =
  | 'eventTime'
  | 'eventId'
  | 'eventSource'
  | 'eventName'
  | 'awsRegion'
  | 'sourceIp'
  | 'errorCode'
  | 'eventType'
  | 'eventCategory'
  | 'accessKeyId'
  | 'identityType'
  | 'identityArn'
  | 'userName'
  | 'principalId'
  | 'invokedBy'
  | 'accountId'
  | 'onBehalfOf'
  | 'issuerArn'
  | 'issuerUserName'
  | 'recipientAccount';

/** The dialect of a warehouse. */
export function dialectOf(warehouse: Warehouse): Dialect {
  return warehouse.engine === 'athena' ? athena(warehouse) : lake(warehouse);
}

function athena(table: AthenaTable): Dialect {
  const p = table.partitions;
  return {
    from: `${identifier(table.database)}.${identifier(table.table)}`,
    col: {
      eventTime: 'eventtime',
      eventId: 'eventid',
      eventSource: 'eventsource',
      eventName: 'eventname',
      awsRegion: 'awsregion',
      sourceIp: 'sourceipaddress',
      errorCode: 'errorcode',
      eventType: 'eventtype',
      eventCategory: 'eventcategory',
      accessKeyId: 'useridentity.accesskeyid',
      identityType: 'useridentity.type',
      identityArn: 'useridentity.arn',
      userName: 'useridentity.username',
      principalId: 'useridentity.principalid',
      invokedBy: 'useridentity.invokedby',
      accountId: 'useridentity.accountid',
      onBehalfOf: 'useridentity.onbehalfof.userid',
      issuerArn: 'useridentity.sessioncontext.sessionissuer.arn',
      issuerUserName: 'useridentity.sessioncontext.sessionissuer.username',
      recipientAccount: 'recipientaccountid',
    },
    requestText: 'requestparameters',
    responseText: 'responseelements',
    additionalText: 'additionaleventdata',
    resourcesText: 'json_format(CAST(resources AS JSON))',
    day: 'substr(eventtime, 1, 10)',
    window(since, until, scope) {
      // eventtime is ISO 8601 text, so text order is time order; the day partition bounds what is read.
      const parts = [
        `${identifier(p.timestamp)} BETWEEN ${literal(partitionDay(since))} AND ${literal(partitionDay(until))}`,
        `eventtime >= ${literal(isoSecond(Math.ceil(since / 1000)))}`,
        `eventtime <= ${literal(isoSecond(Math.floor(until / 1000)))}`,
      ];
      if (scope.regions?.length)
        parts.push(`${p.region === undefined ? 'awsregion' : identifier(p.region)} IN ${literalList(scope.regions)}`);
      if (scope.accounts?.length)
        parts.push(
          `${p.account === undefined ? 'recipientaccountid' : identifier(p.account)} IN ${literalList(scope.accounts)}`,
        );
      return parts;
    },
  };
}

function lake(store: LakeStore): Dialect {
  return {
    from: eventDataStoreId(store.eventDataStore),
    col: {
      eventTime: 'eventTime',
      eventId: 'eventID',
      eventSource: 'eventSource',
      eventName: 'eventName',
      awsRegion: 'awsRegion',
      sourceIp: 'sourceIPAddress',
      errorCode: 'errorCode',
      eventType: 'eventType',
      eventCategory: 'eventCategory',
      accessKeyId: 'userIdentity.accessKeyId',
      identityType: 'userIdentity.type',
      identityArn: 'userIdentity.arn',
      userName: 'userIdentity.userName',
      principalId: 'userIdentity.principalId',
      invokedBy: 'userIdentity.invokedBy',
      accountId: 'userIdentity.accountId',
      onBehalfOf: 'userIdentity.onBehalfOf.userId',
      issuerArn: 'userIdentity.sessionContext.sessionIssuer.arn',
      issuerUserName: 'userIdentity.sessionContext.sessionIssuer.userName',
      recipientAccount: 'recipientAccountId',
    },
    requestText: 'json_format(CAST(requestParameters AS JSON))',
    responseText: 'json_format(CAST(responseElements AS JSON))',
    additionalText: 'json_format(CAST(additionalEventData AS JSON))',
    resourcesText: 'json_format(CAST(resources AS JSON))',
    day: 'CAST(CAST(eventTime AS DATE) AS VARCHAR)',
    window(since, until, scope) {
      const parts = [
        `eventTime >= TIMESTAMP ${literal(lakeSecond(Math.ceil(since / 1000)))}`,
        `eventTime <= TIMESTAMP ${literal(lakeSecond(Math.floor(until / 1000)))}`,
      ];
      if (scope.regions?.length) parts.push(`awsRegion IN ${literalList(scope.regions)}`);
      if (scope.accounts?.length) parts.push(`recipientAccountId IN ${literalList(scope.accounts)}`);
      return parts;
    },
  };
}

/**
 * Lake's FROM names the event data store by its id, unquoted (as AWS's examples write it); an ARN gives
 * its last part. Only the characters ids have may pass, since the id cannot be quoted.
 */
function eventDataStoreId(store: string): string {
  const id = store.slice(store.lastIndexOf('/') + 1);
  if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(id))
    throw new SqlValueError(`${JSON.stringify(store)} is not an event data store id or ARN`);
  return id;
}

/** The 'yyyy/MM/dd' partition of an instant (UTC). */
function partitionDay(ms: number): string {
  return new Date(clampTime(ms)).toISOString().slice(0, 10).replaceAll('-', '/');
}

/** `2024-05-01T12:00:00Z`: CloudTrail's own form, so text comparison with eventtime is time order. */
function isoSecond(seconds: number): string {
  return new Date(clampTime(seconds * 1000)).toISOString().replace('.000Z', 'Z');
}

function lakeSecond(seconds: number): string {
  return isoSecond(seconds).replace('T', ' ').replace('Z', '');
}

/** Dates outside years 0000-9999 have no ISO form: a window past them is cut at their edge. */
function clampTime(ms: number): number {
  return Math.min(Math.max(ms, 0), Date.UTC(9999, 11, 31, 23, 59, 59));
}
