/**
 * An ActivityQuery as SQL conditions, the same meaning as eventFilter (src/core/activity/query.ts) except
 * for the resource: SQL finds it anywhere in the request, the response and resources[] (a name as a whole
 * JSON string, or as the last part of an ARN), which includes the fields the event model's table reads.
 */
import { eventsOfAction } from '../activity/actions';
import type { ActivityQuery } from '../activity/query';
import { describeArn } from '../activity/resourceTypes';
import type { Dialect } from './dialect';
import { ANY, jsonInner, like, literal, literalList, SqlValueError } from './sqlText';

/** The conditions for everything but the window (dialect.window adds that). */
export function queryConditions(query: ActivityQuery, d: Dialect): string[] {
  const c = d.col;
  const out: string[] = [];
  if (query.eventId) out.push(`${c.eventId} = ${literal(query.eventId)}`);
  if (query.accessKeyId) out.push(`${c.accessKeyId} = ${literal(query.accessKeyId)}`);
  if (query.eventName) out.push(`${c.eventName} = ${literal(query.eventName)}`);
  if (query.action) out.push(actionCondition(query.action, d));
  if (query.sourceIp) out.push(`${c.sourceIp} = ${literal(query.sourceIp)}`);
  if (query.errorsOnly) out.push(`coalesce(${c.errorCode}, '') <> ''`);
  if (query.principal) out.push(principalCondition(query.principal, d));
  if (query.resource) out.push(resourceCondition(query.resource, d));
  return out;
}

function actionCondition(action: string, d: Dialect): string {
  const events = eventsOfAction(action);
  if (events === undefined) throw new SqlValueError(`${JSON.stringify(action)} is not an IAM action (service:Name)`);
  const name = `lower(${d.col.eventName})`;
  const names = [
    `${name} IN ${literalList(events.names)}`,
    ...(events.versioned ? events.names.map((n) => like(name, n, '20', ANY)) : []),
  ];
  return `(lower(${d.col.eventSource}) IN ${literalList(events.sources)} AND (${names.join(' OR ')}))`;
}

/**
 * An ARN: the identity, its issuing role, or (for a role's session ARN written without the session) every
 * session under it. A name: the user, the session, the role, the last part of the identity's ARN, or
 * the name a service or account principal goes by.
 */
function principalCondition(principal: string, d: Dialect): string {
  const c = d.col;
  const p = literal(principal);
  if (principal.startsWith('arn:'))
    return `(${c.identityArn} = ${p} OR ${c.issuerArn} = ${p} OR ${like(c.identityArn, principal, '/', ANY)})`;
  const either = [
    `${c.userName} = ${p}`,
    `${c.issuerUserName} = ${p}`,
    `${c.invokedBy} = ${p}`,
    `${c.principalId} = ${p}`,
    `${c.onBehalfOf} = ${p}`,
    like(c.identityArn, ANY, '/', principal),
    like(c.issuerArn, ANY, '/', principal),
    like(c.principalId, ANY, ':', principal),
    `(${c.identityType} = 'AWSAccount' AND ${c.accountId} = ${p})`,
    ...(principal === 'root' ? [`${c.identityType} = 'Root'`] : []),
  ];
  return `(${either.join(' OR ')})`;
}

function resourceCondition(resource: string, d: Dialect): string {
  literal(resource); // refuses control characters before the value is rewritten as JSON text
  const needles = new Set([resource]);
  const name = resource.startsWith('arn:') ? describeArn(resource).name : undefined;
  if (name) needles.add(name);
  const texts = [d.resourcesText, d.requestText, d.responseText];
  const either = [...needles].flatMap((needle) => {
    const inner = jsonInner(needle);
    return texts.flatMap((text) => [
      like(text, ANY, `"${inner}"`, ANY),
      like(text, ANY, `/${inner}"`, ANY),
      like(text, ANY, `:${inner}"`, ANY),
    ]);
  });
  return `(${either.join(' OR ')})`;
}
