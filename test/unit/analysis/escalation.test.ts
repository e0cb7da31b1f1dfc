import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ESCALATION_METHODS, findEscalations } from '../../../src/core/analysis/escalation';
import { Catalog } from '../../../src/core/catalog';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);

describe('privilege-escalation methods', () => {
  test("every action of every method is in the catalog, and names are unique", () => {
    const missing = ESCALATION_METHODS.flatMap((m) => m.actions.filter((a) => !catalog.action(a)).map((a) => `${m.name}: ${a}`));
    assert.deepEqual(missing, []);
    assert.equal(new Set(ESCALATION_METHODS.map((m) => m.name)).size, ESCALATION_METHODS.length);
    assert.equal(ESCALATION_METHODS.filter((m) => m.source === 'Rhino Security Labs').length, 22);
  });

  test('methods fully present are found, with the sites of each action; supersets of a found method (CreateAccessKey + DeleteAccessKey) are left out', () => {
    const granted = new Set(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction', 'iam:PutRolePolicy', 'sts:AssumeRole', 'iam:CreateAccessKey', 'iam:DeleteAccessKey'].map((n) => catalog.action(n)!));
    const found = findEscalations(catalog, (action) => (granted.has(action) ? [action.fullName] : undefined));
    assert.deepEqual(found.map((f) => f.method.name).sort(), ['CreateAccessKey', 'PassExistingRoleToNewLambdaThenInvoke', 'PutRolePolicy']);
    const lambda = found.find((f) => f.method.name === 'PassExistingRoleToNewLambdaThenInvoke')!;
    assert.deepEqual(lambda.sites, [['iam:PassRole'], ['lambda:CreateFunction'], ['lambda:InvokeFunction']]);
  });

  test('a missing action means no method', () => {
    const granted = new Set(['iam:PassRole', 'lambda:CreateFunction'].map((n) => catalog.action(n)!));
    assert.deepEqual(findEscalations(catalog, (action) => (granted.has(action) ? [1] : undefined)), []);
  });
});
