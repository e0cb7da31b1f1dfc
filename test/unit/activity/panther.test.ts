import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { normaliseRecord } from '../../../src/core/activity/normalise';
import { repoRoot } from '../helpers/paths';

// Panther's CloudTrail detection test cases (Apache-2.0), read in place from the shared data beside the
// project. Many are CloudTrail records trimmed by hand, some are other logs altogether.
const FILE = path.join(repoRoot, '..', 'shared', 'data', 'panther-cloudtrail-rule-tests.jsonl');
const skip = existsSync(FILE) ? false : 'needs ../shared/data/panther-cloudtrail-rule-tests.jsonl';

describe("Panther's 319 CloudTrail rule tests", { skip }, () => {
  const logs = skip
    ? []
    : readFileSync(FILE, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => (JSON.parse(line) as { log: unknown }).log);

  test('every log normalises or says which field it lacks, without throwing', () => {
    assert.equal(logs.length, 319);
    const results = logs.map((log) => normaliseRecord(log));
    const failures = results.flatMap((r) => (r.ok ? [] : [r.reason]));
    for (const reason of failures) assert.match(reason, /^its (eventID|eventTime|eventSource|eventName|awsRegion) is /);
    assert.ok(results.length - failures.length >= 230, `${results.length - failures.length} normalised`);
  });

  test('every normalised event has a principal name and ARNs that are ARNs', () => {
    for (const result of logs.map((log) => normaliseRecord(log))) {
      if (!result.ok) continue;
      assert.notEqual(result.event.principal.name, '');
      for (const r of result.event.resources) if (r.arn !== undefined) assert.ok(r.arn.startsWith('arn:'), r.arn);
    }
  });
});
