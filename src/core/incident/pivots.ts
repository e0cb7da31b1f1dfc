import type { Profile } from './analysis';
import type { Subject, SubjectKind } from './subject';

/** Another investigation one click away: a principal, a resource, a key or an address the events share. */
export interface Pivot {
  readonly kind: Exclude<SubjectKind, 'event'>;
  readonly value: string;
  /** Events of the report that name it. */
  readonly count: number;
}

const PER_KIND = 8;

/** The profile's principals, resources, keys and addresses, the subject itself left out. */
export function pivotsOf(profile: Profile, subject: Subject): Pivot[] {
  const lists: [Pivot['kind'], Profile['principals']][] = [
    ['principal', profile.principals],
    ['resource', profile.resources],
    ['accessKey', profile.accessKeys],
    ['ip', profile.sourceIps],
  ];
  return lists.flatMap(([kind, tallies]) =>
    tallies
      .filter((t) => !(subject.kind === kind && subject.value === t.value))
      // Display names without an ARN (a service, `anonymous`) cannot be asked back as principals.
      .filter((t) => kind !== 'principal' || t.value.startsWith('arn:'))
      .slice(0, PER_KIND)
      .map((t) => ({ kind, value: t.value, count: t.count })),
  );
}
