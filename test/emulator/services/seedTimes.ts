/**
 * Times in the seed's IAM, Access Analyzer and CloudFormation sections are ages ("used 3 days ago"),
 * counted back from the emulator's start, the moment CloudTrail's history is moved to: so the
 * last-accessed data, the findings and the stacks stay as recent relative to the replayed events
 * whenever the emulator runs.
 */
import { type Fields, optionalNumber, ValidationError } from '../validate';

const DAY_MS = 24 * 60 * 60 * 1000;
/** IAM reports at most 400 days; nothing older is seeded. */
const MAX_AGE_DAYS = 400;

/** The epoch ms `key` (a number of days, fractions allowed) before `startedAtMs`, in whole seconds as AWS records them. */
export function optionalAge(obj: Fields, key: string, path: string, startedAtMs: number): number | undefined {
  const days = optionalNumber(obj, key, path, 0, MAX_AGE_DAYS);
  return days === undefined ? undefined : Math.floor((startedAtMs - days * DAY_MS) / 1000) * 1000;
}

/** As {@link optionalAge}, required. */
export function requiredAge(obj: Fields, key: string, path: string, startedAtMs: number): number {
  const at = optionalAge(obj, key, path, startedAtMs);
  if (at === undefined) throw new ValidationError(`${path}.${key}: required, a number of days`);
  return at;
}
