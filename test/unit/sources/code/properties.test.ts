import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { Catalog } from '../../../../src/core/catalog';
import { forgetOutcomes } from '../../../../src/core/documentMemo';
import { lintSource, lintText } from '../../../../src/core/lint';
import type { SourceFormat } from '../../../../src/core/policy/model';
import { readPolicySource } from '../../../../src/core/sources';
import { CodeTrees } from '../../../../src/core/sources/code';
import { loadGrammars } from '../../helpers/grammars';
import { catalogFile, repoRoot } from '../../helpers/paths';

/**
 * Random edits (seeded, so a failure repeats): an incremental re-parse gives the tree a full parse gives,
 * and a lint that takes remembered per-document outcomes gives the findings a fresh lint gives.
 */
const FIXTURES: readonly [string, SourceFormat][] = [
  ['test/fixtures/cdk/lib/app-stack.ts', 'typescript'],
  ['test/fixtures/terraform/main.tf', 'terraform'],
  ['test/fixtures/workspace/templates/reporting-stack.yaml', 'yaml'],
  ['test/fixtures/workspace/policies/wide-open.json', 'json'],
];
const INSERTS = [' ', '\n', '\r\n', '\t', 'x', "'", '"', ',', '{', '}', '[', ']', '${', '*', ':', '😀', 's3:GetObject'];

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `text` with one random insertion, deletion or replacement. */
function edit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const insert = INSERTS[Math.floor(next() * INSERTS.length)]!;
  const remove = next() < 0.4 ? Math.floor(next() * 6) : 0;
  return text.slice(0, at) + (next() < 0.8 ? insert : '') + text.slice(at + remove);
}

describe('random edits', () => {
  let warm: Catalog;
  let cold: Catalog;
  before(async () => {
    await loadGrammars();
    warm = Catalog.load(catalogFile);
    cold = Catalog.load(catalogFile);
  });

  for (const [file, format] of FIXTURES.filter(([, f]) => f === 'typescript' || f === 'terraform')) {
    test(`${path.basename(file)}: an incremental re-parse gives the tree of a full parse`, () => {
      const next = random(7);
      let text = readFileSync(path.join(repoRoot, file), 'utf8');
      const trees = new CodeTrees();
      const fresh = new CodeTrees();
      try {
        for (let i = 0; i < 150; i++) {
          text = edit(text, next);
          const incremental = trees.parse(format as 'typescript' | 'terraform', text)!.rootNode.toString();
          assert.equal(
            incremental,
            fresh.parse(format as 'typescript' | 'terraform', text)!.rootNode.toString(),
            `after edit ${i}`,
          );
          fresh.dispose();
        }
      } finally {
        trees.dispose();
        fresh.dispose();
      }
    });
  }

  for (const [file, format] of FIXTURES) {
    test(`${path.basename(file)}: remembered per-document outcomes give the findings of a fresh lint`, () => {
      const next = random(11);
      let text = readFileSync(path.join(repoRoot, file), 'utf8');
      const trees = new CodeTrees();
      try {
        for (let i = 0; i < 60; i++) {
          text = edit(text, next);
          const remembered = lintSource(readPolicySource(text, format, { trees }), text, warm).findings;
          forgetOutcomes(cold);
          const fresh = lintText(text, format, cold).findings;
          assert.deepEqual(remembered, fresh, `after edit ${i}`);
        }
      } finally {
        trees.dispose();
      }
    });
  }
});
