/**
 * What one principal did, action by action, with the resources its calls named: what a least-privilege
 * policy is generated from. One shape and one tally whatever the source (the log index's segments, or
 * events from LookupEvents, Athena or Lake), so a principal with a million events costs a map of its
 * actions, never a list of its events.
 */
import type { ArnNamer } from './arnNamer';
import { callerTarget } from './callerTarget';
import type { ActivityEvent } from './event';
import { isDeniedCode, type ActionUse } from './usage';

/** One action the principal was allowed, with the ARNs its calls named. */
export interface ActionResourceUse extends ActionUse {
  /** The distinct ARNs the calls named, sorted; at most the tally's cap. */
  readonly resources: readonly string[];
  /** True when the calls named more distinct ARNs than the cap: `resources` is a part of them. */
  readonly more: boolean;
  /** Why resources the calls named only by name gave no ARN (arnOfName.ts), sorted; absent when none. */
  readonly unnamed?: readonly string[];
}

export interface ResourceUseAnswer {
  /** Allowed calls (those that failed for another reason than access included: IAM let them through), by action. */
  readonly actions: readonly ActionResourceUse[];
  /** Calls refused for want of permission: not use, but what the principal tried. */
  readonly denied: readonly ActionUse[];
  /** Events read (denied and those authorised by no IAM action included). */
  readonly events: number;
  /** The oldest and newest events read, epoch ms: what the answer covers; undefined when none. */
  readonly oldest?: number;
  readonly newest?: number;
}

/**
 * Distinct ARNs kept per action: a policy lists resources, and an action called on thousands of objects
 * needs a person's pattern rather than a list that long (the answer says so with `more`).
 */
export const RESOURCE_CAP = 100;

/** How a tally keeps resources: at most `cap` ARNs an action; names made ARNs by `namer`, when given. */
export interface TallyOptions {
  readonly cap?: number;
  readonly namer?: ArnNamer;
}

interface Tally {
  count: number;
  last: number;
  resources: Set<string>;
  more: boolean;
  unnamed: Set<string>;
}

/** Counts uses and refusals as they come, keeping at most `cap` ARNs per action. */
export class ResourceUseTally {
  private readonly allowed = new Map<string, Tally>();
  private readonly refused = new Map<string, { count: number; last: number }>();
  private events = 0;
  private oldest = Infinity;
  private newest = -Infinity;

  private readonly cap: number;
  private readonly namer: ArnNamer | undefined;

  constructor(options: TallyOptions = {}) {
    this.cap = options.cap ?? RESOURCE_CAP;
    this.namer = options.namer;
  }

  /** Events read, and when: what the answer covers, whether or not they were use. */
  read(count: number, oldest: number, newest: number): void {
    this.events += count;
    this.oldest = Math.min(this.oldest, oldest);
    this.newest = Math.max(this.newest, newest);
  }

  /**
   * `count` allowed calls of `action`, the latest at `last`, naming `arns`; `more` when the caller already
   * left some ARNs out (a segment's own cap); `unnamed`: why names the calls gave made no ARN.
   */
  use(
    action: string,
    count: number,
    last: number,
    arns: Iterable<string>,
    more = false,
    unnamed: Iterable<string> = [],
  ): void {
    let tally = this.allowed.get(action);
    if (tally === undefined)
      this.allowed.set(action, (tally = { count: 0, last, resources: new Set(), more: false, unnamed: new Set() }));
    tally.count += count;
    tally.last = Math.max(tally.last, last);
    tally.more ||= more;
    for (const reason of unnamed) tally.unnamed.add(reason);
    for (const arn of arns) {
      if (tally.resources.has(arn)) continue;
      if (tally.resources.size < this.cap) tally.resources.add(arn);
      else tally.more = true;
    }
  }

  /** `count` refused calls of `action`, the latest at `last`. */
  refuse(action: string, count: number, last: number): void {
    const tally = this.refused.get(action);
    if (tally === undefined) this.refused.set(action, { count, last });
    else {
      tally.count += count;
      tally.last = Math.max(tally.last, last);
    }
  }

  /** One event: read; skipped when no IAM action authorised it; else a use or a refusal. */
  add(event: ActivityEvent): void {
    this.read(1, event.time, event.time);
    if (event.action === undefined) return;
    if (isDeniedCode(event.errorCode)) this.refuse(event.action, 1, event.time);
    else this.useEvent(event, event.action);
  }

  /**
   * An allowed call: the ARNs it named, those its names give, and the caller's own where the call acted on
   * it without naming it (the same steps, in the same order, as the log index's).
   */
  private useEvent(event: ActivityEvent, action: string): void {
    const arns: string[] = [];
    const unnamed: string[] = [];
    for (const resource of event.resources) {
      const named = resource.arn !== undefined ? { arn: resource.arn } : this.namer?.(action, resource, event);
      if (named === undefined) continue;
      if ('arn' in named) arns.push(named.arn);
      else unnamed.push(named.reason);
    }
    const caller = this.namer === undefined ? undefined : callerTarget(action, event.resources, event.principal);
    if (caller !== undefined) arns.push(caller);
    this.use(action, 1, event.time, arns, false, unnamed);
  }

  answer(): ResourceUseAnswer {
    const actions = [...this.allowed]
      .sort(([a], [b]) => compare(a, b))
      .map(([action, t]) => ({
        action,
        count: t.count,
        last: t.last,
        resources: [...t.resources].sort(compare),
        more: t.more,
        ...(t.unnamed.size > 0 && { unnamed: [...t.unnamed].sort(compare) }),
      }));
    const denied = [...this.refused].sort(([a], [b]) => compare(a, b)).map(([action, t]) => ({ action, ...t }));
    return {
      actions,
      denied,
      events: this.events,
      ...(this.events > 0 && { oldest: this.oldest, newest: this.newest }),
    };
  }
}

/** The tally of events a source returned (already those of one principal). */
export function tallyEvents(events: Iterable<ActivityEvent>, options: TallyOptions = {}): ResourceUseAnswer {
  const tally = new ResourceUseTally(options);
  for (const event of events) tally.add(event);
  return tally.answer();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
