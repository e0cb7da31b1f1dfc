import type { Rule, RuleMeta } from './types';
import { retiredService, unknownAction, unknownService } from './validity/actions';
import { unknownConditionKey, unknownConditionOperator } from './validity/conditions';
import { duplicateSid, invalidEffect, invalidSid, unknownElement } from './validity/statement';
import { invalidVersion, missingVersion } from './validity/version';
import { redundantAction, redundantResource } from './validity/redundant';
import { invalidArn } from './validity/arns';
import { actionResourceMismatch } from './validity/resources';
import { conditionTypeMismatch, stringLikeOnArnKey } from './validity/conditionTypes';
import { forAllValuesOnSingleValuedKey, multivaluedKeyWithoutQualifier } from './validity/qualifiers';
import { badMfaCondition } from './validity/mfa';
import { allowNotAction, allowNotPrincipal, allowNotResource } from './leastPrivilege/notElements';
import { passRoleStar, passRoleWithoutService } from './leastPrivilege/passRole';
import { publicPrincipal } from './trust/publicPrincipal';
import { adminAccess, resourceStar, wildcardAction } from './leastPrivilege/wildcards';

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
  invalidArn,
  actionResourceMismatch,
  conditionTypeMismatch,
  stringLikeOnArnKey,
  forAllValuesOnSingleValuedKey,
  multivaluedKeyWithoutQualifier,
  badMfaCondition,
  redundantAction,
  redundantResource,
  adminAccess,
  wildcardAction,
  resourceStar,
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
