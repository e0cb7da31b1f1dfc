import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { repoRoot } from '../helpers/paths';
import { agreement, mappedRules, pantherCases } from './pantherAgreement';

// A subset copied into the fixtures (Apache-2.0, origin in its README) always runs; the full file is read
// in place from the shared data beside the project when it is there.
const SUBSET = path.join(repoRoot, 'test', 'fixtures', 'panther', 'cloudtrail-cases.jsonl');
const FULL = path.join(repoRoot, '..', 'shared', 'data', 'panther-cloudtrail-rule-tests.jsonl');
const skip = existsSync(FULL) ? false : 'needs ../shared/data/panther-cloudtrail-rule-tests.jsonl';

describe("detections agree with Panther's test cases", () => {
  test('the copied subset: every case of every mapped rule in it', () => {
    const rows = agreement(pantherCases(readFileSync(SUBSET, 'utf8')));
    assert.ok(rows.length >= 15, `${rows.length} rules`);
    for (const row of rows) assert.deepEqual(row.disagreed, [], `${row.rule} (${row.detection})`);
  });

  test('the full file: every mapped rule has cases, and every case agrees', { skip }, () => {
    const rows = agreement(pantherCases(readFileSync(FULL, 'utf8')));
    assert.deepEqual(
      rows.map((row) => row.rule).sort(),
      mappedRules()
        .map(([rule]) => rule)
        .sort(),
    );
    for (const row of rows) assert.deepEqual(row.disagreed, [], `${row.rule} (${row.detection})`);
    if (process.env.PRINT_AGREEMENT) {
      for (const row of rows) console.log(`| \`${row.rule}\` | \`${row.detection}\` | ${row.cases} | ${row.agreed} |`);
    }
  });
});
