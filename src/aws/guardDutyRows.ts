/**
 * GuardDuty's Finding as CloudWarden's finding row: its resource (an access key, an instance, S3
 * buckets, …) with an ARN where GuardDuty gives or implies one, the IAM principal an access key
 * belongs to (as an ARN, which the CloudTrail timeline and the references index look up), and what was
 * seen happening (an API call, a network connection, a DNS query, a port probe).
 */
import type { Action, Finding, Resource } from '@aws-sdk/client-guardduty';
import { type FindingActivity, type FindingResource, type FindingRow, severityLabelOf } from '../core';
import { isoTime, sharedActivity } from './findingActivity';

export function guardDutyRow(finding: Finding): FindingRow {
  const account = finding.AccountId ?? '';
  const region = finding.Region ?? '';
  const severity = finding.Severity ?? 0;
  const service = finding.Service;
  const principal = principalOf(finding.Resource, account);
  const firstSeen = isoTime(service?.EventFirstSeen);
  const lastSeen = isoTime(service?.EventLastSeen);
  return {
    id: finding.Id ?? '',
    source: 'GuardDuty',
    product: 'GuardDuty',
    severityLabel: severityLabelOf(severity),
    severity,
    type: finding.Type ?? '',
    title: finding.Title ?? '',
    description: finding.Description ?? '',
    resources: resourcesOf(finding.Resource, account, region),
    ...(principal !== undefined && { principal }),
    account,
    region,
    ...(firstSeen !== undefined && { firstSeen }),
    ...(lastSeen !== undefined && { lastSeen }),
    updatedAt: isoTime(finding.UpdatedAt) ?? 0,
    count: service?.Count ?? 1,
    archived: service?.Archived ?? false,
    activity: activityOf(service?.Action),
    ...(finding.Arn !== undefined && { arn: finding.Arn }),
  };
}

function resourcesOf(resource: Resource | undefined, account: string, region: string): FindingResource[] {
  const type = resource?.ResourceType ?? 'Unknown';
  const found: FindingResource[] = [];
  const key = resource?.AccessKeyDetails?.AccessKeyId;
  if (key) found.push({ type: 'AccessKey', id: key });
  const instance = resource?.InstanceDetails?.InstanceId;
  if (instance) found.push({ type: 'Instance', id: `arn:aws:ec2:${region}:${account}:instance/${instance}` });
  for (const bucket of resource?.S3BucketDetails ?? [])
    if (bucket.Arn ?? bucket.Name) found.push({ type: 'S3Bucket', id: bucket.Arn ?? `arn:aws:s3:::${bucket.Name}` });
  // The finding's own kind first: an S3 finding also carries the key that acted on the bucket.
  found.sort((a, b) => Number(b.type === type) - Number(a.type === type));
  return found.length > 0 ? found : [{ type, id: '' }];
}

/** The IAM user's or role's ARN behind an access key; the name alone when its kind is not one of those. */
function principalOf(resource: Resource | undefined, account: string): string | undefined {
  const details = resource?.AccessKeyDetails;
  if (!details?.UserName) return undefined;
  if (details.UserType === 'IAMUser') return `arn:aws:iam::${account}:user/${details.UserName}`;
  if (details.UserType === 'AssumedRole' || details.UserType === 'Role')
    return `arn:aws:iam::${account}:role/${details.UserName}`;
  return details.UserName;
}

/** What the shared reading gives, and GuardDuty's port probes. */
function activityOf(action: Action | undefined): FindingActivity[] {
  const out = sharedActivity(action);
  const probe = action?.PortProbeAction;
  if (probe)
    out.push({
      kind: 'portProbe',
      localPorts: (probe.PortProbeDetails ?? []).flatMap((d) => (d.LocalPortDetails?.Port ?? []) as number[]),
      remoteIps: (probe.PortProbeDetails ?? []).flatMap((d) => (d.RemoteIpDetails?.IpAddressV4 ?? []) as string[]),
    });
  return out;
}
