/**
 * KMS keys and aliases where a parameter says KMS: a key id is a bare UUID, which elsewhere is just a
 * UUID (a request id, a trace id), so only the name of the parameter holding it makes it a key.
 */
import type { Span } from '../policy/span';
import { byArn, byName } from './reference';
import type { ReferenceVia, ResourceReference } from './types';

/**
 * Parameters, properties and attributes that take a KMS key or alias, in any spelling once lowercased
 * without underscores: `KeyId`, `TargetKeyId`, `KmsKeyId`, `KMSMasterKeyID`, `SSEKMSKeyId`, `KmsKeyArn`,
 * `kms_key_id`, `kms_master_key_id`, `key_id`. (`AccessKeyId` is not one: the first form is anchored.)
 */
const KMS_PARAMETER = /^(?:target)?key(?:id|arn)$|kms\w*key(?:id|arn)?$/;

export function isKmsKeyParameter(name: string): boolean {
  return KMS_PARAMETER.test(name.toLowerCase().replaceAll('_', ''));
}

const KEY_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/i;
const ALIAS = /^alias\/[A-Za-z0-9/_-]+$/;

/**
 * A KMS key or alias as a KMS key parameter takes it: a key id (a UUID, or `mrk-` and 32 hex digits for
 * a multi-Region key), an alias name (`alias/app`), or the ARN of either; undefined for anything else.
 */
export function kmsKey(value: string, span: Span, via: ReferenceVia): ResourceReference | undefined {
  if (value.startsWith('arn:')) {
    const reference = byArn(value, span, via);
    return reference?.service === 'kms' ? reference : undefined;
  }
  if (KEY_ID.test(value)) return byName('AWS::KMS::Key', value, span, via);
  if (ALIAS.test(value)) return byName('AWS::KMS::Alias', value, span, via);
  return undefined;
}
