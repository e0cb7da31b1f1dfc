/**
 * What GuardDuty's findings and Security Hub's (ASFF) both say was seen happening: ASFF's `Action` copies
 * GuardDuty's shape for API calls, network connections and DNS requests, so one reading serves both SDK
 * types (each is assignable to the structure below). GuardDuty adds port probes and user agents.
 */
import type { FindingActivity } from '../core';

interface RemoteIp {
  readonly IpAddressV4?: string;
  readonly Country?: { readonly CountryName?: string };
}

interface SharedAction {
  readonly AwsApiCallAction?: {
    readonly Api?: string;
    readonly ServiceName?: string;
    readonly RemoteIpDetails?: RemoteIp;
    readonly UserAgent?: string;
  };
  readonly NetworkConnectionAction?: {
    readonly ConnectionDirection?: string;
    readonly Protocol?: string;
    readonly LocalPortDetails?: { readonly Port?: number };
    readonly RemoteIpDetails?: RemoteIp;
    readonly RemotePortDetails?: { readonly Port?: number };
    readonly Blocked?: boolean;
  };
  readonly DnsRequestAction?: { readonly Domain?: string; readonly Blocked?: boolean };
}

/** The API call, network connection and DNS request an action records, in that order. */
export function sharedActivity(action: SharedAction | undefined): FindingActivity[] {
  const out: FindingActivity[] = [];
  const api = action?.AwsApiCallAction;
  if (api?.Api)
    out.push({
      kind: 'apiCall',
      api: api.Api,
      ...(api.ServiceName && { service: api.ServiceName }),
      ...(api.RemoteIpDetails?.IpAddressV4 && { remoteIp: api.RemoteIpDetails.IpAddressV4 }),
      ...(api.RemoteIpDetails?.Country?.CountryName && { country: api.RemoteIpDetails.Country.CountryName }),
      ...(api.UserAgent && { userAgent: api.UserAgent }),
    });
  const net = action?.NetworkConnectionAction;
  if (net)
    out.push({
      kind: 'network',
      ...(net.ConnectionDirection && { direction: net.ConnectionDirection }),
      ...(net.Protocol && { protocol: net.Protocol }),
      ...(net.LocalPortDetails?.Port !== undefined && { localPort: net.LocalPortDetails.Port }),
      ...(net.RemoteIpDetails?.IpAddressV4 && { remoteIp: net.RemoteIpDetails.IpAddressV4 }),
      ...(net.RemotePortDetails?.Port !== undefined && { remotePort: net.RemotePortDetails.Port }),
      ...(net.Blocked !== undefined && { blocked: net.Blocked }),
    });
  const dns = action?.DnsRequestAction;
  if (dns?.Domain)
    out.push({ kind: 'dns', domain: dns.Domain, ...(dns.Blocked !== undefined && { blocked: dns.Blocked }) });
  return out;
}

/** Both services write times as ISO 8601 strings: epoch ms, or undefined for none or a bad one. */
export function isoTime(value: string | undefined): number | undefined {
  const ms = value === undefined ? NaN : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
