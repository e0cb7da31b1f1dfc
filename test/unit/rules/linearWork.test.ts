/**
 * The whole linter does work in proportion to the policy, counted rather than timed: the model's lists
 * (a document's statements; a statement's actions and resources) count every read of their items, by
 * every rule, the memo and the reading of grants. A rule that goes over the document (or the list) again
 * for each statement (or item) it reports shows as four times the reads per item when the input is four
 * times larger; the tests allow ×5 reads for ×4 input.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Catalog } from '../../../src/core/catalog';
import { forgetOutcomes } from '../../../src/core/documentMemo';
import { lintSource } from '../../../src/core/lint';
import type { PolicyDocument, PolicySource, Statement, ValueList } from '../../../src/core/policy/model';
import { readPolicySource } from '../../../src/core/sources';
import { actionsPolicy, resourcesPolicy, statementsPolicy } from '../../harness/hugePolicies';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);

/** An array that counts the reads of its items (indexing, iteration, the array methods). */
function counted<T>(items: readonly T[], reads: { count: number }): readonly T[] {
  return new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && key !== 'length' && /^\d+$/.test(key)) reads.count++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

function countedList(list: ValueList, reads: { count: number }): ValueList {
  return { ...list, values: counted(list.values, reads) };
}

/** The source with its statements (and the values of Action and Resource) counting reads. */
function countingSource(source: PolicySource, reads: { count: number }): PolicySource {
  const documents = source.documents.map((document): PolicyDocument => ({
    ...document,
    statements: counted(
      document.statements.map((s): Statement => ({
        ...s,
        ...(s.action && { action: { ...s.action, list: countedList(s.action.list, reads) } }),
        ...(s.resource && { resource: { ...s.resource, list: countedList(s.resource.list, reads) } }),
      })),
      reads,
    ),
  }));
  return { ...source, documents };
}

/** Reads per lint of the text. */
function reads(text: string): number {
  const counter = { count: 0 };
  const source = countingSource(readPolicySource(text, 'json'), counter);
  // Nothing remembered from an earlier lint: every rule runs.
  forgetOutcomes(catalog);
  lintSource(source, text, catalog);
  return counter.count;
}

function assertLinear(name: string, make: (n: number) => string, n: number): void {
  const small = reads(make(n));
  const large = reads(make(4 * n));
  assert.ok(
    large <= 5 * small,
    `${name}: ${small} reads for ${n}, ${large} for ${4 * n} (×${(large / small).toFixed(2)})`,
  );
}

describe('work grows linearly with the input (reads of the model, every rule)', () => {
  test('statements', () => assertLinear('statements', (n) => statementsPolicy(catalog, n), 300));
  test('actions of one statement', () => assertLinear('actions', (n) => actionsPolicy(catalog, n), 1_000));
  test('resources of one statement', () => assertLinear('resources', (n) => resourcesPolicy(n), 1_000));
});
