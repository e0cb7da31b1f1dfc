/**
 * Markdown for hover on the policy elements other than actions: condition keys, ARNs, service
 * principals and condition operators. Each says what the thing is and how it relates to the statement
 * it is in (which of its actions a key or an ARN applies to).
 */
import type { Catalog } from '../catalog/catalog';
import { code, escapeCell } from './markdown';
import { parseArn } from '../catalog/arn';
import { actionsSupportingKey, conditionKeysOfAction } from '../catalog/keyUsage';
import { servicePrincipal } from '../catalog/servicePrincipals';
import type { Action, ArnInput } from '../catalog/types';
import { describeOperator, operatorsForType } from './operators';

const GLOBAL_KEYS_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html';
const PRINCIPALS_URL =
  'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-services';
const CONFUSED_DEPUTY_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html';

/** A condition key, against the actions of the statement it is in (`statementActions`: literal names expanded). */
export function describeConditionKey(
  catalog: Catalog,
  name: string,
  statementActions: readonly Action[],
  operator?: string,
): string {
  const key = catalog.conditionKey(name);
  if (!key) return `**${code(name)}** is not a condition key in the Service Authorization Reference.`;
  const lines = [`**${code(name)}** · ${key.type}${key.name !== name ? ` (documented as ${code(key.name)})` : ''}`, ''];
  lines.push(key.description || '_No description in the Service Authorization Reference._', '');
  const global = key.service === 'aws' || key.name.toLowerCase().startsWith('aws:');
  const operators = operatorsForType(key.type);
  if (operators.length)
    lines.push(
      `Operators: ${operators.map(code).join(', ')}${key.type.startsWith('ArrayOf') ? ' with `ForAnyValue:` / `ForAllValues:` (a multivalued key)' : ''}`,
      '',
    );
  if (global) {
    lines.push(
      `A global condition key: present in the request context of every service that supports it. [Global condition keys](${GLOBAL_KEYS_URL})`,
    );
  } else {
    const supporting = actionsSupportingKey(catalog, key.name);
    const lowered = key.name.toLowerCase();
    const inStatement = statementActions.filter((a) =>
      conditionKeysOfAction(a).some((k) => k.toLowerCase() === lowered),
    );
    lines.push(`Supported by ${supporting.length} action${supporting.length === 1 ? '' : 's'}.`);
    if (statementActions.length > 0) {
      const missing = statementActions.filter((a) => !inStatement.includes(a));
      if (inStatement.length) lines.push('', `In this statement: ${list(inStatement.map((a) => a.fullName))}`);
      if (missing.length) {
        lines.push(
          '',
          `Not supported by ${list(missing.map((a) => a.fullName))}: for ${missing.length === 1 ? 'it' : 'them'} the key is absent, so the condition ${operator && /IfExists$/i.test(operator) ? 'passes (IfExists)' : 'fails (or, with a negated operator, passes)'}.`,
        );
      }
    }
  }
  if (operator) {
    const about = describeOperator(operator);
    if (about) lines.push('', about);
  }
  return lines.join('\n');
}

/** A resource ARN: its fields, the resource types it names, and which of the statement's actions take them. */
export function describeArn(
  catalog: Catalog,
  text: string,
  arn: ArnInput,
  statementActions: readonly Action[],
): string {
  if (text === '*')
    return '**`*`**: every resource. Actions that support resource-level permissions can be scoped to ARNs instead.';
  const parsed = typeof arn === 'string' ? parseArn(arn) : undefined;
  const lines = [`**${code(text)}**`, ''];
  if (parsed) {
    lines.push('| partition | service | region | account | resource |', '|---|---|---|---|---|');
    lines.push(
      `| ${cell(parsed.partition)} | ${cell(parsed.service)} | ${cell(parsed.region)} | ${cell(parsed.account)} | ${cell(parsed.resource)} |`,
      '',
    );
  } else if (typeof arn === 'string' && !arn.startsWith('arn:')) {
    lines.push('Not an ARN: a resource is `*` or `arn:partition:service:region:account:resource`.');
    return lines.join('\n');
  }
  const matches = catalog.resourceTypeMatches(arn);
  if (matches.length === 0) {
    lines.push('Matches no resource type in the Service Authorization Reference.');
    return lines.join('\n');
  }
  lines.push('| Resource type | ARN format | |', '|---|---|---|');
  for (const m of matches.slice(0, 8)) {
    lines.push(
      `| ${m.resourceType.service.prefix}:${cell(m.resourceType.name)} | \`${cell(m.resourceType.arnFormat)}\` | ${m.match === 'match' ? 'matches' : 'may match (unknown parts)'} |`,
    );
  }
  if (matches.length > 8) lines.push(`| … ${matches.length - 8} more | | |`);
  if (statementActions.length > 0) {
    const types = new Set(matches.map((m) => `${m.resourceType.service.prefix}:${m.resourceType.name}`.toLowerCase()));
    const applies = statementActions.filter((a) =>
      a.resourceTypes.some((rt) => types.has(`${a.service.prefix}:${rt.name}`.toLowerCase())),
    );
    const other = statementActions.filter((a) => !applies.includes(a));
    lines.push('');
    if (applies.length) lines.push(`Applies to ${list(applies.map((a) => a.fullName))} in this statement.`);
    if (other.length)
      lines.push(
        `${applies.length ? 'Not to' : "Applies to none of this statement's actions:"} ${list(other.map((a) => a.fullName))}.`,
      );
  }
  return lines.join('\n');
}

/** A principal value: a service principal, an account, a role or user ARN, `*`. */
export function describePrincipal(kind: string, value: string): string {
  if (value === '*')
    return '**`*`**: every principal (every AWS account, and anonymous callers where the service allows them). Add a condition such as `aws:PrincipalOrgID` or name the principals.';
  if (kind === 'Service') {
    const info = servicePrincipal(value);
    const lines = [`**${code(value)}** · service principal`, ''];
    if (info) lines.push(`${info.purpose}.`, '');
    else if (!/\.amazonaws\.com(\.cn)?$/.test(value)) lines.push('Service principals end in `.amazonaws.com`.', '');
    lines.push(
      info && !info.assumesRoles
        ? `In a resource policy, add \`aws:SourceArn\` or \`aws:SourceAccount\` so that the service acts for your resources only ([confused deputy](${CONFUSED_DEPUTY_URL})).`
        : `In a role trust policy the service assumes the role. Conditions \`aws:SourceAccount\` / \`aws:SourceArn\` limit which of its resources may ([confused deputy](${CONFUSED_DEPUTY_URL})).`,
      '',
      `[Service principals](${PRINCIPALS_URL})`,
    );
    return lines.join('\n');
  }
  if (kind === 'AWS') {
    if (/^\d{12}$/.test(value))
      return `**${code(value)}** · the account \`${value}\`: every principal in it that its own policies allow (same as \`arn:aws:iam::${value}:root\`).`;
    const arn = parseArn(value);
    if (arn?.resource === 'root')
      return `**${code(value)}** · the account \`${arn.account}\`: every principal in it that its own policies allow, not only the root user.`;
    if (arn)
      return `**${code(value)}** · ${arn.resource.split('/')[0]} \`${arn.resource.split('/').slice(1).join('/')}\` in account \`${arn.account}\``;
  }
  if (kind === 'Federated')
    return `**${code(value)}** · identity provider: the role is assumed with \`sts:AssumeRoleWithWebIdentity\` or \`sts:AssumeRoleWithSAML\`; pin \`aud\` and \`sub\` (OIDC) or \`SAML:aud\` in a condition.`;
  return `**${code(value)}** · ${kind} principal`;
}

function list(names: readonly string[], limit = 6): string {
  const shown = names.slice(0, limit).map(code).join(', ');
  return names.length > limit ? `${shown} and ${names.length - limit} more` : shown;
}

function cell(text: string): string {
  return text === '' ? '—' : escapeCell(text);
}
