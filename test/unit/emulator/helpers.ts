/**
 * Shared by the emulator's tests: an independent SigV4 signer (so the verifier is checked against
 * code it does not share), STS and CloudTrail clients pointed at an emulator, and the fixture seed's
 * credentials.
 */
import { CloudTrailClient, type CloudTrailClientConfig } from '@aws-sdk/client-cloudtrail';
import { GetCallerIdentityCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import type { EmulatorRequest } from '../../emulator/http';
import { findDefaultSeedFile, readSeedFile, type SeedCredential } from '../../emulator/seed';
import type { Emulator } from '../../emulator/server';

/** The fixture seed's credentials, by role in the tests. */
export function fixtureCredentials(): {
  user: SeedCredential;
  session: SeedCredential;
  expired: SeedCredential;
  example: SeedCredential;
} {
  const seed = readSeedFile(findDefaultSeedFile());
  const byKey = (id: string): SeedCredential => {
    const c = seed.credentials.find((x) => x.accessKeyId === id);
    assert.ok(c, `fixture seed has ${id}`);
    return c;
  };
  return {
    user: byKey('AKIAEMULATOR00000001'),
    session: byKey('ASIAEMULATOR00000002'),
    expired: byKey('ASIAEMULATOR00000003'),
    // AWS's documented example key, which the fixture seed accepts so copied examples work.
    example: byKey('AKIAIOSFODNN7EXAMPLE'),
  };
}

/** A real SDK STS client signing with `credential` against the emulator. */
export function stsClient(
  emulator: Emulator,
  credential: Pick<SeedCredential, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>,
  extra: Partial<STSClientConfig> = {},
): STSClient {
  return new STSClient({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: {
      accessKeyId: credential.accessKeyId,
      secretAccessKey: credential.secretAccessKey,
      ...(credential.sessionToken !== undefined && { sessionToken: credential.sessionToken }),
    },
    ...extra,
  });
}

/** A real SDK CloudTrail client signing with `credential` against the emulator. */
export function cloudTrailClient(
  emulator: Emulator,
  credential: Pick<SeedCredential, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>,
  extra: Partial<CloudTrailClientConfig> = {},
): CloudTrailClient {
  return new CloudTrailClient({
    endpoint: emulator.url,
    region: 'us-east-1',
    credentials: {
      accessKeyId: credential.accessKeyId,
      secretAccessKey: credential.secretAccessKey,
      ...(credential.sessionToken !== undefined && { sessionToken: credential.sessionToken }),
    },
    ...extra,
  });
}

/**
 * The configuration of any SDK client signing with `credential` against the emulator, in us-east-1
 * unless `region` says otherwise: `new IAMClient(emulatorConfig(emulator, user))`.
 */
export function emulatorConfig(
  emulator: Emulator,
  credential: Pick<SeedCredential, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>,
  region = 'us-east-1',
): {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  maxAttempts: number;
} {
  return {
    endpoint: emulator.url,
    region,
    credentials: {
      accessKeyId: credential.accessKeyId,
      secretAccessKey: credential.secretAccessKey,
      ...(credential.sessionToken !== undefined && { sessionToken: credential.sessionToken }),
    },
    // One attempt: a test sees the emulator's answer, not the SDK's retries.
    maxAttempts: 1,
  };
}

/** The error a failed SDK call rejects with, asserting it is `name` with HTTP `status`. */
export async function expectAwsError(
  call: Promise<unknown>,
  name: string,
  status: number,
): Promise<Error & { $metadata: { httpStatusCode?: number; attempts?: number } }> {
  try {
    await call;
  } catch (e) {
    const error = e as Error & { $metadata: { httpStatusCode?: number; attempts?: number } };
    assert.equal(error.name, name, `expected ${name}, got ${error.name}: ${error.message}`);
    assert.equal(error.$metadata.httpStatusCode, status);
    return error;
  }
  assert.fail(`expected ${name}, but the call succeeded`);
}

/** Calls GetCallerIdentity and asserts it fails with `code` (and HTTP `status`); returns the error. */
export function expectStsError(
  client: STSClient,
  code: string,
  status: number,
): Promise<Error & { $metadata: { httpStatusCode?: number; attempts?: number } }> {
  return expectAwsError(client.send(new GetCallerIdentityCommand({})), code, status);
}

/** What to sign. `path` and `query` are sent as given, so keep them in canonical (encoded, sorted) form. */
export interface SignSpec {
  method?: string;
  path?: string;
  query?: string;
  host: string;
  headers?: Record<string, string>;
  body?: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region?: string;
  service?: string;
  date: Date;
}

const EMPTY_HASH = createHash('sha256').update('').digest('hex');

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function amzDate(date: Date): string {
  return date.toISOString().slice(0, 19).replace(/[-:]/g, '') + 'Z';
}

function signature(spec: SignSpec, canonicalRequest: string, scope: string, stamp: string): string {
  const stringToSign = `AWS4-HMAC-SHA256\n${stamp}\n${scope}\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
  let key = hmac(`AWS4${spec.secretAccessKey}`, stamp.slice(0, 8));
  for (const part of [spec.region ?? 'us-east-1', spec.service ?? 'sts', 'aws4_request']) key = hmac(key, part);
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

/** Signs with an `Authorization` header, as the SDKs do; returns the request to send (lower-case headers). */
export function signRequest(spec: SignSpec): EmulatorRequest & { headers: Record<string, string> } {
  const stamp = amzDate(spec.date);
  const body = spec.body ?? '';
  const headers: Record<string, string> = { ...spec.headers, host: spec.host, 'x-amz-date': stamp };
  if (spec.sessionToken !== undefined) headers['x-amz-security-token'] = spec.sessionToken;
  const names = Object.keys(headers)
    .map((n) => n.toLowerCase())
    .sort();
  const lower = Object.fromEntries(Object.entries(headers).map(([n, v]) => [n.toLowerCase(), v]));
  const scope = `${stamp.slice(0, 8)}/${spec.region ?? 'us-east-1'}/${spec.service ?? 'sts'}/aws4_request`;
  const canonicalRequest = [
    spec.method ?? 'POST',
    spec.path ?? '/',
    spec.query ?? '',
    names.map((n) => `${n}:${(lower[n] ?? '').trim()}\n`).join(''),
    names.join(';'),
    createHash('sha256').update(body).digest('hex'),
  ].join('\n');
  const sig = signature(spec, canonicalRequest, scope, stamp);
  lower['authorization'] =
    `AWS4-HMAC-SHA256 Credential=${spec.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${sig}`;
  const rawUrl = (spec.path ?? '/') + (spec.query ? `?${spec.query}` : '');
  return { method: spec.method ?? 'POST', rawUrl, headers: lower, body: Buffer.from(body) };
}

/** Signs in the presigned query form (only `host` signed, empty payload), as `getSignedUrl` does. */
export function presignRequest(spec: SignSpec & { expiresSeconds: number }): EmulatorRequest {
  const stamp = amzDate(spec.date);
  const scope = `${stamp.slice(0, 8)}/${spec.region ?? 'us-east-1'}/${spec.service ?? 'sts'}/aws4_request`;
  const params: [string, string][] = [
    ...new URLSearchParams(spec.query ?? ''),
    ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
    ['X-Amz-Credential', `${spec.accessKeyId}/${scope}`],
    ['X-Amz-Date', stamp],
    ['X-Amz-Expires', String(spec.expiresSeconds)],
    ['X-Amz-SignedHeaders', 'host'],
  ];
  if (spec.sessionToken !== undefined) params.push(['X-Amz-Security-Token', spec.sessionToken]);
  const encode = (s: string): string =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const query = params
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .sort()
    .join('&');
  const canonicalRequest = ['GET', spec.path ?? '/', query, `host:${spec.host}\n`, 'host', EMPTY_HASH].join('\n');
  const sig = signature(spec, canonicalRequest, scope, stamp);
  return {
    method: 'GET',
    rawUrl: `${spec.path ?? '/'}?${query}&X-Amz-Signature=${sig}`,
    headers: { host: spec.host },
    body: Buffer.alloc(0),
  };
}
