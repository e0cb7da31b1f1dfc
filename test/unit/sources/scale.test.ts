/** A 1 MB template, JSON and YAML: every policy found, every span exact. Timings: bench/lint.bench.ts. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readPolicySource } from '../../../src/core/sources';
import { checkSpans } from './invariants';
import { jsonTemplate, TARGET, yamlTemplate } from '../../harness/templates';

// Correctness at the CloudFormation maximum size; the timings are in bench/, never in tests.
describe('readPolicySource at scale', () => {
  for (const [format, make] of [
    ['json', jsonTemplate],
    ['yaml', yamlTemplate],
  ] as const) {
    test(`a 1 MB ${format.toUpperCase()} template`, () => {
      const { text, roles } = make();
      assert.ok(text.length >= TARGET);
      const source = readPolicySource(text, format);
      assert.deepEqual(source.problems, []);
      assert.equal(source.documents.length, roles * 2);
      checkSpans(text, source);
    });
  }
});
