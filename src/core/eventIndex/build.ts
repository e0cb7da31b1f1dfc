import type { ActivityEvent, ActivityPrincipal, ActivityResource } from '../activity/event';
import { ByteWriter, compareBytes, utf8 } from './bytes';
import { DictionaryBuilder, encodeStrings } from './dictionary';
import {
  CATEGORIES,
  COLUMNS,
  DIRECTORY_ENTRY_BYTES,
  FORMAT_VERSION,
  HEADER_BYTES,
  MAGIC,
  Kind,
  Section,
  canonicalTime,
  type Column,
} from './format';
import { dayOf, principalKeys, resourcePostingKeys } from './keys';
import { encodePostings } from './postings';
import { isUuid, writeUuid } from './uuid';

/** A section's bytes and, for id columns, their width. */
interface Part {
  readonly id: number;
  readonly width: number;
  readonly write: (out: ByteWriter) => void;
}

/**
 * Encodes a batch of events as one segment (format.ts). The events are stored in time order (stable,
 * so events of the same second keep their reading order); each is then decoded by its ordinal.
 */
export function buildSegment(batch: readonly ActivityEvent[]): Uint8Array {
  const events = [...batch].sort((a, b) => a.time - b.time);
  const uuids = events.map((e) => isUuid(e.eventId));
  const principals = new DictionaryBuilder();
  const principalIds = principalIdsOf(events, principals);
  const parts: Part[] = [
    fixed(Section.Time, events, (e, out) => out.f64(e.time)),
    {
      id: Section.EventId,
      width: 0,
      write: (out) => events.forEach((e, i) => (uuids[i] ? writeUuid(e.eventId, out) : out.write(NO_UUID))),
    },
    fixed(Section.Flags, events, (e, out) => out.u8(flagsOf(e))),
    ...columnParts(events, uuids, principals, principalIds),
    ...resourceParts(events),
    ...postingParts(events, principalIds),
  ];
  return assemble(events, parts);
}

const NO_UUID = new Uint8Array(16);

function fixed(id: number, events: readonly ActivityEvent[], put: (e: ActivityEvent, out: ByteWriter) => void): Part {
  return { id, width: 0, write: (out) => events.forEach((e) => put(e, out)) };
}

/** readOnly in bits 0-1 (absent, false, true), the category's index in bits 2-4. */
function flagsOf(e: ActivityEvent): number {
  const readOnly = e.readOnly === undefined ? 0 : e.readOnly ? 2 : 1;
  return readOnly | (Math.max(0, CATEGORIES.indexOf(e.category)) << 2);
}

/**
 * Each column's value of an event; the event key and the principal have their own functions below (the
 * principal is stored whole, as JSON, written once per distinct principal).
 */
const COLUMN_VALUES: Record<
  Exclude<Column, 'principal' | 'eventKey'>,
  (e: ActivityEvent, uuid: boolean) => string | undefined
> = {
  action: (e) => e.action,
  accessKeyId: (e) => e.accessKeyId,
  sourceIp: (e) => e.sourceIp,
  region: (e) => e.region,
  account: (e) => e.account,
  errorCode: (e) => e.errorCode,
  errorMessage: (e) => e.errorMessage,
  userAgent: (e) => e.userAgent,
  eventVersion: (e) => e.eventVersion,
  file: (e) => e.file,
  eventIdText: (e, uuid) => (uuid ? undefined : e.eventId),
  eventTimeText: (e) => (isCanonicalTime(e) ? undefined : e.eventTime),
};

function columnParts(
  events: readonly ActivityEvent[],
  uuids: readonly boolean[],
  principals: DictionaryBuilder,
  principalIds: readonly number[],
): Part[] {
  return COLUMNS.flatMap((column, i) => {
    let dictionary = new DictionaryBuilder();
    let ids: readonly number[];
    if (column === 'principal') [dictionary, ids] = [principals, principalIds];
    else if (column === 'eventKey') ids = eventKeyIds(events, dictionary);
    else {
      const valueOf = COLUMN_VALUES[column];
      ids = events.map((e, n) => dictionary.idOf(valueOf(e, uuids[n]!)));
    }
    return [
      { id: Section.ColumnBase + 2 * i, width: 0, write: (out) => encodeStrings(dictionary.strings, out) },
      { id: Section.ColumnBase + 2 * i + 1, width: dictionary.width, write: (out) => out.ids(ids, dictionary.width) },
    ];
  });
}

/** eventSource and eventName joined by NUL; the text is built only when the pair changes. */
function eventKeyIds(events: readonly ActivityEvent[], dictionary: DictionaryBuilder): number[] {
  let source: string | undefined;
  let name: string | undefined;
  let id = 0;
  return events.map((e) => {
    if (e.eventSource !== source || e.eventName !== name) {
      ({ eventSource: source, eventName: name } = e);
      id = dictionary.idOf(`${source}\u0000${name}`);
    }
    return id;
  });
}

/**
 * Each event's principal as an id of the principal column's dictionary (JSON). An event's principal is
 * compared with the one before it field by field, and only a new one is keyed and looked up.
 */
function principalIdsOf(events: readonly ActivityEvent[], dictionary: DictionaryBuilder): number[] {
  let last: ActivityPrincipal | undefined;
  let id = 0;
  return events.map((e) => {
    const p = e.principal;
    if (last === undefined || !samePrincipal(p, last)) {
      id = dictionary.idOfKeyed(principalKey(p), () => JSON.stringify(p));
      last = p;
    }
    return id;
  });
}

/** The test principalKey's equality makes, without building the keys. */
function samePrincipal(a: ActivityPrincipal, b: ActivityPrincipal): boolean {
  return (
    a.type === b.type &&
    a.name === b.name &&
    a.arn === b.arn &&
    a.account === b.account &&
    a.roleArn === b.roleArn &&
    a.sessionName === b.sessionName &&
    a.invokedBy === b.invokedBy
  );
}

/** The fields of a principal joined: equal keys, equal principals (JSON.stringify's field order is the object's). */
function principalKey(p: ActivityPrincipal): string {
  return `${p.type}\u0001${p.name}\u0001${p.arn ?? '\u0002'}\u0001${p.account ?? '\u0002'}\u0001${p.roleArn ?? '\u0002'}\u0001${p.sessionName ?? '\u0002'}\u0001${p.invokedBy ?? '\u0002'}`;
}

function resourceKey(r: ActivityResource): string {
  return `${r.arn ?? '\u0002'}\u0001${r.name ?? '\u0002'}\u0001${r.type ?? '\u0002'}\u0001${r.from}`;
}

/**
 * An event time as CloudTrail's log files write it (`2023-07-10T11:45:00Z`) is `time` written back, so
 * only other forms keep their text. The form is checked by its shape: normalise read the digits.
 */
function isCanonicalTime(e: ActivityEvent): boolean {
  const t = e.eventTime;
  if (t.length === 20 && t.charCodeAt(10) === 84 /* T */ && t.charCodeAt(19) === 90 /* Z */) return true;
  return t === canonicalTime(e.time);
}

/** Each event's resources as ids into one dictionary of whole resources, found through offsets. */
function resourceParts(events: readonly ActivityEvent[]): Part[] {
  const dictionary = new DictionaryBuilder();
  const ids: number[] = [];
  const offsets = [0];
  for (const e of events) {
    for (const r of e.resources) ids.push(dictionary.idOfKeyed(resourceKey(r), () => JSON.stringify(r)));
    offsets.push(ids.length);
  }
  return [
    { id: Section.ResourceOffsets, width: 0, write: (out) => offsets.forEach((o) => out.u32(o)) },
    { id: Section.ResourceIds, width: dictionary.width, write: (out) => out.ids(ids, dictionary.width) },
    { id: Section.ResourceDictionary, width: 0, write: (out) => encodeStrings(dictionary.strings, out) },
  ];
}

/**
 * The posting lists, one map per kind (no key text is built per event): an event is added to a list
 * once however many of its keys lead there. Principals' keys are computed once per distinct principal.
 */
class Postings {
  /** Each kind's lists, and the last list added to (a day, an action repeat from event to event). */
  private readonly byKind = new Map<Kind, { lists: Map<string, number[]>; value?: string; list?: number[] }>();

  add(kind: Kind, value: string, ordinal: number): void {
    let of = this.byKind.get(kind);
    if (of === undefined) this.byKind.set(kind, (of = { lists: new Map() }));
    let list = value === of.value ? of.list : of.lists.get(value);
    if (list === undefined) of.lists.set(value, (list = [ordinal]));
    else if (list[list.length - 1] !== ordinal) list.push(ordinal);
    of.value = value;
    of.list = list;
  }

  /** Every list with its key (kind + value). */
  *entries(): Generator<[string, number[]]> {
    for (const [kind, { lists }] of this.byKind) for (const [value, list] of lists) yield [kind + value, list];
  }
}

function postingParts(events: readonly ActivityEvent[], principalIds: readonly number[]): Part[] {
  const postings = new Postings();
  const principals: string[][] = [];
  // An action's lower case and a day's text are made when they change, not for every event.
  const action = { of: '', key: '' };
  const day = { of: -1, key: '' };
  events.forEach((e, ordinal) => {
    for (const r of e.resources) for (const key of resourcePostingKeys(r)) postings.add(Kind.Resource, key, ordinal);
    const id = principalIds[ordinal]!;
    let keys = principals[id];
    if (keys === undefined) principals[id] = keys = principalKeys(e.principal);
    for (const key of keys) postings.add(Kind.Principal, key, ordinal);
    if (e.accessKeyId !== undefined) postings.add(Kind.AccessKey, e.accessKeyId, ordinal);
    if (e.action !== undefined) {
      if (e.action !== action.of) [action.of, action.key] = [e.action, e.action.toLowerCase()];
      postings.add(Kind.Action, action.key, ordinal);
    }
    if (e.sourceIp !== undefined) postings.add(Kind.SourceIp, e.sourceIp, ordinal);
    const d = dayOf(e.time);
    if (d !== day.of) [day.of, day.key] = [d, String(d)];
    postings.add(Kind.Day, day.key, ordinal);
  });
  const sorted = [...postings.entries()].map(([key, list]) => ({ key, list, bytes: utf8.encode(key) }));
  sorted.sort((a, b) => compareBytes(a.bytes, b.bytes));
  const body = new ByteWriter();
  const meta: number[] = [];
  for (const { list } of sorted) {
    meta.push(body.length, list.length);
    encodePostings(list, body);
  }
  const bytes = body.finish();
  return [
    {
      id: Section.Keys,
      width: 0,
      write: (out) =>
        encodeStrings(
          sorted.map((k) => k.key),
          out,
        ),
    },
    { id: Section.PostingMeta, width: 0, write: (out) => meta.forEach((m) => out.u32(m)) },
    { id: Section.Postings, width: 0, write: (out) => out.write(bytes) },
  ];
}

function assemble(events: readonly ActivityEvent[], parts: readonly Part[]): Uint8Array {
  const out = new ByteWriter();
  out.u32(MAGIC);
  out.u32(FORMAT_VERSION);
  out.u32(events.length);
  out.u32(parts.length);
  out.f64(events[0]?.time ?? 0);
  out.f64(events.at(-1)?.time ?? 0);
  const directory = out.length;
  for (let i = 0; i < parts.length * 4; i++) out.u32(0);
  parts.forEach((part, i) => {
    out.align(8);
    const start = out.length;
    part.write(out);
    const entry = directory + i * DIRECTORY_ENTRY_BYTES;
    out.patchU32(entry, part.id);
    out.patchU32(entry + 4, start);
    out.patchU32(entry + 8, out.length - start);
    out.patchU32(entry + 12, part.width);
  });
  if (directory !== HEADER_BYTES) throw new Error('segment header size drifted from HEADER_BYTES');
  return out.finish();
}
