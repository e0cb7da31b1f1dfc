/**
 * What an investigation is about: a principal, a resource, an access key, a source address, one event,
 * or a whole window ("security events in the last N hours"), and the activity query that reads its
 * events from any source.
 */
import type { ActivityQuery } from '../activity/query';

export type SubjectKind = 'principal' | 'resource' | 'accessKey' | 'ip' | 'event';

export type Subject = { readonly kind: SubjectKind; readonly value: string } | { readonly kind: 'window' };

/** Epoch ms; `until` absent means now. */
export interface Window {
  readonly since: number;
  readonly until?: number;
}

const NOUNS: Readonly<Record<Subject['kind'], string>> = {
  principal: 'Principal',
  resource: 'Resource',
  accessKey: 'Access key',
  ip: 'Source address',
  event: 'Event',
  window: 'Security events',
};

/** The report's title: `Principal arn:aws:iam::…:user/alice`. */
export function subjectTitle(subject: Subject): string {
  return subject.kind === 'window' ? NOUNS.window : `${NOUNS[subject.kind]} ${subject.value}`;
}

/** The subject's noun, lower case: what a sentence calls it. */
export function subjectNoun(kind: Subject['kind']): string {
  return NOUNS[kind].toLowerCase();
}

/** The events an investigation of `subject` reads in `window` (an event id needs no window: it is wide). */
export function subjectQuery(subject: Subject, window: Window): ActivityQuery {
  const base = { since: window.since, ...(window.until !== undefined && { until: window.until }) };
  switch (subject.kind) {
    case 'principal':
      return { ...base, principal: subject.value };
    case 'resource':
      return { ...base, resource: subject.value };
    case 'accessKey':
      return { ...base, accessKeyId: subject.value };
    case 'ip':
      return { ...base, sourceIp: subject.value };
    case 'event':
      return { ...base, eventId: subject.value };
    case 'window':
      return base;
  }
}
