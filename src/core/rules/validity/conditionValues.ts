import type { ParsedOperator } from './conditions';

/** What an operator compares: its family, named like the key types it is meant for. */
export type OperatorFamily = 'String' | 'ARN' | 'Numeric' | 'Date' | 'Bool' | 'IPAddress' | 'Binary' | 'Null';

export function operatorFamily(base: ParsedOperator['base']): OperatorFamily {
  if (base.startsWith('String')) return 'String';
  if (base.startsWith('Arn')) return 'ARN';
  if (base.startsWith('Numeric')) return 'Numeric';
  if (base.startsWith('Date')) return 'Date';
  if (base === 'Bool') return 'Bool';
  if (base === 'BinaryEquals') return 'Binary';
  if (base === 'IpAddress' || base === 'NotIpAddress') return 'IPAddress';
  return 'Null';
}

/** Whether the text holds a policy variable (`${aws:username}`); the escapes `${*}`, `${?}`, `${$}` are not variables. */
export function hasPolicyVariable(text: string): boolean {
  return /\$\{(?![*?$]\})[^}]+\}/.test(text);
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
// ISO 8601 as IAM reads it: a date, optionally a time (minutes, seconds, fractions) and a zone.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(\/([12]?\d|3[0-2]))?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function isIpv6(text: string): boolean {
  const [address, prefix, extra] = text.split('/');
  if (extra !== undefined || address === undefined || address === '') return false;
  if (prefix !== undefined && !/^(\d|[1-9]\d|1[01]\d|12[0-8])$/.test(prefix)) return false;
  if (!/^[0-9a-fA-F:.]+$/.test(address) || !address.includes(':')) return false;
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  const last = groups[groups.length - 1] ?? '';
  const v4Tail = last.includes('.');
  if (v4Tail && !IPV4.test(last)) return false;
  const hexGroups = v4Tail ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const width = hexGroups.length + (v4Tail ? 2 : 0);
  return halves.length === 2 ? width < 8 : width === 8;
}

/**
 * Why a condition value cannot be of the type the operator compares, or undefined when it can.
 * `kind` is the value's JSON type: numbers and booleans written unquoted are fine where they fit.
 */
export function valueProblem(
  family: OperatorFamily,
  text: string,
  kind: 'string' | 'number' | 'boolean' | 'null',
): string | undefined {
  switch (family) {
    case 'Numeric':
      return kind === 'number' || NUMBER.test(text) ? undefined : 'is not a number';
    case 'Date':
      // A date is ISO 8601 or a count of seconds since 1970 (aws:EpochTime's form).
      return kind === 'number' || ISO_DATE.test(text) || /^\d+$/.test(text)
        ? undefined
        : 'is not a date (ISO 8601, such as 2026-01-31 or 2026-01-31T12:00:00Z, or seconds since 1970)';
    case 'Bool':
    case 'Null':
      return /^(true|false)$/i.test(text) ? undefined : 'is neither true nor false';
    case 'IPAddress':
      return IPV4.test(text) || isIpv6(text)
        ? undefined
        : 'is not an IP address or CIDR range (such as 203.0.113.0/24)';
    case 'Binary':
      return kind === 'string' && BASE64.test(text) ? undefined : 'is not base64-encoded';
    default:
      return undefined;
  }
}
