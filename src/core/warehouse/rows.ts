/**
 * Result rows back into the event model. An events row holds the record's scalar columns and the struct
 * fields CloudWarden reads (columns.ts); it is rebuilt into the shape of a log file's record and read by
 * normaliseRecord, so an event from Athena or Lake reads exactly as the same event from a log file.
 */
import { actionOf } from '../activity/actions';
import type { ActivityEvent } from '../activity/event';
import { normaliseRecord } from '../activity/normalise';
import { timeOf } from '../activity/time';
import { whyNoActionOfType } from '../activity/noAction';
import { usageAnswer, type ActionUse, type DayCount, type PrincipalActionsAnswer } from '../activity/usage';
import type { EventColumn } from './columns';

/** A result row: column alias → value; SQL NULL is absent. */
export type WarehouseRow = Readonly<Record<string, string | undefined>>;

/** A row that is not an event, and why. */
export interface UnreadableRow {
  readonly eventId?: string;
  readonly reason: string;
}

export interface ReadRows {
  readonly events: ActivityEvent[];
  readonly unreadable: UnreadableRow[];
}

/**
 * The events of an events query's rows, in the rows' order. `onEvent` is given each event with the record
 * rebuilt from its row, whose request, response and additionalEventData the event model leaves out (the
 * facts the detections read).
 */
export function eventsOfRows(
  rows: readonly WarehouseRow[],
  onEvent?: (event: ActivityEvent, record: Record<string, unknown>) => void,
): ReadRows {
  const events: ActivityEvent[] = [];
  const unreadable: UnreadableRow[] = [];
  for (const row of rows) {
    const record = recordOf(row);
    const read = normaliseRecord(record);
    if (read.ok) {
      events.push(read.event);
      onEvent?.(read.event, record);
    } else unreadable.push({ ...(row.eventid !== undefined && { eventId: row.eventid }), reason: read.reason });
  }
  return { events, unreadable };
}

type Row = Readonly<Partial<Record<EventColumn, string>>>;

/** The record a row came from, as far as the row tells it (absent fields left out). */
function recordOf(row: Row): Record<string, unknown> {
  const issuer = present({ arn: row.issuer_arn, userName: row.issuer_username });
  const identity = present({
    type: row.identity_type,
    principalId: row.identity_principalid,
    arn: row.identity_arn,
    accountId: row.identity_accountid,
    accessKeyId: row.identity_accesskeyid,
    userName: row.identity_username,
    invokedBy: row.identity_invokedby,
    onBehalfOf: present({ userId: row.identity_onbehalfof }),
    sessionContext: present({ sessionIssuer: issuer }),
  });
  const record = present({
    eventVersion: row.eventversion,
    eventID: row.eventid,
    eventTime: row.eventtime === undefined ? undefined : isoTime(row.eventtime),
    eventSource: row.eventsource,
    eventName: row.eventname,
    awsRegion: row.awsregion,
    sourceIPAddress: row.sourceipaddress,
    userAgent: row.useragent,
    errorCode: row.errorcode,
    errorMessage: row.errormessage,
    readOnly: row.readonly,
    eventType: row.eventtype,
    eventCategory: row.eventcategory,
    recipientAccountId: row.recipientaccountid,
    userIdentity: identity,
    requestParameters: jsonObject(row.requestparameters),
    responseElements: jsonObject(row.responseelements),
    additionalEventData: jsonObject(row.additionaleventdata),
    resources: resourcesOf(row.resources_json),
  });
  return record ?? {};
}

/** The object without its undefined members; undefined when nothing is left. */
function present(object: Record<string, unknown>): Record<string, unknown> | undefined {
  const kept = Object.entries(object).filter(([, v]) => v !== undefined && v !== '');
  return kept.length === 0 ? undefined : Object.fromEntries(kept);
}

/**
 * Lake writes eventTime as a TIMESTAMP (`2024-05-01 12:00:00.000`); log files as `2024-05-01T12:00:00Z`.
 * Both are UTC: the log files' form is kept, so an event's time reads the same from every source.
 */
function isoTime(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)?$/.exec(text);
  if (match === null) return text;
  const fraction = match[3] === undefined || /^\.0+$/.test(match[3]) ? '' : match[3];
  return `${match[1]}T${match[2]}${fraction}Z`;
}

/**
 * A JSON object column: Athena's is the record's JSON text; Lake's is a map of strings whose nested
 * objects are JSON text themselves, read back into objects so the resource paths reach into them.
 */
function jsonObject(text: string | undefined): Record<string, unknown> | undefined {
  const value = parsed(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      typeof v === 'string' && /^[[{]/.test(v) ? (parsed(v) ?? v) : v,
    ]),
  );
}

function parsed(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * resources[] as JSON: objects with the struct's field names, or (engines that cast a row to a JSON
 * array) arrays, in which the ARN is the one value that starts with `arn:`.
 */
function resourcesOf(text: string | undefined): unknown[] | undefined {
  const list = parsed(text);
  if (!Array.isArray(list)) return undefined;
  return list.map((entry: unknown) => {
    if (Array.isArray(entry)) return { ARN: entry.find((v) => typeof v === 'string' && v.startsWith('arn:')) };
    const object = (entry ?? {}) as Record<string, unknown>;
    return present({ ARN: object.arn ?? object.ARN, accountId: object.accountid, type: object.type }) ?? {};
  });
}

export function dayCountsOfRows(rows: readonly WarehouseRow[]): DayCount[] {
  return rows.map((row) => ({ day: row.day ?? '', count: Number(row.events ?? 0), errors: Number(row.errors ?? 0) }));
}

/**
 * A principalActions query's rows (principal, eventsource, eventname, eventtype, outcome, category,
 * calls, firstseen, lastseen) as the log index answers: per principal the IAM actions allowed and refused,
 * the services of the data events in the window and its oldest and newest event. Rows of no principal
 * (those not asked for) count for the window only; events no IAM action authorised are left out, as the
 * log index leaves them.
 */
export function principalActionsOfRows(rows: readonly WarehouseRow[]): PrincipalActionsAnswer {
  const byPrincipal = new Map<string, { used: Map<string, ActionUse>; denied: Map<string, ActionUse> }>();
  const dataServices = new Set<string>();
  let oldest = Infinity;
  let newest = -Infinity;
  for (const row of rows) {
    const last = timeOf(row.lastseen ?? '');
    if (last === undefined) continue;
    oldest = Math.min(oldest, timeOf(row.firstseen ?? '') ?? last);
    newest = Math.max(newest, last);
    const action = actionOfRow(row);
    if (action === undefined) continue;
    if (row.category === 'data') dataServices.add(action.slice(0, action.indexOf(':')).toLowerCase());
    if (row.principal === undefined) continue;
    let sums = byPrincipal.get(row.principal);
    if (sums === undefined) byPrincipal.set(row.principal, (sums = { used: new Map(), denied: new Map() }));
    const uses = row.outcome === 'denied' ? sums.denied : sums.used;
    const before = uses.get(action);
    uses.set(action, {
      action,
      count: (before?.count ?? 0) + Number(row.calls ?? 0),
      last: Math.max(before?.last ?? last, last),
    });
  }
  return usageAnswer(byPrincipal, dataServices, oldest, newest);
}

/** The IAM action of a row's event, as normaliseRecord reads it (none for the event types no action authorises). */
function actionOfRow(row: WarehouseRow): string | undefined {
  if (row.eventsource === undefined || row.eventname === undefined) return undefined;
  return whyNoActionOfType(row.eventtype) === undefined ? actionOf(row.eventsource, row.eventname) : undefined;
}
