/**
 * What a person types as the subject of an investigation, read by its shape (the command palette, the
 * CLI): an access key id, an event id, an address, a principal's ARN, another ARN or a name. Pure; shared
 * by the client (its input boxes) and the CLI.
 */
import type { InvestigationSubject } from './protocol';

type SubjectKind = Exclude<InvestigationSubject['kind'], 'window'>;

/** Long-term (AKIA) and temporary (ASIA) access key ids; AROA and AIDA ids name roles and users, not keys. */
const ACCESS_KEY = /^(AKIA|ASIA)[A-Z0-9]{12,124}$/;
const EVENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
/** IAM users, roles and sessions, STS sessions, federated users and root: who can make a request. */
const PRINCIPAL_ARN = /^arn:[^:]+:(iam::\d{12}:(user|role|root)|sts::\d{12}:(assumed-role|federated-user)\/)/;

/**
 * The subject a person typed, its kind read from its shape: an access key id, an event id (a UUID), an
 * IP address, a principal's ARN, another ARN (a resource); anything else is taken as a resource name
 * unless `kind` says otherwise. Undefined for an empty text.
 */
export function subjectOfText(text: string, kind?: SubjectKind): InvestigationSubject | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  if (kind !== undefined) return { kind, value };
  if (ACCESS_KEY.test(value)) return { kind: 'accessKey', value };
  if (EVENT_ID.test(value)) return { kind: 'event', value: value.toLowerCase() };
  if (isIp(value)) return { kind: 'ip', value };
  if (PRINCIPAL_ARN.test(value)) return { kind: 'principal', value };
  return { kind: 'resource', value };
}

/** Why a typed value cannot be a subject of `kind`, or undefined when it can. */
export function subjectProblem(value: string, kind: SubjectKind): string | undefined {
  const text = value.trim();
  if (text === '') return 'Type a value.';
  if (kind === 'accessKey' && !ACCESS_KEY.test(text))
    return 'An access key id starts with AKIA (long-term) or ASIA (temporary), then capital letters and digits.';
  if (kind === 'ip' && !isIp(text)) return 'Type an IPv4 or IPv6 address, as CloudTrail records sourceIPAddress.';
  if (kind === 'event' && !EVENT_ID.test(text)) return 'An event id is a UUID: 8-4-4-4-12 hexadecimal digits.';
  return undefined;
}

function isIp(text: string): boolean {
  return IPV4.test(text) || (text.includes(':') && /^[0-9a-fA-F:.]+$/.test(text) && text.split(':').length >= 3);
}
