import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Emulator, startEmulator } from '../../emulator/server';
import { expectStsError, fixtureCredentials, stsClient } from './helpers';

const { user, session, expired } = fixtureCredentials();

describe('STS GetCallerIdentity through the real SDK', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator();
  });
  after(() => emulator.close());

  it('returns the seeded identity of a long-term key', async () => {
    const client = stsClient(emulator, user);
    const out = await client.send(new GetCallerIdentityCommand({}));
    client.destroy();
    assert.deepEqual(
      { UserId: out.UserId, Account: out.Account, Arn: out.Arn },
      { UserId: 'AIDAEMULATORALICE0001', Account: '111122223333', Arn: 'arn:aws:iam::111122223333:user/dev-alice' },
    );
    assert.match(out.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
  });

  it('returns the role session of a session credential sent with its token', async () => {
    const client = stsClient(emulator, session);
    const out = await client.send(new GetCallerIdentityCommand({}));
    client.destroy();
    assert.equal(out.Arn, 'arn:aws:sts::111122223333:assumed-role/CloudWardenReadOnly/alice');
    assert.equal(out.UserId, 'AROAEMULATORREADONLY1:alice');
  });

  it('answers in any region', async () => {
    const client = stsClient(emulator, user, { region: 'ap-southeast-2' });
    assert.equal((await client.send(new GetCallerIdentityCommand({}))).Account, '111122223333');
    client.destroy();
  });

  it('rejects a wrong secret with SignatureDoesNotMatch', async () => {
    const client = stsClient(emulator, { ...user, secretAccessKey: `${user.secretAccessKey.slice(0, -1)}X` });
    const error = await expectStsError(client, 'SignatureDoesNotMatch', 403);
    client.destroy();
    assert.match(error.message, /does not match the signature you provided/);
  });

  it('rejects an unknown access key with InvalidClientTokenId', async () => {
    const client = stsClient(emulator, { accessKeyId: 'AKIANOTINTHESEED0001', secretAccessKey: user.secretAccessKey });
    const error = await expectStsError(client, 'InvalidClientTokenId', 403);
    client.destroy();
    assert.equal(error.message, 'The security token included in the request is invalid.');
  });

  it('rejects a session credential sent without its token', async () => {
    const { sessionToken: _omitted, ...withoutToken } = session;
    const client = stsClient(emulator, withoutToken);
    await expectStsError(client, 'InvalidClientTokenId', 403);
    client.destroy();
  });

  it('rejects an expired session credential with ExpiredToken', async () => {
    const client = stsClient(emulator, expired);
    const error = await expectStsError(client, 'ExpiredToken', 403);
    client.destroy();
    assert.equal(error.message, 'The security token included in the request is expired');
  });

  it('rejects a skewed clock as AWS does, and the SDK corrects its offset from the Date header', async () => {
    const client = stsClient(emulator, user, { systemClockOffset: -60 * 60 * 1000 });
    const error = await expectStsError(client, 'SignatureDoesNotMatch', 403);
    assert.match(error.message, /^Signature expired: \d{8}T\d{6}Z is now earlier than/);
    // The SDK has taken the emulator's clock; the next call is signed on time.
    const out = await client.send(new GetCallerIdentityCommand({}));
    client.destroy();
    assert.equal(out.Arn, user.arn);
  });

  it('records each request with its service, operation, caller and outcome', async () => {
    emulator.requests.clear();
    const client = stsClient(emulator, user);
    await client.send(new GetCallerIdentityCommand({}));
    client.destroy();
    const [entry] = emulator.requests.entries;
    assert.equal(emulator.requests.entries.length, 1);
    assert.equal(entry?.service, 'sts');
    assert.equal(entry?.operation, 'GetCallerIdentity');
    assert.equal(entry?.caller, user.arn);
    assert.equal(entry?.status, 200);
    assert.equal(entry?.errorCode, undefined);
  });
});
