/**
 * NotAction, and an Action list holding `*`, grant nearly every action of the catalog: StatementGrants
 * answers for them from a view and from the catalog's figures instead of a map of 22,000 entries. These
 * tests hold the view to the map it replaced, built here the plain way.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scopableActions, statementGrants, type GrantVia } from '../../../src/core/analysis/grants';
import { Catalog, type Action } from '../../../src/core/catalog';
import { ACCESS_LEVELS } from '../../../src/core/catalog/types';
import type { Statement } from '../../../src/core/policy/model';
import { literal } from '../../../src/core/policy/values';
import { readPolicySource } from '../../../src/core/sources';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);

function statementOf(body: string): Statement {
  return readPolicySource(`{"Version": "2012-10-17", "Statement": [{${body}}]}`, 'json').documents[0]!.statements[0]!;
}

/** The reference: the map filled value by value (or every action but those named, for NotAction). */
function plainMap(statement: Statement): Map<Action, GrantVia> {
  const map = new Map<Action, GrantVia>();
  if (statement.notAction) {
    const named = new Set(statement.notAction.list.values.flatMap((v) => catalog.expand(literal(v)!).actions));
    for (const action of catalog.allActions()) if (!named.has(action)) map.set(action, statement.notAction.key);
    return map;
  }
  for (const value of statement.action!.list.values)
    for (const action of catalog.expand(literal(value)!).actions) if (!map.has(action)) map.set(action, value);
  return map;
}

const bodies = [
  '"Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "s3:Get*"], "Resource": "*"',
  '"Effect": "Deny", "NotAction": "sts:AssumeRole", "Resource": "*"',
  '"Effect": "Allow", "Action": ["s3:GetObject", "iam:Pass*", "*", "ec2:RunInstances"], "Resource": "*"',
  '"Effect": "Allow", "Action": "*:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}',
  '"Effect": "Allow", "Action": ["s3:*", "s3:GetObject", "iam:PassRole"], "Resource": "*"',
  '"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"',
];

describe('grants of NotAction and "*": the same answers as the full map', () => {
  for (const body of bodies) {
    test(body, () => {
      const statement = statementOf(body);
      const grants = statementGrants(statement, catalog);
      const expected = plainMap(statement);
      // Levels and scopable actions first: they must not need the map.
      const counts = Object.fromEntries(
        ACCESS_LEVELS.map((level) => [level, [...expected.keys()].filter((a) => a.accessLevel === level).length]),
      );
      assert.deepEqual({ ...grants.countByLevel }, counts);
      for (const level of [undefined, ...ACCESS_LEVELS]) {
        const scopable = [...expected.keys()].filter(
          (a) => !a.wildcardOnly && (level === undefined || a.accessLevel === level),
        );
        const found = scopableActions(grants, level);
        assert.equal(found.count, scopable.length, String(level));
        assert.deepEqual(found.first, scopable.slice(0, 3), String(level));
      }
      const actions = grants.actions;
      assert.equal(actions.size, expected.size);
      assert.deepEqual([...actions.entries()], [...expected.entries()]);
      assert.deepEqual([...actions.keys()], [...expected.keys()]);
      for (const action of [
        catalog.action('iam:PassRole')!,
        catalog.action('s3:GetObject')!,
        catalog.action('sts:AssumeRole')!,
        catalog.action('ec2:RunInstances')!,
      ]) {
        assert.equal(actions.get(action), expected.get(action), action.fullName);
        assert.equal(actions.has(action), expected.has(action), action.fullName);
      }
    });
  }
});
