import type { ActivityResource } from './event';
import { compact, objectOf, ownValue, textOf, type JsonObject } from './json';
import { RESOURCE_FIELDS, type ResourceField } from './resourceFields';
import { PairMemo } from './pairMemo';
import { describeArn } from './resourceTypes';

type From = ActivityResource['from'];

/**
 * The resources an event names: its resources[] first, then the request and response fields of
 * resourceFields.ts, then what the caller adds (a LookupEvents answer's Resources), merged so that one
 * resource appears once however many places name it.
 */
export function resourcesOf(
  record: JsonObject,
  eventSource: string,
  eventName: string,
  extra: readonly ActivityResource[],
): ActivityResource[] {
  const merged = new Merged();
  for (const entry of Array.isArray(record.resources) ? record.resources : []) merged.add(recordedResource(entry));
  for (const field of FIELDS_BY_SOURCE.get(eventSource) ?? []) {
    if (field.events !== undefined && !field.events.test(eventName)) continue;
    forEachValueAt(record[field.in], field.steps, 0, (value) => merged.add(fieldResource(value, field)));
  }
  for (const resource of extra) merged.add(resource);
  return merged.list;
}

/** A path's steps: the key, and whether it holds a list (`items[]`). */
interface Step {
  readonly key: string;
  readonly list: boolean;
}

/** The table by event source, each path split once: every event of a log file looks its source up. */
const FIELDS_BY_SOURCE = new Map<string, (ResourceField & { readonly steps: readonly Step[] })[]>();
for (const field of RESOURCE_FIELDS) {
  const steps = field.path.split('.').map((step) => ({ key: step.replace(/\[\]$/, ''), list: step.endsWith('[]') }));
  const list = FIELDS_BY_SOURCE.get(field.source) ?? [];
  FIELDS_BY_SOURCE.set(field.source, [...list, { ...field, steps }]);
}

/** A resource named by a value that is an ARN or a name, as LookupEvents' ResourceName is. */
export function namedResource(
  value: string,
  type: string | undefined,
  from: From,
  fallbackType?: string,
): ActivityResource | undefined {
  if (!value.startsWith('arn:')) return resource({ name: value, type, from });
  const described = describeArn(value, type);
  return resource({ arn: value, name: described.name, type: type ?? described.type ?? fallbackType, from });
}

/**
 * Resources made, by what each was made from: a log names the same few resources again and again, and
 * its events share each one (plain data no one changes), which lets the log index tell them by reference.
 */
const RECORDED = new PairMemo<string | undefined, string, ActivityResource | undefined>();
const BY_FIELD = new PairMemo<ResourceField, string, ActivityResource | undefined>();
/** Two places' resources merged (a bucket's ARN from resources[], its name from the request), shared as well. */
const MERGED = new PairMemo<ActivityResource, ActivityResource, ActivityResource>();

/** An entry of resources[]: `{ARN, accountId, type}`; the type is absent for some services (SSM). */
function recordedResource(entry: unknown): ActivityResource | undefined {
  const object = objectOf(entry);
  const arn = textOf(object?.ARN) ?? textOf(object?.arn);
  const type = textOf(object?.type);
  if (!arn?.startsWith('arn:')) return undefined;
  return RECORDED.get(type, arn, () => namedResource(arn, type, 'resources'));
}

function fieldResource(value: string, field: ResourceField): ActivityResource | undefined {
  return BY_FIELD.get(field, value, () => madeFieldResource(value, field));
}

function madeFieldResource(value: string, field: ResourceField): ActivityResource | undefined {
  const from = field.in;
  if (value.startsWith('arn:')) return namedResource(value, undefined, from, field.type);
  const name = field.name === undefined ? value : field.name(value);
  return resource({ name, type: field.typeOf?.(value) ?? field.type, from });
}

/** The resource without its undefined fields; undefined when it names nothing. */
function resource(r: { arn?: string; name?: string; type?: string; from: From }): ActivityResource | undefined {
  if (r.arn === undefined && r.name === undefined) return undefined;
  return compact(r) as ActivityResource;
}

/**
 * Each non-empty string at a path of resourceFields.ts, from `steps[at]` on, in order; nothing where the
 * request holds another shape. Walked without lists of the values on the way: it runs for every event.
 */
function forEachValueAt(value: unknown, steps: readonly Step[], at: number, visit: (text: string) => void): void {
  if (at === steps.length) {
    const text = textOf(value);
    if (text !== undefined) visit(text);
    return;
  }
  const object = objectOf(value);
  if (object === undefined) return;
  const { key, list } = steps[at]!;
  const child = ownValue(object, key);
  if (!list) forEachValueAt(child, steps, at + 1, visit);
  else if (Array.isArray(child)) for (const item of child as unknown[]) forEachValueAt(item, steps, at + 1, visit);
}

/**
 * Resources merged by type and ARN or by type and name: the first place that names a resource gives its
 * `from`, later places fill in what it lacked (a bucket's ARN from resources[], its name from the request).
 * Most events name a handful of resources, so their keys are kept in a list searched from its end (the
 * last key remembered wins, as a map's would), without key text; past SMALL keys, a map takes over.
 */
class Merged {
  readonly list: ActivityResource[] = [];
  private readonly keys: Key[] = [];
  private index: Map<string, number> | undefined;

  add(r: ActivityResource | undefined): void {
    if (r === undefined) return;
    const type = r.type ?? '';
    let at = r.arn === undefined ? undefined : this.find({ type, arn: true, value: r.arn, at: 0 });
    if (r.name !== undefined) at ??= this.find({ type, arn: false, value: r.name, at: 0 });
    if (at === undefined) this.remember(this.list.push(r) - 1);
    else {
      const first = this.list[at]!;
      this.list[at] = MERGED.get(r, first, () => ({ ...r, ...first }));
      this.remember(at);
    }
  }

  private find(wanted: Key): number | undefined {
    if (this.index !== undefined) return this.index.get(keyText(wanted));
    for (let i = this.keys.length - 1; i >= 0; i--) {
      const key = this.keys[i]!;
      if (key.value === wanted.value && key.arn === wanted.arn && key.type === wanted.type) return key.at;
    }
    return undefined;
  }

  private remember(at: number): void {
    const r = this.list[at]!;
    const type = r.type ?? '';
    if (r.arn !== undefined) this.keep({ type, arn: true, value: r.arn, at });
    if (r.name !== undefined) this.keep({ type, arn: false, value: r.name, at });
  }

  private keep(key: Key): void {
    if (this.index !== undefined) this.index.set(keyText(key), key.at);
    else if (this.keys.push(key) > SMALL) this.index = new Map(this.keys.map((k) => [keyText(k), k.at]));
  }
}

/** Keys searched in a list; a request naming thousands of instances is merged through a map. */
const SMALL = 16;

/** A resource's type and its ARN or name, and where in the list it is. */
interface Key {
  readonly type: string;
  readonly arn: boolean;
  readonly value: string;
  readonly at: number;
}

function keyText(key: Key): string {
  return `${key.type} ${key.arn ? 'arn' : 'name'} ${key.value}`;
}
