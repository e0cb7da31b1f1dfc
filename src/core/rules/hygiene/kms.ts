import { stringOf } from '../../sources/tree';
import type { Rule } from '../types';
import { setResourceProperty } from './propertyEdits';
import { booleanOf, propertiesUnknown, propertyOf, resourceSpan, resourcesOfType } from './template';

/**
 * Keys that can rotate automatically: symmetric encryption keys with key material KMS generated.
 * Asymmetric and HMAC keys, and imported key material, cannot.
 */
function canRotate(keySpec: string | undefined, origin: string | undefined): boolean {
  return (keySpec === undefined || keySpec === 'SYMMETRIC_DEFAULT') && (origin === undefined || origin === 'AWS_KMS');
}

export const kmsKeyRotation: Rule = {
  meta: {
    id: 'kms-key-rotation',
    name: 'KMS key rotation off',
    family: 'hygiene',
    defaultSeverity: 'warning',
    equivalents: { checkov: ['CKV_AWS_7'], cdkNag: ['KMS5'] },
    docs: {
      what: 'An `AWS::KMS::Key` that can rotate (a symmetric encryption key, `KeySpec` absent or `SYMMETRIC_DEFAULT`, with key material from KMS) does not set `EnableKeyRotation: true`. Asymmetric and HMAC keys and imported key material cannot rotate automatically and are not reported; neither are values given by intrinsics.',
      why: "Without rotation one key material encrypts everything for the key's whole life: more data is exposed if it is ever compromised, and many standards (CIS, PCI DSS) require yearly rotation. Rotation is transparent: old ciphertexts still decrypt.",
      example: '"Key": { "Type": "AWS::KMS::Key", "Properties": { "Description": "orders data" } }',
      fix: 'Set `EnableKeyRotation: true` (optionally `RotationPeriodInDays`, 90 to 2560; 365 by default).',
    },
  },
  checkSource(source, ctx) {
    for (const key of resourcesOfType(source, 'AWS::KMS::Key')) {
      if (propertiesUnknown(key)) continue;
      const keySpec = propertyOf(key, 'KeySpec');
      const origin = propertyOf(key, 'Origin');
      // An intrinsic KeySpec or Origin may name a key that cannot rotate: say nothing.
      if ((keySpec && stringOf(keySpec) === undefined) || (origin && stringOf(origin) === undefined)) continue;
      if (!canRotate(stringOf(keySpec), stringOf(origin))) continue;
      const rotation = propertyOf(key, 'EnableKeyRotation');
      const enabled = booleanOf(rotation);
      if (enabled === true || enabled === 'unknown') continue;
      const edit = setResourceProperty(ctx.text, key, 'EnableKeyRotation', 'true');
      ctx.report({
        span: rotation ? rotation.span : resourceSpan(key),
        message: `The KMS key ${key.id.text} ${rotation ? 'turns automatic rotation off' : 'does not turn on automatic rotation'}: its key material never changes.`,
        ...(edit && { fixes: [{ title: 'Turn on automatic key rotation', edits: [edit], preferred: true }] }),
      });
    }
  },
};
