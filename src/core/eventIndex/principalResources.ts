import { ResourceUseTally, RESOURCE_CAP, type ResourceUseAnswer, type TallyOptions } from '../activity/resourceUse';
import { isDeniedCode } from '../activity/usage';
import { matchSegment, type SegmentMatch } from './match';
import type { Segment } from './segment';
import { SegmentArns } from './segmentArns';

/** Whose calls, and when: a principal as the activity queries name it (a role's ARN takes its sessions). */
export interface PrincipalWindow {
  readonly principal: string;
  readonly since: number;
  readonly until?: number;
}

interface Uses {
  count: number;
  last: number;
  /** The numbers of the distinct ARNs the calls named (SegmentArns), at most the cap. */
  readonly arns: Set<number>;
  more: boolean;
  /** Why names the calls gave made no ARN. */
  readonly unnamed: Set<string>;
}

/**
 * The actions one principal used in the window with the ARNs its calls named (at most `cap` per action;
 * names made ARNs by the options' namer, as tallyEvents does), and those it was refused. Candidates come
 * from the principal's posting lists; within a segment the tally is by action and ARN number, so an ARN
 * or an error code is decoded once per segment, not once per event.
 */
export function principalResources(
  segments: readonly Segment[],
  query: PrincipalWindow,
  options: TallyOptions = {},
): ResourceUseAnswer {
  const tally = new ResourceUseTally(options);
  for (const segment of segments) {
    const match = matchSegment(segment, query);
    if (match !== undefined) addSegment(tally, segment, match, options);
  }
  return tally.answer();
}

/** One segment's matching events, tallied by action id, then added to the answer by action name. */
function addSegment(tally: ResourceUseTally, segment: Segment, match: SegmentMatch, options: TallyOptions): void {
  const cap = options.cap ?? RESOURCE_CAP;
  const action = segment.column('action');
  const errorCode = segment.column('errorCode');
  const denied = onceById(errorCode.dictionary.size, (id) => isDeniedCode(errorCode.dictionary.get(id)));
  const arns = new SegmentArns(segment, options.namer);
  const used = new Map<number, Uses>();
  const refused = new Map<number, { count: number; last: number }>();
  const seen = { count: 0, oldest: Infinity, newest: -Infinity };
  for (const ordinal of match.candidates) {
    if (!match.test(ordinal)) continue;
    const time = segment.times[ordinal]!;
    seen.count++;
    seen.oldest = Math.min(seen.oldest, time);
    seen.newest = Math.max(seen.newest, time);
    const actionId = action.ids[ordinal]!;
    if (actionId === 0) continue;
    if (denied(errorCode.ids[ordinal]!)) {
      const t = refused.get(actionId);
      if (t === undefined) refused.set(actionId, { count: 1, last: time });
      else [t.count, t.last] = [t.count + 1, Math.max(t.last, time)];
      continue;
    }
    let t = used.get(actionId);
    if (t === undefined)
      used.set(actionId, (t = { count: 0, last: time, arns: new Set(), more: false, unnamed: new Set() }));
    t.count++;
    t.last = Math.max(t.last, time);
    for (const id of segment.resourceIdsOf(ordinal)) {
      const arn = arns.of(id, ordinal, actionId);
      if (typeof arn === 'string') t.unnamed.add(arn);
      else if (arn !== undefined) keep(t, arn, cap);
    }
    const caller = arns.ofCaller(ordinal, actionId);
    if (caller !== undefined) keep(t, caller, cap);
  }
  if (seen.count === 0) return;
  tally.read(seen.count, seen.oldest, seen.newest);
  for (const [id, t] of refused) tally.refuse(action.dictionary.get(id)!, t.count, t.last);
  for (const [id, t] of used) {
    const named = [...t.arns].map((n) => arns.text[n]!);
    tally.use(action.dictionary.get(id)!, t.count, t.last, named, t.more, t.unnamed);
  }
}

/** One more ARN of an action's calls, past the cap only said. */
function keep(t: Uses, arn: number, cap: number): void {
  if (t.arns.has(arn)) return;
  if (t.arns.size < cap) t.arns.add(arn);
  else t.more = true;
}

/** A test of a dictionary id, asked once per id (ids run from 1 to `size`; 0 is "none"). */
function onceById(size: number, test: (id: number) => boolean): (id: number) => boolean {
  const known = new Int8Array(size + 1);
  return (id) => {
    if (id === 0) return false;
    if (known[id] === 0) known[id] = test(id) ? 1 : -1;
    return known[id] === 1;
  };
}
