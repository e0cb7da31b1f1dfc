/**
 * The hygiene flags of the security explorer's rows: each a stable id the webview filters on and the
 * sentence it shows. Pure decisions over what was read; a part that could not be read raises no flag
 * (a missing fact is not a bad one).
 */
import type { KeyFacts, SecretFacts } from './facts';

export type HygieneFlagId = 'rotationOff' | 'pendingDeletion' | 'neverRotated' | 'notAccessed90Days' | 'defaultKey';

export interface HygieneFlag {
  readonly id: HygieneFlagId;
  readonly sentence: string;
}

const DAY_MS = 86_400_000;
/** The threshold: a secret nobody read for 90 days is probably not needed. */
export const STALE_SECRET_DAYS = 90;
const DEFAULT_SECRET_KEY = 'alias/aws/secretsmanager';

/** A key's flags: rotation off (customer keys that can rotate), pending deletion. */
export function keyFlags(key: KeyFacts, now: number): HygieneFlag[] {
  const flags: HygieneFlag[] = [];
  const meta = key.metadata;
  if (meta?.state === 'PendingDeletion') {
    const when =
      meta.deletionAt === undefined ? '' : ` in ${Math.max(0, Math.ceil((meta.deletionAt - now) / DAY_MS))} days`;
    flags.push({
      id: 'pendingDeletion',
      sentence: `Scheduled for deletion${when}: whatever it encrypted becomes unreadable then; cancel the deletion if anything still uses it.`,
    });
  }
  // AWS managed keys rotate yearly by themselves; an absent rotation means unsupported or unread.
  if (meta?.manager === 'CUSTOMER' && key.rotation?.enabled === false && meta.state !== 'PendingDeletion')
    flags.push({
      id: 'rotationOff',
      sentence:
        'Automatic rotation is off: turn it on (EnableKeyRotation) so the key material is renewed on a schedule.',
    });
  return flags;
}

/** A secret's flags: never rotated, not accessed in 90 days, on the default key. */
export function secretFlags(secret: SecretFacts, now: number): HygieneFlag[] {
  const flags: HygieneFlag[] = [];
  if (secret.lastRotatedAt === undefined)
    flags.push({
      id: 'neverRotated',
      sentence: secret.rotationEnabled
        ? 'Rotation is configured but has never run: check the rotation function.'
        : 'Never rotated: turn on rotation so a leaked value stops working.',
    });
  const staleSince = secret.lastAccessedAt ?? secret.createdAt;
  if (staleSince !== undefined && now - staleSince > STALE_SECRET_DAYS * DAY_MS)
    flags.push({
      id: 'notAccessed90Days',
      sentence:
        secret.lastAccessedAt === undefined
          ? `Never accessed in ${Math.floor((now - staleSince) / DAY_MS)} days: delete it if nothing needs it.`
          : `Not accessed for ${Math.floor((now - staleSince) / DAY_MS)} days: delete it if nothing needs it.`,
    });
  if (secret.owningService === undefined && usesDefaultKey(secret))
    flags.push({
      id: 'defaultKey',
      sentence:
        'Encrypted with the AWS managed key aws/secretsmanager: use a customer managed key to control who may decrypt it, and to share it across accounts.',
    });
  return flags;
}

/** Whether the secret is encrypted with the AWS managed default key. */
export function usesDefaultKey(secret: Pick<SecretFacts, 'kmsKeyId'>): boolean {
  return (
    secret.kmsKeyId === undefined ||
    secret.kmsKeyId === DEFAULT_SECRET_KEY ||
    secret.kmsKeyId.endsWith(`:${DEFAULT_SECRET_KEY}`)
  );
}
