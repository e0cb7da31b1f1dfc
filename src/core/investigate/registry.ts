import {
  accessDeniedBurst,
  consoleLoginFailures,
  ec2PasswordReads,
  reconnaissanceBurst,
  secretsManyRead,
} from './bursts';
import type { Detection } from './detection';
import { kmsKeyLoss, networkOpenToWorld, publicAccessBlockRemoved, resourceMadePublic } from './exposure';
import { accessKeyForOtherUser, iamPolicyModified, loginProfileForOtherUser } from './iam';
import { instanceCredentialsElsewhere } from './instance';
import { cloudTrailWeakened, securityServiceDisabled } from './logging';
import { secretsBatchRetrieval } from './secrets';
import { consoleLoginWithoutMfa, rootActivity, rootConsoleLogin } from './signIn';

/** Every detection, in the order reports list them. */
export const DETECTIONS: readonly Detection[] = [
  rootActivity,
  rootConsoleLogin,
  consoleLoginWithoutMfa,
  consoleLoginFailures,
  cloudTrailWeakened,
  securityServiceDisabled,
  iamPolicyModified,
  accessKeyForOtherUser,
  loginProfileForOtherUser,
  kmsKeyLoss,
  networkOpenToWorld,
  resourceMadePublic,
  publicAccessBlockRemoved,
  secretsBatchRetrieval,
  secretsManyRead,
  ec2PasswordReads,
  instanceCredentialsElsewhere,
  accessDeniedBurst,
  reconnaissanceBurst,
];
