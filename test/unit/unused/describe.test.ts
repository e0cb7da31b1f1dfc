/**
 * The one line that says what an answer about a principal rests on (CodeLens, hover, report): each
 * source with the time it covers, the AWS calls it cost (a query's bytes and time, a scan cut short) and
 * when it answered; then what is missing and why.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEvidence, type CloudTrailEvidence, type Evidence, type MissingEvidence } from '../../../src/core';

const NOW = Date.parse('2026-12-01T12:00:00Z');
const MINUTE = 60_000;
const DAY = 86_400_000;

function trail(label: string, days: number, more: Partial<CloudTrailEvidence> = {}): CloudTrailEvidence {
  return {
    kind: 'cloudtrail',
    label,
    window: { since: NOW - days * DAY, until: NOW },
    fetchedAt: NOW,
    dataEvents: true,
    dataEventServices: [],
    used: [],
    denied: [],
    ...more,
  };
}

const LOG_FILES = trail('CloudTrail log files', 0.25, { window: { since: NOW - 6 * 3_600_000, until: NOW } });
const ATHENA = trail('CloudTrail in Athena', 90, {
  fetchedAt: NOW - 3 * MINUTE,
  cost: { calls: 6, bytesScanned: 1.25 * 1024 ** 2, queryMs: 3140 },
});
const LOOKUP = trail('CloudTrail LookupEvents', 2, {
  fetchedAt: NOW - MINUTE,
  regions: ['us-east-1'],
  dataEvents: false,
  cost: { calls: 20 },
  cut: 'stopped after 20 pages in us-east-1: older calls not read',
});
const LAST_ACCESSED: Evidence = {
  kind: 'lastAccessed',
  label: 'IAM last-accessed data',
  window: { since: NOW - 400 * DAY, until: NOW },
  fetchedAt: NOW - 5 * MINUTE,
  cost: { calls: 3 },
  services: [],
};
const ANALYZER: Evidence = {
  kind: 'accessAnalyzer',
  label: 'IAM Access Analyzer',
  window: { since: NOW - 90 * DAY, until: NOW },
  fetchedAt: NOW - 2 * 3_600_000,
  cost: { calls: 1 },
  unusedAccessAgeDays: 90,
  findings: [],
};
const NO_ROLES: MissingEvidence = {
  kind: 'cloudtrail',
  label: 'CloudTrail LookupEvents',
  reason: "LookupEvents cannot ask for a role's calls",
};

const cases: [string, readonly Evidence[], readonly MissingEvidence[], string][] = [
  [
    'log files: read from disk, no AWS call',
    [LOG_FILES],
    [],
    'based on 6 hours of CloudTrail log files (2026-12-01 to 2026-12-01) read just now',
  ],
  [
    "Athena: the query's calls, bytes scanned and time",
    [ATHENA],
    [],
    'based on 90 days of CloudTrail in Athena (2026-09-02 to 2026-12-01) from 6 AWS calls (1 query, 1.3 MB scanned in 3.1 s) 3 minutes ago',
  ],
  [
    'LookupEvents cut by its page budget, in its Regions',
    [LOOKUP],
    [],
    'based on 2 days of CloudTrail LookupEvents in 1 Region (2026-11-29 to 2026-12-01) from 20 AWS calls (stopped after 20 pages in us-east-1: older calls not read) 1 minute ago',
  ],
  [
    'every source, each with its own cost and age, and what is missing',
    [ATHENA, LAST_ACCESSED, ANALYZER],
    [NO_ROLES],
    "based on 90 days of CloudTrail in Athena (2026-09-02 to 2026-12-01) from 6 AWS calls (1 query, 1.3 MB scanned in 3.1 s) 3 minutes ago, 400 days of IAM last-accessed data (2025-10-27 to 2026-12-01) from 3 AWS calls 5 minutes ago and IAM Access Analyzer (unused for 90 days or more) from 1 AWS call 2 hours ago; CloudTrail LookupEvents: LookupEvents cannot ask for a role's calls",
  ],
  [
    'nothing but what is missing',
    [],
    [NO_ROLES],
    "no evidence of use; CloudTrail LookupEvents: LookupEvents cannot ask for a role's calls",
  ],
];

for (const [name, evidence, missing, line] of cases)
  test(`the evidence in one line: ${name}`, () => {
    assert.equal(describeEvidence({ principal: 'arn:aws:iam::111122223333:user/u', evidence, missing }, NOW), line);
  });
