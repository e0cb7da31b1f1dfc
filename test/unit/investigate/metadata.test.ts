import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DETECTIONS } from '../../../src/core';

const SEVERITIES = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

describe("every detection's metadata is complete", () => {
  test('ids are unique and kebab-case', () => {
    const ids = DETECTIONS.map((d) => d.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  for (const d of DETECTIONS) {
    test(d.id, () => {
      assert.ok(SEVERITIES.includes(d.severity));
      assert.ok(d.title.length > 5 && d.description.length > 30);
      assert.match(d.mitre.technique, /^T\d{4}(?:\.\d{3})?$/);
      assert.ok(d.mitre.name.length > 3);
      assert.ok(d.references.length >= 2);
      for (const url of d.references) assert.match(url, /^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\//);
      // The ATT&CK page linked is the technique's own.
      const attack = d.references.find((url) => url.startsWith('https://attack.mitre.org/'));
      assert.ok(attack?.includes(d.mitre.technique.replace('.', '/')), `${d.id}: ${attack}`);
      for (const rule of [d.panther, ...(d.pantherAlso ?? [])])
        if (rule !== undefined) assert.match(rule, /^AWS\.[A-Za-z0-9.-]+$/);
      if (d.eventNames !== 'any') {
        assert.ok(d.eventNames.length > 0);
        for (const pair of d.eventNames) assert.match(pair, /^[a-z0-9-]+\.amazonaws\.com:[A-Za-z0-9]+$/);
      }
    });
  }
});
