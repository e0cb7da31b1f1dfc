import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findReferences } from '../../../src/core';
import type { ResourceReference } from '../../../src/core';
import { repoRoot } from '../helpers/paths';

/** A fixture of test/fixtures/refs. */
export function fixture(name: string): string {
  return readFileSync(path.join(repoRoot, 'test', 'fixtures', 'refs', name), 'utf8');
}

/**
 * The references of `text` as rows a table can state: the text at the span, how it was found, the
 * type, the name and the lookup. Checks on the way what every answer must hold: sorted by span, one
 * per span, and `text` is what the file holds at the span.
 */
export function rows(text: string, languageId: string): string[][] {
  return describe(text, findReferences(text, languageId));
}

export function describe(text: string, references: readonly ResourceReference[]): string[][] {
  for (let i = 0; i < references.length; i++) {
    const { span } = references[i]!;
    assert.equal(text.slice(span.start, span.end), references[i]!.text, `text at ${span.start}-${span.end}`);
    const previous = references[i - 1]?.span;
    if (previous) {
      assert.ok(
        previous.start < span.start || (previous.start === span.start && previous.end < span.end),
        'sorted, one per span',
      );
    }
  }
  return references.map((r) => [
    text.slice(r.span.start, r.span.end),
    r.via,
    r.resourceType ?? '',
    r.name ?? '',
    `${r.lookup.attribute}=${r.lookup.value}`,
  ]);
}
