/**
 * What a policy document found on its own is for, told by its content: a trust policy, a resource
 * policy (and for which service), or else an identity policy. An SCP or RCP reads like an identity
 * policy, so it stays `identity`.
 */
import type { PolicyKind, Statement, ValueList } from '../policy/model';

/** Actions only a role's trust policy grants (`sts:AssumeRole`, `sts:AssumeRoleWithSAML`...). */
function isTrustAction(action: string): boolean {
  const lower = action.toLowerCase();
  return (
    lower.startsWith('sts:assumerole') ||
    lower === 'sts:tagsession' ||
    lower === 'sts:setsourceidentity' ||
    lower === 'sts:setcontext'
  );
}

export function inferKind(statements: readonly Statement[]): { kind: PolicyKind; resourceService?: string } {
  const known = statements.filter((statement) => !statement.unknown);
  if (!known.some((statement) => statement.principal || statement.notPrincipal)) return { kind: 'identity' };
  const trust = known.every(
    (statement) =>
      statement.principal !== undefined &&
      statement.action !== undefined &&
      statement.action.list.values.length > 0 &&
      statement.action.list.values.every(
        (value) => value.kind === 'string' && !value.parts && isTrustAction(value.text),
      ),
  );
  if (trust) return { kind: 'trust' };
  const service = soleService(known);
  return service ? { kind: 'resource', resourceService: service } : { kind: 'resource' };
}

/** The one service all actions and resource ARNs name (`s3` for `s3:GetObject` on `arn:aws:s3:::b/*`), if any. */
export function soleService(statements: readonly Statement[]): string | undefined {
  const services = new Set<string>();
  const add = (list: ValueList | undefined, fromArn: boolean): void => {
    for (const value of list?.values ?? []) {
      if (value.kind !== 'string' || value.parts) continue;
      const service = fromArn ? arnService(value.text) : actionService(value.text);
      if (service) services.add(service);
    }
  };
  for (const statement of statements) {
    add(statement.action?.list, false);
    add(statement.notAction?.list, false);
    add(statement.resource?.list, true);
    add(statement.notResource?.list, true);
  }
  return services.size === 1 ? [...services][0] : undefined;
}

function actionService(action: string): string | undefined {
  const colon = action.indexOf(':');
  return colon > 0 ? action.slice(0, colon).toLowerCase() : undefined;
}

function arnService(arn: string): string | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  const start = arn.indexOf(':', 4) + 1;
  const end = start > 0 ? arn.indexOf(':', start) : -1;
  return end > start ? arn.slice(start, end).toLowerCase() : undefined;
}
