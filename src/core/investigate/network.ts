import { objectOf, textOf, type JsonObject } from '../activity/json';

/** The ranges that mean "anyone on the Internet". */
const WORLD = new Set(['0.0.0.0/0', '::/0']);

/** The request's keys that hold a security group rule's or network ACL entry's source range. */
const RANGE_KEYS = new Set(['cidrIp', 'cidrIpv6', 'CidrIpv4', 'CidrIpv6', 'cidrBlock', 'ipv6CidrBlock']);

/**
 * The world-open range an ingress change allows, or undefined. Security group ingress carries its ranges
 * nested (`ipPermissions.items[].ipRanges.items[].cidrIp`), flat in the older form (`cidrIp`), or in
 * ModifySecurityGroupRules' `SecurityGroupRule` (egress rules skipped: egress to anywhere is the default);
 * a network ACL entry counts when it allows ingress (`ruleAction` allow, `egress` false).
 */
export function worldOpening(request: JsonObject): string | undefined {
  if (request.ruleAction !== undefined && (request.ruleAction !== 'allow' || request.egress === true)) return undefined;
  return worldRange(request, 0);
}

/** Depth-limited: a request is small, but someone else's file may nest without end. */
function worldRange(value: unknown, depth: number): string | undefined {
  if (depth > 8) return undefined;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = worldRange(item, depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const object = objectOf(value);
  if (object === undefined || object.IsEgress === true || object.IsEgress === 'true') return undefined;
  for (const [key, field] of Object.entries(object)) {
    const text = textOf(field);
    if (RANGE_KEYS.has(key) && text !== undefined && WORLD.has(text)) return text;
    const found = typeof field === 'object' ? worldRange(field, depth + 1) : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** An IP address, as opposed to `AWS Internal` or a service's host name (CloudTrail writes all three). */
export function isAddress(sourceIp: string | undefined): sourceIp is string {
  return (
    sourceIp !== undefined && (IPV4.test(sourceIp) || (sourceIp.includes(':') && /^[0-9a-fA-F:.]+$/.test(sourceIp)))
  );
}
