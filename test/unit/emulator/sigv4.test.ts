import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EmulatorRequest } from '../../emulator/http';
import { type SigningCredential, verifySigV4 } from '../../emulator/sigv4';
import { presignRequest, signRequest, type SignSpec } from './helpers';

const NOW = new Date('2026-03-01T12:00:00Z');
const USER: SigningCredential = {
  accessKeyId: 'AKIATESTTEST00000001',
  secretAccessKey: 'user/secret+key0000000000000000000000000',
};
const SESSION: SigningCredential = {
  accessKeyId: 'ASIATESTTEST00000002',
  secretAccessKey: 'session/secret+key0000000000000000000000',
  sessionToken: 'token//with+slashes==',
  expiresAt: '2026-03-01T13:00:00Z',
};
const EXPIRED: SigningCredential = {
  ...SESSION,
  accessKeyId: 'ASIATESTTEST00000003',
  expiresAt: '2026-03-01T11:59:59Z',
};
const KEYS = new Map([USER, SESSION, EXPIRED].map((c) => [c.accessKeyId, c]));

const BODY = 'Action=GetCallerIdentity&Version=2011-06-15';
const base: SignSpec = {
  host: '127.0.0.1:4566',
  headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  body: BODY,
  accessKeyId: USER.accessKeyId,
  secretAccessKey: USER.secretAccessKey,
  date: NOW,
};

function verify(req: EmulatorRequest, now = NOW, service = 'sts') {
  return verifySigV4(req, { service, lookup: (id) => KEYS.get(id), now });
}

function rejected(req: EmulatorRequest, kind: string, message?: RegExp, now = NOW, service = 'sts'): void {
  const result = verify(req, now, service);
  assert.equal(result.ok, false, 'expected the request to be rejected');
  if (result.ok) return;
  assert.equal(result.kind, kind, result.message);
  if (message) assert.match(result.message ?? '', message);
}

describe('sigv4 verification', () => {
  it('accepts AWS’s published example request (IAM ListUsers, known signature)', () => {
    // From AWS's SigV4 documentation: the signing example with AKIDEXAMPLE on 2015-08-30.
    const req: EmulatorRequest = {
      method: 'GET',
      rawUrl: '/?Action=ListUsers&Version=2010-05-08',
      headers: {
        host: 'iam.amazonaws.com',
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        'x-amz-date': '20150830T123600Z',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
      },
      body: Buffer.alloc(0),
    };
    const example = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
    const result = verifySigV4(req, {
      service: 'iam',
      lookup: (id) => (id === 'AKIDEXAMPLE' ? example : undefined),
      now: new Date('2015-08-30T12:40:00Z'),
    });
    assert.equal(
      result.ok,
      true,
      result.ok ? '' : `${result.kind}: ${result.message ?? ''}\n${result.canonicalRequest ?? ''}`,
    );
  });

  it('accepts a request signed with node:crypto, and reports who signed it for which region', () => {
    const result = verify(signRequest({ ...base, region: 'eu-west-2' }));
    assert.ok(result.ok);
    assert.equal(result.credential, USER);
    assert.equal(result.region, 'eu-west-2');
  });

  it('rejects a request whose signed header was changed after signing', () => {
    const req = signRequest(base);
    const tampered = { ...req, headers: { ...req.headers, 'content-type': 'application/x-www-form-urlencoded' } };
    const result = verify(tampered);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.kind, 'signatureMismatch');
    assert.match(
      result.canonicalRequest ?? '',
      /^content-type:application\/x-www-form-urlencoded$/m,
      'the log shows what the emulator signed',
    );
  });

  it('rejects a changed body, path or query', () => {
    const req = signRequest({ ...base, path: '/a', query: 'x=1' });
    assert.ok(verify(req).ok);
    rejected({ ...req, body: Buffer.from(`${BODY}&Extra=1`) }, 'signatureMismatch');
    rejected({ ...req, rawUrl: '/b?x=1' }, 'signatureMismatch');
    rejected({ ...req, rawUrl: '/a?x=2' }, 'signatureMismatch');
  });

  it('canonicalises repeated headers, spaces, query order and dot segments as AWS does', () => {
    const req = signRequest({
      ...base,
      path: '/a/b',
      query: 'a=1&b=2',
      headers: { ...base.headers, 'x-amz-meta': 'one two' },
    });
    assert.ok(
      verify({ ...req, rawUrl: '/a/./c/../b?b=2&a=1', headers: { ...req.headers, 'x-amz-meta': '  one   two ' } }).ok,
    );
    const repeated = signRequest({ ...base, headers: { ...base.headers, 'x-amz-multi': 'a,b' } });
    assert.ok(verify({ ...repeated, headers: { ...repeated.headers, 'x-amz-multi': ['a', 'b'] } }).ok);
  });

  it('double-encodes the path like every service but S3', () => {
    // The client sends "/my%20analyzer"; the canonical URI encodes it once more ("/my%2520analyzer").
    const req = signRequest({ ...base, path: '/my%2520analyzer' });
    assert.ok(verify({ ...req, rawUrl: '/my%20analyzer' }).ok);
  });

  it('checks x-amz-content-sha256 against the body when sent', () => {
    const hash = 'a'.repeat(64);
    const req = signRequest({ ...base, headers: { ...base.headers, 'x-amz-content-sha256': hash } });
    rejected(req, 'signatureMismatch', /x-amz-content-sha256/);
  });

  it('rejects a wrong secret, and an unknown access key as an invalid token', () => {
    rejected(signRequest({ ...base, secretAccessKey: 'not-the-secret' }), 'signatureMismatch');
    rejected(signRequest({ ...base, accessKeyId: 'AKIANOTINTHESEED0001' }), 'invalidClientToken');
  });

  it('checks the credential scope: service, region, terminator and date', () => {
    rejected(signRequest({ ...base, service: 'iam' }), 'signatureMismatch', /scoped to correct service: 'sts'/);
    rejected(signRequest({ ...base, region: 'US_EAST' }), 'signatureMismatch', /valid region/);
    const req = signRequest(base);
    const auth = String(req.headers['authorization']);
    rejected(
      { ...req, headers: { ...req.headers, authorization: auth.replace('aws4_request', 'aws5_request') } },
      'signatureMismatch',
      /terminator/,
    );
    rejected(
      { ...req, headers: { ...req.headers, authorization: auth.replace('/20260301/', '/20260302/') } },
      'signatureMismatch',
      /Date in Credential scope/,
    );
    rejected(
      {
        ...req,
        headers: { ...req.headers, authorization: auth.replace(/Credential=[^,]*/, 'Credential=AKIA/us-east-1') },
      },
      'incompleteSignature',
      /5 slash-delimited/,
    );
  });

  it('rejects signatures more than 15 minutes from the clock, either way', () => {
    const req = signRequest(base);
    assert.ok(verify(req, new Date(NOW.getTime() + 14 * 60_000)).ok);
    rejected(
      req,
      'signatureExpired',
      /^Signature expired: 20260301T120000Z is now earlier than/,
      new Date(NOW.getTime() + 16 * 60_000),
    );
    rejected(req, 'signatureExpired', /^Signature not yet current/, new Date(NOW.getTime() - 16 * 60_000));
  });

  it('reports missing and malformed authorization', () => {
    rejected({ method: 'POST', rawUrl: '/', headers: { host: 'h' }, body: Buffer.from(BODY) }, 'missingAuthentication');
    const req = signRequest(base);
    const auth = String(req.headers['authorization']);
    rejected(
      { ...req, headers: { ...req.headers, authorization: auth.replace(/, Signature=.*/, '') } },
      'incompleteSignature',
      /requires 'Signature' parameter/,
    );
    rejected(
      { ...req, headers: { ...req.headers, authorization: auth.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA1') } },
      'incompleteSignature',
      /algorithm/,
    );
    const { 'x-amz-date': _date, ...undated } = req.headers;
    rejected({ ...req, headers: undated }, 'incompleteSignature', /X-Amz-Date/);
  });

  it('requires host among the signed headers', () => {
    const req = signRequest(base);
    const auth = String(req.headers['authorization']).replace(
      'SignedHeaders=content-type;host;x-amz-date',
      'SignedHeaders=content-type;x-amz-date',
    );
    rejected({ ...req, headers: { ...req.headers, authorization: auth } }, 'incompleteSignature', /'Host'/);
  });

  it('requires a session key’s token, and refuses a token with a long-term key', () => {
    const session = { ...base, accessKeyId: SESSION.accessKeyId, secretAccessKey: SESSION.secretAccessKey };
    assert.ok(verify(signRequest({ ...session, sessionToken: SESSION.sessionToken })).ok);
    rejected(signRequest(session), 'invalidClientToken');
    rejected(signRequest({ ...session, sessionToken: 'another-token' }), 'invalidClientToken');
    rejected(signRequest({ ...base, sessionToken: 'stray' }), 'invalidClientToken');
  });

  it('rejects a session credential past its expiry as an expired token', () => {
    const expired = {
      ...base,
      accessKeyId: EXPIRED.accessKeyId,
      secretAccessKey: EXPIRED.secretAccessKey,
      sessionToken: EXPIRED.sessionToken,
    };
    rejected(signRequest(expired), 'expiredToken');
  });

  it('accepts the presigned query form until X-Amz-Expires runs out', () => {
    const spec = {
      ...base,
      method: 'GET',
      query: 'Action=GetCallerIdentity&Version=2011-06-15',
      expiresSeconds: 60,
      body: '',
    };
    const req = presignRequest(spec);
    assert.ok(verify(req).ok);
    rejected({ ...req, rawUrl: req.rawUrl.replace('GetCallerIdentity', 'GetSessionToken') }, 'signatureMismatch');
    rejected(req, 'signatureExpired', /Signature expired/, new Date(NOW.getTime() + 61_000));
    const session = presignRequest({
      ...spec,
      accessKeyId: SESSION.accessKeyId,
      secretAccessKey: SESSION.secretAccessKey,
      sessionToken: SESSION.sessionToken,
    });
    assert.ok(verify(session).ok);
  });
});
