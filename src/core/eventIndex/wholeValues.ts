import type { ActivityPrincipal, ActivityResource } from '../activity/event';
import type { DictionaryBuilder } from './dictionary';
import { principalKeys, resourcePostingKeys } from './keys';

/** How values of one kind are compared, keyed and indexed. */
interface ValueKind<T> {
  /** Equal in every field the key holds, without building it. */
  readonly same: (a: T, b: T) => boolean;
  /** Equal keys, equal values. */
  readonly key: (value: T) => string;
  /** The posting-list keys the value is found by. */
  readonly postingKeys: (value: T) => string[];
}

/**
 * Ids for whole principals or resources, each stored as its JSON in a dictionary. The normaliser hands
 * one caller's events one principal object (principal.ts) and one resource's mentions one resource
 * object (resources.ts), so most are found by reference: the last one, then a map of the objects met.
 * An equal copy meets its original's id through the key; each distinct value is written, and its
 * posting keys made, once.
 */
export class WholeValues<T extends object> {
  /** Posting keys by dictionary id. */
  readonly postingKeys: string[][] = [];
  private last: T | undefined;
  private lastId = 0;
  private readonly byObject = new Map<T, number>();

  constructor(
    private readonly dictionary: DictionaryBuilder,
    private readonly kind: ValueKind<T>,
  ) {}

  idOf(value: T): number {
    if (value === this.last) return this.lastId;
    let id = this.byObject.get(value);
    if (id === undefined) {
      id =
        this.last !== undefined && this.kind.same(value, this.last)
          ? this.lastId
          : this.dictionary.idOfKeyed(this.kind.key(value), () => JSON.stringify(value));
      this.postingKeys[id] ??= this.kind.postingKeys(value);
      this.byObject.set(value, id);
    }
    this.last = value;
    this.lastId = id;
    return id;
  }
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

function sameResource(a: ActivityResource, b: ActivityResource): boolean {
  return a.arn === b.arn && a.name === b.name && a.type === b.type && a.from === b.from;
}

/** As principalKey: equal keys, equal resources. */
function resourceKey(r: ActivityResource): string {
  return `${r.arn ?? '\u0002'}\u0001${r.name ?? '\u0002'}\u0001${r.type ?? '\u0002'}\u0001${r.from}`;
}

export const PRINCIPALS: ValueKind<ActivityPrincipal> = {
  same: samePrincipal,
  key: principalKey,
  postingKeys: principalKeys,
};
export const RESOURCES: ValueKind<ActivityResource> = {
  same: sameResource,
  key: resourceKey,
  postingKeys: resourcePostingKeys,
};
