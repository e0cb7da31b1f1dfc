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
import { oidcAudienceMissing, oidcBranchUnpinned, oidcTrustUnpinned } from './trust/oidc';
import { serviceWithoutSource } from './trust/servicePrincipal';
import { accountRootTrust, crossAccountTrust } from './trust/crossAccount';
import { bucketSecureTransport } from './trust/secureTransport';
import { invalidPrincipal } from './trust/principalFormat';
import { adminAccess, resourceStar, wildcardAction } from './leastPrivilege/wildcards';
import {
  awsManagedAdminPolicy,
  awsManagedFullAccessPolicy,
  awsManagedPrivilegedPolicy,
} from './hygiene/managedPolicies';
import { kmsKeyRotation } from './hygiene/kms';
import { secretRotation, secretWithoutCmk } from './hygiene/secrets';
import { secretParameterRef } from './hygiene/secretParameters';
import {
  cloudTrailCloudWatchLogs,
  cloudTrailEncryption,
  cloudTrailLogValidation,
  cloudTrailMultiRegion,
} from './hygiene/cloudTrail';
import { lambdaPermissionPublic, lambdaPermissionWithoutSource } from './hygiene/lambdaPermission';
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
  awsManagedAdminPolicy,
  awsManagedPrivilegedPolicy,
  awsManagedFullAccessPolicy,
  lambdaPermissionPublic,
  lambdaPermissionWithoutSource,
  kmsKeyRotation,
  secretRotation,
  secretWithoutCmk,
  secretParameterRef,
  cloudTrailEncryption,
  cloudTrailLogValidation,
  cloudTrailMultiRegion,
  cloudTrailCloudWatchLogs,
  oidcTrustUnpinned,
  oidcAudienceMissing,
  oidcBranchUnpinned,
  serviceWithoutSource,
  crossAccountTrust,
  accountRootTrust,
  bucketSecureTransport,
  invalidPrincipal,
];

const BY_ID = new Map(RULES.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export function ruleMetas(): readonly RuleMeta[] {
  return RULES.map((r) => r.meta);
}
