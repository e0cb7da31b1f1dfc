import type { Rule, RuleMeta } from './types';
import { retiredService, unknownAction, unknownService } from './validity/actions';
import { unknownConditionKey, unknownConditionOperator } from './validity/conditions';
import { duplicateSid, invalidEffect, invalidSid, unknownElement } from './validity/statement';
import { invalidVersion, missingVersion } from './validity/version';
import { redundantAction, redundantResource } from './validity/redundant';
import { allowNotAction, allowNotPrincipal, allowNotResource } from './leastPrivilege/notElements';
import { passRoleStar, passRoleWithoutService } from './leastPrivilege/passRole';
import { publicPrincipal } from './trust/publicPrincipal';
import { adminAccess, resourceStar, wildcardAction } from './leastPrivilege/wildcards';
import { permissionsManagement, unconstrainedWrite } from './leastPrivilege/unconstrained';
import { credentialsExposure } from './leastPrivilege/credentialsExposure';
import { dataExfiltration } from './leastPrivilege/dataExfiltration';
import { privilegeEscalation } from './leastPrivilege/privilegeEscalation';

/** Every rule, in the order their findings are listed. */
export const RULES: readonly Rule[] = [
  unknownService,
  retiredService,
  unknownAction,
  unknownElement,
  invalidEffect,
  missingVersion,
  invalidVersion,
  duplicateSid,
  invalidSid,
  unknownConditionOperator,
  unknownConditionKey,
  redundantAction,
  redundantResource,
  adminAccess,
  wildcardAction,
  resourceStar,
  permissionsManagement,
  unconstrainedWrite,
  credentialsExposure,
  dataExfiltration,
  privilegeEscalation,
  passRoleStar,
  passRoleWithoutService,
  allowNotAction,
  allowNotResource,
  allowNotPrincipal,
  publicPrincipal,
];

const BY_ID = new Map(RULES.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export function ruleMetas(): readonly RuleMeta[] {
  return RULES.map((r) => r.meta);
}
