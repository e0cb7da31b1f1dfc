import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ActivityPrincipal } from '../../../src/core';
import { ACCOUNT, apiCall, eventOf } from './records';

/** The principal of an S3 GetObject record with this userIdentity (or none, for undefined). */
function principalWith(userIdentity: unknown, fields: Record<string, unknown> = {}): ActivityPrincipal {
  const record = apiCall('s3.amazonaws.com', 'GetObject', { userIdentity, ...fields });
  if (userIdentity === undefined) delete record.userIdentity;
  return eventOf(record).principal;
}

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/deploy`;
const SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/ci-run-42`;
const ANONYMOUS = { type: 'Anonymous', name: 'anonymous' };

describe('principals', () => {
  const cases: [label: string, userIdentity: unknown, expected: ActivityPrincipal][] = [
    [
      'an IAM user',
      {
        type: 'IAMUser',
        principalId: 'AIDAEXAMPLE',
        arn: `arn:aws:iam::${ACCOUNT}:user/ops/Alice`,
        accountId: ACCOUNT,
      },
      { type: 'IAMUser', name: 'Alice', arn: `arn:aws:iam::${ACCOUNT}:user/ops/Alice`, account: ACCOUNT },
    ],
    [
      'a role session, with its issuer',
      {
        type: 'AssumedRole',
        principalId: 'AROAEXAMPLE:ci-run-42',
        arn: SESSION_ARN,
        accountId: ACCOUNT,
        accessKeyId: 'ASIAEXAMPLE',
        sessionContext: {
          sessionIssuer: {
            type: 'Role',
            principalId: 'AROAEXAMPLE',
            arn: ROLE_ARN,
            accountId: ACCOUNT,
            userName: 'deploy',
          },
          attributes: { creationDate: '2024-05-01T09:00:00Z', mfaAuthenticated: 'false' },
        },
      },
      {
        type: 'AssumedRole',
        name: 'deploy/ci-run-42',
        arn: SESSION_ARN,
        account: ACCOUNT,
        roleArn: ROLE_ARN,
        sessionName: 'ci-run-42',
      },
    ],
    [
      'a role session without sessionContext: the names come from the ARN',
      { type: 'AssumedRole', principalId: 'AROAEXAMPLE:ci-run-42', arn: SESSION_ARN, accountId: ACCOUNT },
      { type: 'AssumedRole', name: 'deploy/ci-run-42', arn: SESSION_ARN, account: ACCOUNT, sessionName: 'ci-run-42' },
    ],
    [
      'a role session known only by its principalId',
      { type: 'AssumedRole', principalId: 'AROAEXAMPLE:ci-run-42', accountId: ACCOUNT },
      { type: 'AssumedRole', name: 'ci-run-42', account: ACCOUNT, sessionName: 'ci-run-42' },
    ],
    [
      'the root user (userName holds the account alias)',
      {
        type: 'Root',
        principalId: ACCOUNT,
        arn: `arn:aws:iam::${ACCOUNT}:root`,
        accountId: ACCOUNT,
        userName: 'my-alias',
      },
      { type: 'Root', name: 'root', arn: `arn:aws:iam::${ACCOUNT}:root`, account: ACCOUNT },
    ],
    [
      'an AWS service',
      { type: 'AWSService', invokedBy: 'cloudtrail.amazonaws.com' },
      { type: 'AWSService', name: 'cloudtrail.amazonaws.com', invokedBy: 'cloudtrail.amazonaws.com' },
    ],
    [
      'a service acting for a user',
      {
        ...{ type: 'IAMUser', arn: `arn:aws:iam::${ACCOUNT}:user/Alice`, userName: 'Alice' },
        invokedBy: 'AWS Internal',
      },
      { type: 'IAMUser', name: 'Alice', arn: `arn:aws:iam::${ACCOUNT}:user/Alice`, invokedBy: 'AWS Internal' },
    ],
    [
      'a service event that records only the account and the service',
      { accountId: ACCOUNT, invokedBy: 'AWS Internal' },
      { type: 'AWSService', name: 'AWS Internal', account: ACCOUNT, invokedBy: 'AWS Internal' },
    ],
    [
      'another account',
      { type: 'AWSAccount', principalId: 'AIDAOTHER', accountId: '444455556666' },
      { type: 'AWSAccount', name: '444455556666', account: '444455556666' },
    ],
    [
      'a federated user',
      {
        type: 'FederatedUser',
        principalId: `${ACCOUNT}:bob`,
        arn: `arn:aws:sts::${ACCOUNT}:federated-user/bob`,
        accountId: ACCOUNT,
        sessionContext: {
          sessionIssuer: { type: 'IAMUser', userName: 'broker', arn: `arn:aws:iam::${ACCOUNT}:user/broker` },
        },
      },
      { type: 'FederatedUser', name: 'bob', arn: `arn:aws:sts::${ACCOUNT}:federated-user/bob`, account: ACCOUNT },
    ],
    [
      'an IAM Identity Center user',
      {
        type: 'IdentityCenterUser',
        accountId: ACCOUNT,
        onBehalfOf: {
          userId: '544894e8-80c1-707f-60e3-3ba6510dfac1',
          identityStoreArn: 'arn:aws:identitystore::111122223333:identitystore/d-9067642ac7',
        },
        credentialId: 'EXAMPLEVHULjJdTUdPJfofVa1sufHDoj7aYcOYcxFVll',
      },
      { type: 'IdentityCenterUser', name: '544894e8-80c1-707f-60e3-3ba6510dfac1', account: ACCOUNT },
    ],
    [
      'a SAML user',
      {
        type: 'SAMLUser',
        principalId: 'SAMLUser:alice@example.com',
        userName: 'alice@example.com',
        identityProvider: 'bdGOnTesti4Ig=',
      },
      { type: 'SAMLUser', name: 'alice@example.com' },
    ],
    [
      'a web identity user',
      {
        type: 'WebIdentityUser',
        principalId: 'accounts.google.com:app:1234',
        userName: '1234',
        identityProvider: 'accounts.google.com',
      },
      { type: 'WebIdentityUser', name: '1234' },
    ],
    [
      'an unknown identity',
      { type: 'Unknown', principalId: 'p-1', accountId: ACCOUNT },
      { type: 'Unknown', name: 'p-1', account: ACCOUNT },
    ],
    ['no userIdentity', undefined, ANONYMOUS],
    ['a null userIdentity', null, ANONYMOUS],
    [
      'an anonymous principal',
      { type: 'AWSAccount', principalId: 'ANONYMOUS_PRINCIPAL', accountId: 'anonymous' },
      ANONYMOUS,
    ],
    ['an anonymous account', { type: 'AWSAccount', principalId: '', accountId: 'ANONYMOUS_PRINCIPAL' }, ANONYMOUS],
    ['a recorded Anonymous', { type: 'Anonymous' }, ANONYMOUS],
    ['fields of the wrong types', { type: 5, userName: ['x'], arn: {} }, { type: 'Unknown', name: 'Unknown' }],
  ];
  for (const [label, identity, expected] of cases) {
    test(label, () => assert.deepEqual(principalWith(identity), expected));
  }

  test('a service event without userIdentity is the service, not an anonymous caller', () => {
    const principal = principalWith(undefined, {
      eventSource: 'organizations.amazonaws.com',
      eventName: 'CreateAccountResult',
      eventType: 'AwsServiceEvent',
    });
    assert.deepEqual(principal, { type: 'AWSService', name: 'organizations.amazonaws.com' });
  });

  test("an anonymous caller's account is the recipient's, never 'anonymous'", () => {
    const record = apiCall('s3.amazonaws.com', 'GetObject', {
      userIdentity: { type: 'AWSAccount', accountId: 'anonymous' },
    });
    assert.equal(eventOf(record).account, ACCOUNT);
    delete record.recipientAccountId;
    assert.equal(eventOf(record).account, undefined);
  });

  test("one caller's events share one principal, however its identities vary and interleave with others'", () => {
    const alice = {
      type: 'IAMUser',
      principalId: 'AIDAALICE',
      arn: `arn:aws:iam::${ACCOUNT}:user/Alice`,
      accountId: ACCOUNT,
    };
    const bob = { ...alice, principalId: 'AIDABOB', arn: `arn:aws:iam::${ACCOUNT}:user/Bob` };
    const expected = (identity: typeof alice & { invokedBy?: string }): ActivityPrincipal => ({
      type: 'IAMUser',
      arn: identity.arn,
      account: ACCOUNT,
      ...(identity.invokedBy === undefined ? {} : { invokedBy: identity.invokedBy }),
      name: identity.arn.slice(identity.arn.lastIndexOf('/') + 1),
    });
    const variant = (i: number) => ({ ...alice, invokedBy: `service${i}.amazonaws.com` });
    // A few identities of one principalId, interleaved: each is read once, then shared.
    const few = [alice, bob, variant(0), variant(1), alice, variant(0), bob];
    const first = new Map<unknown, ActivityPrincipal>();
    for (let round = 0; round < 3; round++) {
      for (const identity of few) {
        const principal = principalWith(structuredClone(identity));
        assert.deepEqual(principal, expected(identity));
        if (!first.has(identity)) first.set(identity, principal);
        assert.equal(principal, first.get(identity), 'the principal read first is shared');
      }
    }
    // More identities of one principalId than are kept: each still reads as it would alone.
    const many = Array.from({ length: 20 }, (_, i) => variant(i));
    for (const identity of [...many, alice, ...many.reverse(), alice])
      assert.deepEqual(principalWith(structuredClone(identity)), expected(identity));
  });
});
