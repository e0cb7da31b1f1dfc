import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { findDefaultSeedFile, loadSeed, parseSeed, readSeedFile } from '../../emulator/seed';

const ACCOUNT = { id: '111122223333' };
const USER = {
  accessKeyId: 'AKIAEMULATOR00000001',
  secretAccessKey: 'secret',
  arn: 'arn:aws:iam::111122223333:user/dev-alice',
  userId: 'AIDAEMULATORALICE0001',
  account: '111122223333',
};
const SESSION = {
  ...USER,
  accessKeyId: 'ASIAEMULATOR00000002',
  sessionToken: 'token',
  arn: 'arn:aws:sts::111122223333:assumed-role/Role/alice',
  userId: 'AROAEMULATORROLE00001:alice',
};
const valid = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  accounts: [ACCOUNT],
  credentials: [USER],
  ...over,
});

describe('seed', () => {
  it("loads the fixture: a user, AWS's example key, a role session and an expired session in one account", () => {
    const seed = readSeedFile(findDefaultSeedFile());
    assert.deepEqual(seed.accounts, [{ id: '111122223333', alias: 'cloudwarden-dev' }]);
    assert.deepEqual(
      seed.credentials.map((c) => [
        c.accessKeyId,
        c.arn,
        c.sessionToken !== undefined,
        c.expiresAt !== undefined && Date.parse(c.expiresAt) < Date.now(),
      ]),
      [
        ['AKIAEMULATOR00000001', 'arn:aws:iam::111122223333:user/dev-alice', false, false],
        ['AKIAIOSFODNN7EXAMPLE', 'arn:aws:iam::111122223333:user/example', false, false],
        ['ASIAEMULATOR00000002', 'arn:aws:sts::111122223333:assumed-role/CloudWardenReadOnly/alice', true, false],
        ['ASIAEMULATOR00000003', 'arn:aws:sts::111122223333:assumed-role/CloudWardenDeploy/alice', true, true],
      ],
    );
    assert.deepEqual(seed.faults, []);
    assert.equal(seed.throttling, true);
    assert.deepEqual(Object.keys(seed.services), [
      'kms',
      'secretsmanager',
      'guardduty',
      'securityhub',
      'iam',
      'access-analyzer',
      'cloudformation',
    ]);
  });

  it('reads throttling, on unless the seed says false', () => {
    assert.equal(parseSeed(valid()).throttling, true);
    assert.equal(parseSeed(valid({ throttling: false })).throttling, false);
    assert.throws(() => parseSeed(valid({ throttling: 'off' })), {
      name: 'ValidationError',
      message: 'seed.throttling: expected true or false, got "off"',
    });
  });

  it('keeps faults and per-service sections', () => {
    const seed = parseSeed(
      valid({
        credentials: [USER, SESSION],
        faults: [{ kind: 'throttle', times: 1 }],
        services: { cloudtrail: { events: [] } },
      }),
    );
    assert.deepEqual(seed.faults, [{ kind: 'throttle', times: 1 }]);
    assert.deepEqual(seed.services, { cloudtrail: { events: [] } });
    assert.equal(seed.credentials[1]?.sessionToken, 'token');
  });

  const invalid: [string, Record<string, unknown>, RegExp][] = [
    ['no accounts', valid({ accounts: [] }), /^seed\.accounts: expected a non-empty array, got an empty array/],
    [
      'a short account id',
      valid({ accounts: [{ id: '1234' }] }),
      /^seed\.accounts\[0\]\.id: expected a 12-digit account id, got "1234"/,
    ],
    ['a duplicate account', valid({ accounts: [ACCOUNT, ACCOUNT] }), /^seed\.accounts\[1\]\.id: duplicate account/],
    [
      'a bad alias',
      valid({ accounts: [{ ...ACCOUNT, alias: 'Dev Account' }] }),
      /^seed\.accounts\[0\]\.alias: expected an account alias/,
    ],
    [
      'a typo in a field name',
      valid({ credentials: [{ ...USER, acessKeyId: 'x' }] }),
      /^seed\.credentials\[0\]: unknown field "acessKeyId"/,
    ],
    ['a typo at the top', valid({ credential: [] }), /^seed: unknown field "credential"/],
    [
      'a malformed key id',
      valid({ credentials: [{ ...USER, accessKeyId: 'AKIA123' }] }),
      /^seed\.credentials\[0\]\.accessKeyId: expected an access key id/,
    ],
    [
      'a missing secret',
      valid({ credentials: [{ ...USER, secretAccessKey: undefined }] }),
      /^seed\.credentials\[0\]\.secretAccessKey: expected a non-empty string, got nothing/,
    ],
    [
      'a session key without a token',
      valid({ credentials: [{ ...SESSION, sessionToken: undefined }] }),
      /^seed\.credentials\[0\]\.sessionToken: required for a session key/,
    ],
    [
      'a long-term key with a token',
      valid({ credentials: [{ ...USER, sessionToken: 't' }] }),
      /^seed\.credentials\[0\]\.sessionToken: a long-term key \(AKIA…\) has no session token/,
    ],
    [
      'an expiry without a zone',
      valid({ credentials: [{ ...SESSION, expiresAt: '2030-01-01T00:00:00' }] }),
      /^seed\.credentials\[0\]\.expiresAt: expected an ISO 8601 date-time with a zone/,
    ],
    [
      'an impossible expiry',
      valid({ credentials: [{ ...SESSION, expiresAt: '2030-13-45T00:00:00Z' }] }),
      /^seed\.credentials\[0\]\.expiresAt: not a valid date/,
    ],
    [
      'a non-principal ARN',
      valid({ credentials: [{ ...USER, arn: 'arn:aws:s3:::bucket' }] }),
      /^seed\.credentials\[0\]\.arn: expected an IAM or STS principal ARN/,
    ],
    [
      'an account not listed',
      valid({ credentials: [{ ...USER, account: '444455556666', arn: 'arn:aws:iam::444455556666:user/x' }] }),
      /^seed\.credentials\[0\]\.account: 444455556666 is not in accounts/,
    ],
    [
      'an ARN in another account',
      valid({ credentials: [{ ...USER, arn: 'arn:aws:iam::444455556666:user/x' }] }),
      /^seed\.credentials\[0\]\.arn: the ARN's account is not 111122223333/,
    ],
    ['a duplicate key', valid({ credentials: [USER, USER] }), /^seed\.credentials\[1\]\.accessKeyId: duplicate key/],
    [
      'a bad fault',
      valid({ faults: [{ kind: 'throttle' }, { kind: 'boom' }] }),
      /^seed\.faults\[1\]\.kind: expected one of/,
    ],
    [
      'a service section that is not an object',
      valid({ services: { kms: [] } }),
      /^seed\.services\.kms: expected an object, got an empty array/,
    ],
  ];
  for (const [what, value, message] of invalid) {
    it(`rejects ${what}, naming the field`, () => {
      assert.throws(() => parseSeed(value), { name: 'ValidationError', message });
    });
  }

  describe('files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudwarden-seed-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('names the file in every message', () => {
      const file = join(dir, 'bad.json');
      writeFileSync(file, JSON.stringify(valid({ accounts: [{ id: 'x' }] })));
      assert.throws(() => loadSeed(file), {
        message: `${file}.accounts[0].id: expected a 12-digit account id, got "x"`,
      });
    });

    it('reports JSON syntax errors and unreadable files', () => {
      const file = join(dir, 'broken.json');
      writeFileSync(file, '{ "accounts": [');
      assert.throws(() => loadSeed(file), {
        message: new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid JSON`),
      });
      assert.throws(() => loadSeed(join(dir, 'missing.json')), { message: /missing\.json: cannot read the seed file/ });
    });

    it('loads a valid file', () => {
      const file = join(dir, 'ok.json');
      writeFileSync(file, JSON.stringify(valid()));
      assert.equal(loadSeed(file).credentials[0]?.arn, USER.arn);
    });
  });
});
