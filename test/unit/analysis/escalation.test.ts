import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ESCALATION_METHODS, findEscalations, reachesAdministrator } from '../../../src/core/analysis/escalation';
import { Catalog } from '../../../src/core/catalog';
import { catalogFile } from '../helpers/paths';

const catalog = Catalog.load(catalogFile);

describe('privilege-escalation methods', () => {
  test('every action of every method is in the catalog, and names are unique', () => {
    const missing = ESCALATION_METHODS.flatMap((m) =>
      m.actions.filter((a) => !catalog.action(a)).map((a) => `${m.name}: ${a}`),
    );
    assert.deepEqual(missing, []);
    assert.equal(new Set(ESCALATION_METHODS.map((m) => m.name)).size, ESCALATION_METHODS.length);
    assert.equal(ESCALATION_METHODS.filter((m) => m.source === 'Rhino Security Labs').length, 22);
  });

  test('methods fully present are found, with the sites of each action; supersets of a found method (CreateAccessKey + DeleteAccessKey) are left out', () => {
    const granted = new Set(
      [
        'iam:PassRole',
        'lambda:CreateFunction',
        'lambda:InvokeFunction',
        'iam:PutRolePolicy',
        'sts:AssumeRole',
        'iam:CreateAccessKey',
        'iam:DeleteAccessKey',
      ].map((n) => catalog.action(n)!),
    );
    const found = findEscalations(catalog, (action) => (granted.has(action) ? [action.fullName] : undefined));
    assert.deepEqual(found.map((f) => f.method.name).sort(), [
      'CreateAccessKey',
      'PassExistingRoleToNewLambdaThenInvoke',
      'PutRolePolicy',
    ]);
    const lambda = found.find((f) => f.method.name === 'PassExistingRoleToNewLambdaThenInvoke')!;
    assert.deepEqual(lambda.sites, [['iam:PassRole'], ['lambda:CreateFunction'], ['lambda:InvokeFunction']]);
  });

  test('the methods that reach administrator write or attach a policy, and every method they need exists', () => {
    const admin = ESCALATION_METHODS.filter(reachesAdministrator).map((m) => m.name);
    assert.equal(admin.length, 13);
    // Each writes a policy (Attach*/Put*/CreatePolicyVersion); none passes a role or depends on an existing one.
    for (const m of ESCALATION_METHODS.filter(reachesAdministrator)) {
      assert.ok(
        m.actions.some((a) => /^iam:(Attach|Put)(User|Group|Role)Policy$|^iam:CreatePolicyVersion$/.test(a)),
        m.name,
      );
      assert.equal(m.passedTo, undefined, m.name);
    }
    // Keys of another user, or an older policy version, give what those already have: it depends.
    for (const name of ['CreateAccessKey', 'SetExistingDefaultPolicyVersion', 'UpdateRolePolicyToAssumeIt']) {
      assert.equal(reachesAdministrator(ESCALATION_METHODS.find((m) => m.name === name)!), false, name);
    }
  });

  test('a missing action means no method', () => {
    const granted = new Set(['iam:PassRole', 'lambda:CreateFunction'].map((n) => catalog.action(n)!));
    assert.deepEqual(
      findEscalations(catalog, (action) => (granted.has(action) ? [1] : undefined)),
      [],
    );
  });
});
