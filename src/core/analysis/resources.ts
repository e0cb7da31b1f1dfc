/**
 * How far a Resource value reaches, for the grant analysis: everything (`"*"`), every resource of one
 * type (`arn:aws:iam::111122223333:role/*`), or something narrower. Unknown parts (CloudFormation
 * `${AWS::AccountId}`) may stand for the partition, region or account; anywhere else they make the
 * value narrower as far as we can tell, so nothing is claimed about it.
 */
import { BoundedMemo } from '../catalog/memo';
import type { Value } from '../policy/model';

export type Reach = 'everything' | 'every-of-a-type' | 'narrower';

/** The resource part of an ARN that names every resource of a type: `*`, `*\/*`, `role/*`, `function:*`, `secret:*`. */
const EVERY_OF_A_TYPE = /^(\*|\*\/\*|[A-Za-z0-9._-]+[/:]\*)$/;

/** Stands in for an unknown part while the ARN is split. */
const UNKNOWN = '\u0000';

/** The value split at colons, each unknown part standing as one NUL character. */
export function arnSegments(value: Value): string[] {
  return (value.parts ? value.parts.map((p) => (typeof p === 'string' ? p : UNKNOWN)).join('') : value.text).split(':');
}

export function reachOf(value: Value): Reach {
  if (value.kind !== 'string') return 'narrower';
  // Both wider reaches end in a wildcard resource: most ARNs are answered without splitting them.
  if (!value.parts && !value.text.endsWith('*')) return 'narrower';
  return value.parts ? reachOfText(value) : reaches.get(value.text, () => reachOfText(value));
}

const reaches = new BoundedMemo<Reach>(20_000);

function reachOfText(value: Value): Reach {
  const segments = arnSegments(value);
  if (segments.length === 1 && segments[0] === '*') return 'everything';
  if (segments.length < 6 || segments[0] !== 'arn') return 'narrower';
  const [, partition, service, region, account] = segments as [string, string, string, string, string];
  // An unknown part that is not a whole partition/region/account segment may hide colons: no claim.
  if ([partition, region, account].some((s) => s.includes(UNKNOWN) && s !== UNKNOWN)) return 'narrower';
  if (service.includes(UNKNOWN)) return 'narrower';
  const resource = segments.slice(5).join(':');
  if (resource.includes(UNKNOWN) || !EVERY_OF_A_TYPE.test(resource)) return 'narrower';
  const anyWhere = [service, region, account].every((s) => s === '*' || s === '');
  return anyWhere && resource === '*' ? 'everything' : 'every-of-a-type';
}
