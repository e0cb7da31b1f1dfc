import { normaliseRecord, detectionFactsOf, DETECTIONS, type Detection } from '../../../src/core';

/** One of Panther's test cases: a CloudTrail record and whether the named rule fires on it. */
export interface PantherCase {
  readonly ruleId: string;
  readonly test: string;
  readonly expected: boolean;
  /**
   * Panther's test mocks a look-up the rule makes. The file records only that it does, not the values:
   * the nine such cases of the rules mapped here (AWS.Console.LoginWithoutMFA's eight and
   * AWS.Console.RootLogin's one) mock the "is this user or account new?" and account-name look-ups,
   * which only hold alerts back for accounts created days ago or name the account in the title. They
   * are evaluated like the others, as for an account and user that are not new: no case is left out.
   */
  readonly mocks?: unknown;
  readonly log: Record<string, unknown>;
}

/** Per Panther rule: which detection answers for it, and how many of its cases agree. */
export interface RuleAgreement {
  readonly rule: string;
  readonly detection: string;
  readonly cases: number;
  readonly agreed: number;
  readonly disagreed: readonly string[];
}

/** Each case's JSON line, read. */
export function pantherCases(text: string): PantherCase[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as PantherCase);
}

/**
 * Panther's test logs are often fragments (no eventID, eventTime "redacted", no awsRegion): the fields
 * the event model requires and no detection reads are filled in, so that every case is an event.
 */
function completed(log: Record<string, unknown>, index: number): Record<string, unknown> {
  const time =
    typeof log.eventTime === 'string' && /^\d{4}-\d{2}-\d{2}/.test(log.eventTime) ? log.eventTime : undefined;
  return {
    ...log,
    eventID: typeof log.eventID === 'string' && log.eventID !== '' ? log.eventID : `panther-case-${index}`,
    eventTime: time ?? '2019-01-01T00:00:00Z',
    awsRegion: typeof log.awsRegion === 'string' && log.awsRegion !== '' ? log.awsRegion : 'us-east-1',
  };
}

/**
 * Whether the detection fires on (an event detection) or counts (a stream detection) this record, as a
 * run would decide it: an event whose source and name the detection does not list never reaches it.
 */
function decides(detection: Detection, log: Record<string, unknown>, index = 0): boolean {
  const record = completed(log, index);
  const read = normaliseRecord(record);
  if (!read.ok) throw new Error(`case ${index} is not an event: ${read.reason}`);
  const pair = `${read.event.eventSource}:${read.event.eventName}`;
  if (detection.eventNames !== 'any' && !detection.eventNames.includes(pair)) return false;
  const facts = detectionFactsOf(record);
  return detection.kind === 'event'
    ? detection.check(read.event, facts) !== undefined
    : detection.counts(read.event, facts);
}

/** The Panther rules each detection answers for. */
export function mappedRules(): [rule: string, detection: Detection][] {
  return DETECTIONS.flatMap((d) =>
    [d.panther, ...(d.pantherAlso ?? [])].filter((r) => r !== undefined).map((r): [string, Detection] => [r, d]),
  );
}

/** Agreement per mapped rule over the given cases (rules without a case in them are left out). */
export function agreement(cases: readonly PantherCase[]): RuleAgreement[] {
  return mappedRules().flatMap(([rule, detection]) => {
    const own = cases.map((c, index) => ({ c, index })).filter(({ c }) => c.ruleId === rule);
    if (own.length === 0) return [];
    const disagreed = own
      .filter(({ c, index }) => decides(detection, c.log, index) !== c.expected)
      .map(({ c }) => `${c.test} (expected ${c.expected})`);
    return [{ rule, detection: detection.id, cases: own.length, agreed: own.length - disagreed.length, disagreed }];
  });
}
