/**
 * AWS Signature Version 4 verification, as AWS front ends do it: the emulator recomputes the
 * signature from the request and the seeded secret, so a client that signs wrongly (bad secret,
 * wrong scope, a header changed after signing, a skewed clock) fails here as it would against AWS.
 *
 * Both forms are accepted: the `Authorization` header, and the presigned query string
 * (`X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=…&X-Amz-Signature=…`).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { CommonErrorKind } from './errors';
import { type EmulatorRequest, header, headerValues, rawPath, rawQuery } from './http';

/** What verification needs to know about an access key. */
export interface SigningCredential {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** ISO 8601; requests after it fail with `expiredToken`. */
  readonly expiresAt?: string;
}

/** The common errors a verification can end in. */
type AuthFailureKind = Extract<
  CommonErrorKind,
  | 'missingAuthentication'
  | 'incompleteSignature'
  | 'invalidClientToken'
  | 'signatureMismatch'
  | 'signatureExpired'
  | 'expiredToken'
>;

/** How to verify one request. */
export interface VerifyOptions<C extends SigningCredential> {
  /** The service name the credential scope must carry (`sts`, `cloudtrail`, …). */
  readonly service: string;
  /** Finds the credential of an access key id. */
  readonly lookup: (accessKeyId: string) => C | undefined;
  /** The time to check the signature's date against; the real clock by default. */
  readonly now?: Date;
}

/** A verified request: who signed it, for which region. */
export interface Verified<C> {
  readonly ok: true;
  readonly credential: C;
  readonly region: string;
}

/** A rejected request, with AWS's wording of why. */
export interface Rejected {
  readonly ok: false;
  readonly kind: AuthFailureKind;
  readonly message?: string;
  /** On a signature mismatch: what the emulator signed, for comparing with what the client signed. */
  readonly canonicalRequest?: string;
  readonly stringToSign?: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
/** AWS rejects a signature dated more than 15 minutes from its clock. */
const MAX_SKEW_MS = 15 * 60 * 1000;
/** The longest a presigned URL may be valid (7 days). */
const MAX_PRESIGN_SECONDS = 604_800;
const REGION = /^[a-z]{2}(-[a-z0-9]+)+-\d+$/;

/** The signature parameters of a request, from whichever form carried them. */
interface SignatureParts {
  readonly credential: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  readonly amzDate: string;
  readonly securityToken: string | undefined;
  /** Presigned only: X-Amz-Expires, in seconds. */
  readonly expiresSeconds: number | undefined;
  readonly presigned: boolean;
}

/** Verifies the SigV4 signature of `req` against the credential its access key names. */
export function verifySigV4<C extends SigningCredential>(
  req: EmulatorRequest,
  options: VerifyOptions<C>,
): Verified<C> | Rejected {
  const now = options.now ?? new Date();
  const parts = readSignatureParts(req);
  if ('ok' in parts) return parts;

  const scope = parts.credential.split('/');
  if (scope.length !== 5) {
    return incomplete(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${parts.credential}'`,
    );
  }
  const [accessKeyId, scopeDate, region, service, terminator] = scope as [string, string, string, string, string];
  const scopeProblem = checkScope(parts.amzDate, scopeDate, region, service, terminator, options.service);
  if (scopeProblem) return { ok: false, kind: 'signatureMismatch', message: scopeProblem };
  if (!parts.signedHeaders.includes('host')) {
    return incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const timeProblem = checkTime(parts, now);
  if (timeProblem) return { ok: false, kind: 'signatureExpired', message: timeProblem };

  const credential = options.lookup(accessKeyId);
  if (!credential) return { ok: false, kind: 'invalidClientToken' };
  // A session key is only valid with its token, and a long-term key with none.
  if (!sameSecret(parts.securityToken ?? '', credential.sessionToken ?? ''))
    return { ok: false, kind: 'invalidClientToken' };
  if (credential.expiresAt !== undefined && now.getTime() >= Date.parse(credential.expiresAt))
    return { ok: false, kind: 'expiredToken' };

  const payloadHash = readPayloadHash(req);
  if (payloadHash === undefined) {
    return {
      ok: false,
      kind: 'signatureMismatch',
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    };
  }
  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalUri(rawPath(req.rawUrl)),
    canonicalQuery(rawQuery(req.rawUrl)),
    canonicalHeaders(req, parts.signedHeaders),
    parts.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const stringToSign = [ALGORITHM, parts.amzDate, scope.slice(1).join('/'), sha256Hex(canonicalRequest)].join('\n');
  const key = signingKey(credential.secretAccessKey, scopeDate, region, service);
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  if (!sameSecret(parts.signature, expected))
    return { ok: false, kind: 'signatureMismatch', canonicalRequest, stringToSign };
  return { ok: true, credential, region };
}

/**
 * The service a request's signature names in its credential scope (`…/us-east-1/access-analyzer/aws4_request`),
 * or undefined when it is unsigned or the scope is malformed. The protocols whose requests carry no
 * service name of their own (restJson1: only a method and a path) find their service by it, as AWS
 * finds it by the host name.
 */
export function signedService(req: EmulatorRequest): string | undefined {
  const parts = readSignatureParts(req);
  if ('ok' in parts) return undefined;
  const scope = parts.credential.split('/');
  return scope.length === 5 ? scope[3] : undefined;
}

function incomplete(message: string): Rejected {
  return { ok: false, kind: 'incompleteSignature', message };
}

function readSignatureParts(req: EmulatorRequest): SignatureParts | Rejected {
  const authorization = header(req.headers, 'authorization');
  if (authorization !== undefined) return readAuthorizationHeader(req, authorization);
  const query = new URLSearchParams(rawQuery(req.rawUrl));
  if (query.has('X-Amz-Algorithm')) return readPresignedQuery(query);
  return { ok: false, kind: 'missingAuthentication' };
}

function readAuthorizationHeader(req: EmulatorRequest, authorization: string): SignatureParts | Rejected {
  const space = authorization.indexOf(' ');
  const algorithm = space < 0 ? authorization : authorization.slice(0, space);
  if (algorithm !== ALGORITHM)
    return incomplete(`Unsupported AWS 'algorithm': '${algorithm}'. Authorization=${authorization}`);
  const params = new Map<string, string>();
  for (const part of authorization.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((p) => !params.get(p));
  if (missing.length > 0) {
    return incomplete(
      `${missing.map((p) => `Authorization header requires '${p}' parameter.`).join(' ')} Authorization=${authorization}`,
    );
  }
  const amzDate = requestDate(req);
  if (amzDate === undefined) {
    return incomplete(
      `Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${authorization}`,
    );
  }
  if (!/^\d{8}T\d{6}Z$/.test(amzDate)) return incomplete(`Date must be in ISO-8601 'basic format'. Got '${amzDate}'.`);
  return {
    credential: params.get('Credential') ?? '',
    signedHeaders: (params.get('SignedHeaders') ?? '').split(';'),
    signature: params.get('Signature') ?? '',
    amzDate,
    securityToken: header(req.headers, 'x-amz-security-token'),
    expiresSeconds: undefined,
    presigned: false,
  };
}

/** `X-Amz-Date`, or else the HTTP `Date` header in SigV4's basic ISO 8601 form. */
function requestDate(req: EmulatorRequest): string | undefined {
  const amzDate = header(req.headers, 'x-amz-date');
  if (amzDate !== undefined) return amzDate;
  const date = header(req.headers, 'date');
  if (date === undefined) return undefined;
  const parsed = new Date(date);
  return Number.isNaN(parsed.getTime()) ? date : basicIso(parsed);
}

function readPresignedQuery(query: URLSearchParams): SignatureParts | Rejected {
  const required = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'];
  if (required.some((p) => !query.get(p))) {
    return incomplete(
      `AWS query-string parameters must include ${required.map((p) => `'${p}'`).join(', ')}. Re-examine the query-string parameters.`,
    );
  }
  const algorithm = query.get('X-Amz-Algorithm') ?? '';
  if (algorithm !== ALGORITHM) return incomplete(`X-Amz-Algorithm only supports '${ALGORITHM}'`);
  const amzDate = query.get('X-Amz-Date') ?? '';
  if (!/^\d{8}T\d{6}Z$/.test(amzDate)) return incomplete(`Date must be in ISO-8601 'basic format'. Got '${amzDate}'.`);
  const expires = query.get('X-Amz-Expires');
  const expiresSeconds = expires === null ? undefined : Number(expires);
  if (
    expiresSeconds !== undefined &&
    !(Number.isInteger(expiresSeconds) && expiresSeconds > 0 && expiresSeconds <= MAX_PRESIGN_SECONDS)
  ) {
    return incomplete(`X-Amz-Expires must be an integer from 1 to ${MAX_PRESIGN_SECONDS}, got '${expires}'`);
  }
  return {
    credential: query.get('X-Amz-Credential') ?? '',
    signedHeaders: (query.get('X-Amz-SignedHeaders') ?? '').split(';'),
    signature: query.get('X-Amz-Signature') ?? '',
    amzDate,
    securityToken: query.get('X-Amz-Security-Token') ?? undefined,
    expiresSeconds,
    presigned: true,
  };
}

/** AWS's wording for a malformed credential scope, or undefined when it is well-formed. */
function checkScope(
  amzDate: string,
  scopeDate: string,
  region: string,
  service: string,
  terminator: string,
  expectedService: string,
): string | undefined {
  if (scopeDate !== amzDate.slice(0, 8)) {
    return `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`;
  }
  if (!REGION.test(region)) return 'Credential should be scoped to a valid region.';
  if (service !== expectedService) return `Credential should be scoped to correct service: '${expectedService}'.`;
  if (terminator !== 'aws4_request')
    return `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`;
  return undefined;
}

/** AWS's wording for a signature used too early or too late, or undefined when it is current. */
function checkTime(parts: SignatureParts, now: Date): string | undefined {
  const signedAt = parseBasicIso(parts.amzDate);
  if (signedAt - now.getTime() > MAX_SKEW_MS) {
    return `Signature not yet current: ${parts.amzDate} is still later than ${basicIso(new Date(now.getTime() + MAX_SKEW_MS))} (${basicIso(now)} + 15 min.)`;
  }
  // A presigned URL is valid for X-Amz-Expires; a signed request for 15 minutes.
  const validMs = parts.expiresSeconds === undefined ? MAX_SKEW_MS : parts.expiresSeconds * 1000;
  if (now.getTime() - signedAt > validMs) {
    const earliest = basicIso(new Date(now.getTime() - validMs));
    return parts.presigned
      ? `Signature expired: ${parts.amzDate} is now earlier than ${earliest} (${basicIso(now)} - ${parts.expiresSeconds ?? 900} sec.)`
      : `Signature expired: ${parts.amzDate} is now earlier than ${earliest} (${basicIso(now)} - 15 min.)`;
  }
  return undefined;
}

/**
 * The payload hash to sign: `x-amz-content-sha256` when sent (it may say `UNSIGNED-PAYLOAD`), else
 * the body's hash. Undefined when the header claims a hash the body does not have.
 */
function readPayloadHash(req: EmulatorRequest): string | undefined {
  const actual = sha256Hex(req.body);
  const claimed = header(req.headers, 'x-amz-content-sha256');
  if (claimed === undefined) return actual;
  if (/^[0-9a-f]{64}$/.test(claimed) && claimed !== actual) return undefined;
  return claimed;
}

/**
 * The canonical URI of a non-S3 request: the path as sent, with `.`/`..`/empty segments
 * removed, then encoded once more (AWS's "double encoding" rule for every service but S3).
 */
function canonicalUri(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return uriEncode(`/${segments.join('/')}${trailing}`).replace(/%2F/g, '/');
}

/** Query parameters decoded, re-encoded strictly, and sorted by name then value; the signature itself excluded. */
function canonicalQuery(query: string): string {
  const pairs: [string, string][] = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = uriEncode(decode(eq < 0 ? part : part.slice(0, eq)));
    if (name === 'X-Amz-Signature') continue;
    pairs.push([name, uriEncode(decode(eq < 0 ? '' : part.slice(eq + 1)))]);
  }
  pairs.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/** `name:value` lines for the signed headers, values trimmed with inner runs of spaces collapsed. */
function canonicalHeaders(req: EmulatorRequest, signedHeaders: readonly string[]): string {
  return signedHeaders
    .map(
      (name) =>
        `${name}:${headerValues(req.headers, name)
          .map((v) => v.trim().replace(/\s+/g, ' '))
          .join(',')}\n`,
    )
    .join('');
}

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  let key = createHmac('sha256', `AWS4${secret}`).update(date).digest();
  for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  return key;
}

/** RFC 3986 encoding of everything but unreserved characters, as SigV4 requires. */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // a stray '%' is signed as sent
  }
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Compares secrets (signatures, session tokens) in time independent of where they differ. */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(b, b); // timingSafeEqual needs equal lengths; this keeps the time alike
    return false;
  }
  return timingSafeEqual(a, b);
}

function basicIso(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function parseBasicIso(value: string): number {
  return Date.parse(
    `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 11)}:${value.slice(11, 13)}:${value.slice(13)}`,
  );
}
