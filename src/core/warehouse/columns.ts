/**
 * The columns an events query selects, by the alias rows.ts reads them under. Scalars only: Athena
 * returns a struct as `{a=b, ...}` text that cannot be read back, so the struct fields CloudWarden needs
 * are selected one by one, and resources[] as JSON text.
 */
import type { Dialect } from './dialect';

/** Alias → the record field rows.ts rebuilds from it. */
const EVENT_COLUMNS = [
  'eventversion',
  'eventid',
  'eventtime',
  'eventsource',
  'eventname',
  'awsregion',
  'sourceipaddress',
  'useragent',
  'errorcode',
  'errormessage',
  'readonly',
  'eventtype',
  'eventcategory',
  'recipientaccountid',
  'requestparameters',
  'responseelements',
  'additionaleventdata',
  'identity_type',
  'identity_principalid',
  'identity_arn',
  'identity_accountid',
  'identity_accesskeyid',
  'identity_username',
  'identity_invokedby',
  'identity_onbehalfof',
  'issuer_arn',
  'issuer_username',
  'resources_json',
] as const;

export type EventColumn = (typeof EVENT_COLUMNS)[number];

/** The select list of an events query in a dialect. */
export function eventSelect(d: Dialect, lakeNames: boolean): string {
  const c = d.col;
  const plain: Partial<Record<EventColumn, string>> = lakeNames
    ? {
        eventversion: 'eventVersion',
        useragent: 'userAgent',
        errormessage: 'errorMessage',
        readonly: 'readOnly',
        eventtype: 'eventType',
        eventcategory: 'eventCategory',
      }
    : {};
  const expressions: Record<EventColumn, string> = {
    eventversion: plain.eventversion ?? 'eventversion',
    eventid: c.eventId,
    eventtime: c.eventTime,
    eventsource: c.eventSource,
    eventname: c.eventName,
    awsregion: c.awsRegion,
    sourceipaddress: c.sourceIp,
    useragent: plain.useragent ?? 'useragent',
    errorcode: c.errorCode,
    errormessage: plain.errormessage ?? 'errormessage',
    readonly: plain.readonly ?? 'readonly',
    eventtype: plain.eventtype ?? 'eventtype',
    eventcategory: plain.eventcategory ?? 'eventcategory',
    recipientaccountid: c.recipientAccount,
    requestparameters: d.requestText,
    responseelements: d.responseText,
    additionaleventdata: d.additionalText,
    identity_type: c.identityType,
    identity_principalid: c.principalId,
    identity_arn: c.identityArn,
    identity_accountid: c.accountId,
    identity_accesskeyid: c.accessKeyId,
    identity_username: c.userName,
    identity_invokedby: c.invokedBy,
    identity_onbehalfof: c.onBehalfOf,
    issuer_arn: c.issuerArn,
    issuer_username: c.issuerUserName,
    resources_json: d.resourcesText,
  };
  return EVENT_COLUMNS.map((alias) =>
    expressions[alias] === alias ? alias : `${expressions[alias]} AS ${alias}`,
  ).join(', ');
}
