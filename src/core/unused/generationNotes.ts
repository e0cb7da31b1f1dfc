import type { ResourceUseAnswer } from '../activity/resourceUse';
import { count, day, duration } from './describe';
import type { GeneratedPolicy } from './generatePolicy';

const DAY_MS = 86_400_000;

/** What a generated policy rests on, and what a person must know before using it. */
export interface GenerationNotes {
  /** One sentence: the calls, the actions, the stretch of time and the source. */
  readonly evidence: string;
  /** What the policy leaves out or cannot know, one sentence each. */
  readonly problems: readonly string[];
}

/**
 * The notes of a policy generated from `answer`: `label` names the source (`CloudTrail log files`) and
 * `window` what was asked; the evidence covers only the events read (a log folder copied last year says
 * nothing of this year).
 */
export function generationNotes(
  principal: string,
  answer: ResourceUseAnswer,
  policy: GeneratedPolicy,
  source: { readonly label: string; readonly window: { readonly since: number; readonly until: number } },
): GenerationNotes {
  const name = principal.slice(principal.lastIndexOf(':') + 1);
  const asked = `${duration((source.window.until - source.window.since) / DAY_MS)} of ${source.label}`;
  if (answer.oldest === undefined || answer.newest === undefined)
    return { evidence: `No calls by ${name} in ${asked}.`, problems: problemsOf(answer, policy) };
  const calls = answer.actions.reduce((n, a) => n + a.count, 0);
  const span = duration(Math.max(answer.newest - answer.oldest, 60_000) / DAY_MS);
  return {
    evidence: `From ${count(calls, 'allowed call')} of ${count(answer.actions.length, 'action')} by ${name} in ${span} of ${source.label} (${day(answer.oldest)} to ${day(answer.newest)}).`,
    problems: problemsOf(answer, policy),
  };
}

function problemsOf(answer: ResourceUseAnswer, policy: GeneratedPolicy): string[] {
  const problems = policy.leftOut.map(
    (l) => `Not granted: ${l.action}: ${l.reason}. Add it with the resources it needs.`,
  );
  if (policy.partial.length > 0)
    problems.push(
      `The calls of ${list(policy.partial)} named more resources than are listed: widen their resources by hand.`,
    );
  if (answer.denied.length > 0)
    problems.push(
      `Refused calls are not use and are not granted: ${list(answer.denied.map((d) => `${d.action} (${count(d.count, 'time')})`))}.`,
    );
  return problems;
}

function list(items: readonly string[]): string {
  const shown = items.slice(0, 10).join(', ');
  return items.length > 10 ? `${shown} and ${items.length - 10} more` : shown;
}
