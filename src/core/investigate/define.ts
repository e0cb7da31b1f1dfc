import type { ActivityEvent } from '../activity/event';
import { hitOf, type DetectionMeta, type EventDetection } from './detection';
import type { DetectionFacts } from './facts';

/** The sentence of a hit when the event is one, else undefined. */
type Decide = (event: ActivityEvent, facts: DetectionFacts | undefined) => string | undefined;

/** A single-event detection from its metadata and what it decides. */
export function eventDetection(meta: DetectionMeta, decide: Decide): EventDetection {
  return {
    ...meta,
    kind: 'event',
    check: (event, facts) => {
      const sentence = decide(event, facts);
      return sentence === undefined ? undefined : hitOf(meta, event, sentence);
    },
  };
}

/** `eventSource:eventName` for each name of one service. */
export function pairs(eventSource: string, names: readonly string[]): string[] {
  return names.map((name) => `${eventSource}:${name}`);
}

export const ATTACK = 'https://attack.mitre.org/techniques/';
export const CLOUDTRAIL_DOCS = 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/';
