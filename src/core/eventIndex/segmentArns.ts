import type { ArnNamer } from '../activity/arnNamer';
import { actsOnCaller, callerTarget } from '../activity/callerTarget';
import type { Segment } from './segment';

/**
 * The ARNs a segment's events name, each as a small number, and the reasons names gave none: two
 * resources of a segment may carry one ARN (named with and without a type, or by ARN in one event and by
 * name in another), and the cap counts ARNs, not resources. A resource's ARN is read once per segment; a
 * name is made an ARN once per action, Region, account and caller that name it.
 */
export class SegmentArns {
  /** The ARN of each number. */
  readonly text: string[] = [];
  private readonly numbers = new Map<string, number>();
  /** By resource id: its ARN's number, -1 without one, -2 not read yet. */
  private readonly ofId: Int32Array;
  private readonly named = new Map<string, number | string | undefined>();
  /** By action id: its name when its calls that name no user act on the caller (callerTarget.ts), else null. */
  private readonly onCaller = new Map<number, string | null>();

  constructor(
    private readonly segment: Segment,
    private readonly namer: ArnNamer | undefined,
  ) {
    this.ofId = new Int32Array(segment.resources.size + 1).fill(-2);
  }

  /**
   * The number of the ARN that resource `id` of the event at `ordinal` names (an event of action `actionId`):
   * its own, or the one its name gives; a string when its name gives none, why; undefined when nothing is said.
   */
  of(id: number, ordinal: number, actionId: number): number | string | undefined {
    if (this.ofId[id] === -2) {
      const arn = this.segment.resource(id).arn;
      this.ofId[id] = arn === undefined ? -1 : this.numberOf(arn);
    }
    const own = this.ofId[id]!;
    if (own >= 0) return own;
    return this.namer === undefined ? undefined : this.byName(id, ordinal, actionId);
  }

  /** The number of the caller's own ARN when the event at `ordinal` acted on it without naming it (with a namer only). */
  ofCaller(ordinal: number, actionId: number): number | undefined {
    if (this.namer === undefined) return undefined;
    let action = this.onCaller.get(actionId);
    if (action === undefined) {
      const name = this.segment.column('action').dictionary.get(actionId)!;
      this.onCaller.set(actionId, (action = actsOnCaller(name) ? name : null));
    }
    if (action === null) return undefined;
    const principal = this.segment.principal(this.segment.column('principal').ids[ordinal]!);
    const resources = Array.from(this.segment.resourceIdsOf(ordinal), (id) => this.segment.resource(id));
    const arn = callerTarget(action, resources, principal);
    return arn === undefined ? undefined : this.numberOf(arn);
  }

  private byName(id: number, ordinal: number, actionId: number): number | string | undefined {
    const at = (column: 'region' | 'account' | 'principal') => this.segment.column(column).ids[ordinal]!;
    const key = `${id} ${actionId} ${at('region')} ${at('account')} ${at('principal')}`;
    if (this.named.has(key)) return this.named.get(key);
    const text = (column: 'region' | 'account') => this.segment.column(column).dictionary.get(at(column));
    const place = {
      region: text('region') ?? '',
      account: text('account'),
      principal: this.segment.principal(at('principal')),
    };
    const action = this.segment.column('action').dictionary.get(actionId)!;
    const naming = this.namer!(action, this.segment.resource(id), place);
    const answer = naming === undefined ? undefined : 'arn' in naming ? this.numberOf(naming.arn) : naming.reason;
    this.named.set(key, answer);
    return answer;
  }

  private numberOf(arn: string): number {
    let n = this.numbers.get(arn);
    if (n === undefined) this.numbers.set(arn, (n = this.text.push(arn) - 1));
    return n;
  }
}
