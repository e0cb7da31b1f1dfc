/**
 * What the details pane lists for a key, a secret or a finding: every field of the row as a label and a
 * text, in the order a person reads them. Pure: the pane (details.ts) sets each with textContent.
 */
import type { FindingActivity, FindingRow, KeyRow, SecretRow } from '../../core';
import { formatDate, formatTime, yesNo } from './format';

export interface Field {
  readonly label: string;
  readonly value: string;
}

function field(label: string, value: string | number | undefined): Field {
  return { label, value: value === undefined || value === '' ? '—' : String(value) };
}

function tags(tagMap: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(tagMap).map(([k, v]) => `${k}=${v}`);
  return pairs.length === 0 ? 'none' : pairs.join(', ');
}

export function keyFields(row: KeyRow): Field[] {
  const rotation =
    row.rotationEnabled === undefined ? 'not applicable or unknown' : row.rotationEnabled ? 'enabled' : 'disabled';
  return [
    field('Aliases', row.aliases.length === 0 ? 'none' : row.aliases.join(', ')),
    field('Key id', row.keyId),
    field('ARN', row.arn),
    field('Region', row.region),
    field('Description', row.description),
    field('State', row.state),
    field('Managed by', row.managedBy),
    field('Spec', row.spec),
    field('Usage', row.usage),
    field('Origin', row.origin),
    field('Multi-Region', row.multiRegion ?? 'no'),
    field('Created', formatTime(row.createdAt)),
    field('Deletion date', formatTime(row.deletionAt)),
    field('Rotation', rotation),
    field('Rotation period', row.rotationPeriodDays === undefined ? undefined : `${row.rotationPeriodDays} days`),
    field('Next rotation', formatDate(row.nextRotationAt)),
    field('Last used', formatTime(row.lastUsedAt)),
    field('Last operation', row.lastUsedOperation),
    field('Usage tracked since', formatDate(row.usageTrackedSince)),
    field('Grants', row.grantsCount),
    field('Tags', tags(row.tags)),
  ];
}

export function secretFields(row: SecretRow): Field[] {
  return [
    field('Name', row.name),
    field('ARN', row.arn),
    field('Region', row.region),
    field('Description', row.description),
    field('KMS key', `${row.kmsKey} (${row.defaultKey ? 'AWS managed default' : 'customer managed'})`),
    field('Rotation', row.rotationEnabled ? 'enabled' : 'disabled'),
    field('Rotation every', row.rotationEveryDays === undefined ? undefined : `${row.rotationEveryDays} days`),
    field('Last rotated', formatTime(row.lastRotatedAt)),
    field('Next rotation', formatDate(row.nextRotationAt)),
    field('Last changed', formatTime(row.lastChangedAt)),
    field('Last accessed', formatDate(row.lastAccessedAt)),
    field('Created', formatTime(row.createdAt)),
    field('Owning service', row.owningService),
    field('Tags', tags(row.tags)),
  ];
}

export function findingFields(row: FindingRow): Field[] {
  return [
    field('Source', row.source),
    field('Product', row.product),
    field('Type', row.type),
    field('Title', row.title),
    field('Description', row.description),
    field('Severity', `${row.severityLabel} (${row.severity})`),
    field('Resources', row.resources.map((r) => `${r.type} ${r.id}`).join('\n')),
    field('Principal', row.principal),
    field('Account', row.account),
    field('Region', row.region),
    field('First seen', formatTime(row.firstSeen)),
    field('Last seen', formatTime(row.lastSeen)),
    field('Updated', formatTime(row.updatedAt)),
    field('Count', row.count),
    field('Archived', yesNo(row.archived)),
    field('Workflow', row.workflow),
    field('Compliance', row.compliance),
    field('Control', row.control),
    field('Finding id', row.id),
    field('ARN', row.arn),
  ];
}

/** One line per thing seen happening: the API call and from where, the connection, the query, the probe. */
export function activityLine(activity: FindingActivity): string {
  const parts = (...items: (string | number | undefined)[]) =>
    items.filter((i) => i !== undefined && i !== '').join(' · ');
  const blocked = (b: boolean | undefined) => (b ? 'blocked' : undefined);
  switch (activity.kind) {
    case 'apiCall':
      return `API call ${parts(
        activity.service === undefined ? activity.api : `${activity.service} ${activity.api}`,
        activity.remoteIp && `from ${activity.remoteIp}`,
        activity.country,
        activity.userAgent && `user agent ${activity.userAgent}`,
      )}`;
    case 'network':
      return `Network connection ${parts(
        activity.direction,
        activity.protocol,
        activity.localPort === undefined ? undefined : `local port ${activity.localPort}`,
        activity.remoteIp &&
          `remote ${activity.remoteIp}${activity.remotePort === undefined ? '' : `:${activity.remotePort}`}`,
        blocked(activity.blocked),
      )}`;
    case 'dns':
      return `DNS query ${parts(activity.domain, blocked(activity.blocked))}`;
    case 'portProbe':
      return `Port probe ${parts(
        activity.localPorts.length === 0 ? undefined : `ports ${activity.localPorts.join(', ')}`,
        activity.remoteIps.length === 0 ? undefined : `from ${activity.remoteIps.join(', ')}`,
      )}`;
  }
}
