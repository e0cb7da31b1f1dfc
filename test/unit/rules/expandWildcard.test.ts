import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Catalog } from '../../../src/core/catalog';
import { targetAt } from '../../../src/core/policy/cursor';
import { expandWildcardFixes } from '../../../src/core/rules/fixes/expandWildcard';
import type { Fix } from '../../../src/core/rules/types';
import { readPolicySource } from '../../../src/core/sources';
import { catalogFile } from '../helpers/paths';
import { applyFix } from '../helpers/edits';

const catalog = Catalog.load(catalogFile);

function fixesAt(text: string, format: 'json' | 'yaml', needle: string): Fix[] {
  const target = targetAt(readPolicySource(text, format), text.indexOf(needle) + 1);
  assert.ok(target?.kind === 'action' && target.value, `no action at ${needle}`);
  return expandWildcardFixes(text, format, catalog, target.value, target.list);
}

const apply = applyFix;

/** The actions a fixed document's statement names, expanded: what it grants. */
function granted(text: string, format: 'json' | 'yaml'): string[] {
  const source = readPolicySource(text, format);
  assert.deepEqual(source.problems, [], text);
  const names = source.documents.flatMap((d) =>
    d.statements.flatMap((s) => s.action?.list.values.map((v) => v.text) ?? []),
  );
  return [...new Set(names.flatMap((n) => catalog.expand(n).actions.map((a) => a.fullName)))].sort();
}

const all = (pattern: string) => catalog.expand(pattern).actions.map((a) => a.fullName);

describe('replace a wildcard with its expansion', () => {
  test('a multi-line JSON array gets one action per line', () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "Allow",\n    "Action": [\n      "sqs:ListQueues",\n      "sqs:Get*"\n    ],\n    "Resource": "*"\n  }]\n}';
    const [every] = fixesAt(text, 'json', 'sqs:Get*');
    assert.match(every!.title, /^Replace 'sqs:Get\*' with its \d+ actions$/);
    const fixed = apply(text, every!);
    assert.ok(fixed.includes(`      "${all('sqs:Get*')[0]}",\n      "${all('sqs:Get*')[1]}"`), fixed);
    assert.deepEqual(granted(fixed, 'json'), granted(text, 'json'));
  });

  test('a single JSON value becomes an array; Read/List only is offered when the pattern also writes', () => {
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:*", "Resource": "*"}]}';
    const fixes = fixesAt(text, 'json', 'sqs:*');
    assert.equal(fixes.length, 2);
    assert.match(fixes[1]!.title, /at Read and List level only/);
    const reads = granted(apply(text, fixes[1]!), 'json');
    assert.ok(reads.length > 0 && reads.every((a) => ['Read', 'List'].includes(catalog.action(a)!.accessLevel)));
    assert.deepEqual(granted(apply(text, fixes[0]!), 'json'), all('sqs:*').sort());
  });

  test('a YAML block sequence entry becomes several entries at its column', () => {
    const text =
      'Version: "2012-10-17"\nStatement:\n  - Effect: Allow\n    Action:\n      - sqs:ListQueues\n      - "sqs:Get*"\n    Resource: "*"\n';
    const fixed = apply(text, fixesAt(text, 'yaml', 'sqs:Get*')[0]!);
    assert.ok(fixed.includes(`      - "${all('sqs:Get*')[0]}"\n      - "${all('sqs:Get*')[1]}"`), fixed);
    assert.deepEqual(granted(fixed, 'yaml'), granted(text, 'yaml'));
  });

  test("a YAML scalar after a sequence entry's key becomes a block sequence under the key", () => {
    const text = 'Version: "2012-10-17"\nStatement:\n  - Action: sqs:Get*\n    Effect: Allow\n    Resource: "*"\n';
    const fixed = apply(text, fixesAt(text, 'yaml', 'sqs:Get*')[0]!);
    assert.ok(
      fixed.startsWith(`Version: "2012-10-17"\nStatement:\n  - Action:\n      - ${all('sqs:Get*')[0]}\n`),
      fixed,
    );
    assert.deepEqual(granted(fixed, 'yaml'), granted(text, 'yaml'));
  });

  test('YAML flow styles stay flow', () => {
    const text =
      'Version: "2012-10-17"\nStatement:\n  - {Effect: Allow, Action: sqs:Get*, Resource: "*"}\n  - {Effect: Allow, Action: [sqs:ListQueues, sqs:Get*], Resource: "*"}\n';
    const first = apply(text, fixesAt(text, 'yaml', 'sqs:Get*, Resource')[0]!);
    assert.ok(first.includes(`Action: [${all('sqs:Get*').join(', ')}], Resource`), first);
    granted(first, 'yaml');
    const second = apply(text, fixesAt(text, 'yaml', 'sqs:Get*]')[0]!);
    assert.ok(second.includes(`[sqs:ListQueues, ${all('sqs:Get*').join(', ')}]`), second);
    granted(second, 'yaml');
  });

  test('nothing for a plain action, an unknown pattern, or an expansion of hundreds', () => {
    const text =
      '{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:Gte*", "ec2:*"], "Resource": "*"}]}';
    assert.deepEqual(fixesAt(text, 'json', 's3:GetObject'), []);
    assert.deepEqual(fixesAt(text, 'json', 's3:Gte*'), []);
    assert.ok(
      fixesAt(text, 'json', 'ec2:*').every((f) => f.title.includes('Read and List')),
      'ec2:* in full is too long; its reads may not be',
    );
  });
});
