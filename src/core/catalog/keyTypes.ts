import type { ConditionKeyType } from './types';

/** The value type of one element of a condition key: `ArrayOfString` → `String`. */
export type ScalarKeyType = 'String' | 'ARN' | 'Bool' | 'Numeric' | 'Date' | 'IPAddress' | 'Binary' | 'Null';

/**
 * True for keys whose request value is a set (`aws:TagKeys`, `aws:PrincipalOrgPaths`, `s3:...` lists):
 * the Service Authorization Reference types them `ArrayOf...`, the global keys' page too (the catalog
 * carries both), and only these need `ForAllValues:`/`ForAnyValue:`.
 */
export function isMultivaluedKeyType(type: ConditionKeyType): boolean {
  return type.startsWith('ArrayOf');
}

/** The type of each value of a key of this type. */
export function scalarKeyType(type: ConditionKeyType): ScalarKeyType {
  return (type.startsWith('ArrayOf') ? type.slice('ArrayOf'.length) : type) as ScalarKeyType;
}
