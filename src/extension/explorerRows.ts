/**
 * What the security explorer's host does with a row, decided without VS Code so the unit tests read it:
 * the names a row goes by in code ("Find in code"), its CloudTrail timeline ("Show activity",
 * "Investigate"), the ARN to copy, and which row (or which tab's filter) a reference in code means
 * ("Reveal in explorer").
 */
import type { FindingRow, KeyRow, SecretRow } from '../core';
import { rowId, type ExplorerTab } from '../shared/explorerMessages';
import type { ActivityTarget } from '../shared/timelineMessages';
import { targetFromInput } from './activityTarget';

export type AnyRow = KeyRow | SecretRow | FindingRow;

/** A KMS alias ARN: the key's ARN with `alias/<name>` in place of `key/<id>`. */
function aliasArn(keyArn: string, alias: string): string {
  return keyArn.replace(/:key\/[^:]+$/, `:${alias}`);
}

/** A role's or user's name from its ARN (`arn:aws:iam::1:role/path/name` -> `name`). */
function principalName(value: string): string {
  return value.startsWith('arn:') ? (value.split('/').at(-1) ?? value) : value;
}

/** Every name the row's resource may be written as in code. */
export function namesOfRow(tab: ExplorerTab, row: AnyRow): string[] {
  if (tab === 'keys') {
    const key = row as KeyRow;
    return unique([key.arn, key.keyId, ...key.aliases, ...key.aliases.map((a) => aliasArn(key.arn, a))]);
  }
  if (tab === 'secrets') {
    const secret = row as SecretRow;
    return unique([secret.arn, secret.name]);
  }
  const finding = row as FindingRow;
  const principal = finding.principal === undefined ? [] : [finding.principal, principalName(finding.principal)];
  // Access keys and instances are not written in code; a bucket, a role or a function may be.
  const resources = finding.resources.map((r) => r.id).filter((id) => !/^(?:AKIA|ASIA)[A-Z0-9]{16}$/.test(id));
  return unique([...principal, ...resources]);
}

/** What "Copy ARN" copies: the resource's ARN, a finding's own ARN or else its first resource. */
export function arnOfRow(tab: ExplorerTab, row: AnyRow): string {
  if (tab !== 'findings') return (row as KeyRow | SecretRow).arn;
  const finding = row as FindingRow;
  return finding.arn ?? finding.resources[0]?.id ?? finding.id;
}

/**
 * The row's CloudTrail timeline: a key's or a secret's events by ARN; a finding's principal's calls when it
 * names one, else its resource's events.
 */
export function activityTargetOfRow(
  tab: ExplorerTab,
  row: AnyRow,
  now: number,
  history: boolean,
): ActivityTarget | undefined {
  if (tab !== 'findings') {
    const resource = row as KeyRow | SecretRow;
    const target = targetFromInput(resource.arn, now, history);
    const label = tab === 'keys' ? ((row as KeyRow).aliases[0] ?? (row as KeyRow).keyId) : (row as SecretRow).name;
    return target && { ...target, title: `CloudTrail: ${label}` };
  }
  const finding = row as FindingRow;
  if (finding.principal !== undefined) {
    const target = targetFromInput(finding.principal, now, history);
    if (target) return { query: { principal: finding.principal, since: target.query.since }, title: target.title };
  }
  const resource = finding.resources[0]?.id;
  return resource === undefined ? undefined : targetFromInput(resource, now, history);
}

/** The row of `rows` that one of `names` means (an ARN, a key id, an alias, a secret's name), if one does. */
export function rowNamed(tab: ExplorerTab, rows: readonly AnyRow[], names: readonly string[]): string | undefined {
  const wanted = new Set(names.flatMap((n) => [n, secretBase(n)]));
  for (const row of rows) {
    const own = namesOfRow(tab, row).flatMap((n) => [n, secretBase(n)]);
    if (own.some((n) => wanted.has(n))) return rowId(tab, row);
  }
  return undefined;
}

/** A secret's ARN without the six random characters Secrets Manager appends (`db-AbCdEf` -> `db`). */
function secretBase(value: string): string {
  return /^arn:[^:]+:secretsmanager:/.test(value) ? value.replace(/-[A-Za-z0-9]{6}$/, '') : value;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}
