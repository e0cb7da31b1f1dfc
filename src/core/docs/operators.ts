import type { ConditionKeyType } from '../catalog/types';

/** The condition operator families and the key types each compares, for hover and completion. */
const OPERATOR_FAMILIES: readonly { prefix: string; types: readonly string[]; about: string }[] = [
  {
    prefix: 'String',
    types: ['String'],
    about: 'compares strings (Like: `*` and `?` wildcards; IgnoreCase: case-insensitive)',
  },
  { prefix: 'Numeric', types: ['Numeric'], about: 'compares numbers' },
  { prefix: 'Date', types: ['Date'], about: 'compares dates (ISO 8601 or epoch seconds)' },
  { prefix: 'Bool', types: ['Bool'], about: 'compares `true` / `false`' },
  { prefix: 'BinaryEquals', types: ['Binary'], about: 'compares base64-encoded binary values' },
  { prefix: 'IpAddress', types: ['IPAddress'], about: 'matches IPv4/IPv6 addresses or CIDR ranges' },
  { prefix: 'NotIpAddress', types: ['IPAddress'], about: 'matches addresses outside the ranges' },
  { prefix: 'Arn', types: ['ARN'], about: 'compares ARNs field by field (Like: wildcards per field)' },
  { prefix: 'Null', types: [], about: 'tests whether the key is absent (`true`) or present (`false`)' },
];

/** The operators that fit a key of this type (qualifiers and IfExists aside), most usual first. */
export function operatorsForType(type: ConditionKeyType): string[] {
  const base = type.replace(/^ArrayOf/, '');
  switch (base) {
    case 'String':
      return ['StringEquals', 'StringLike', 'StringNotEquals', 'StringNotLike', 'StringEqualsIgnoreCase'];
    case 'ARN':
      return ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike'];
    case 'Numeric':
      return [
        'NumericEquals',
        'NumericLessThan',
        'NumericLessThanEquals',
        'NumericGreaterThan',
        'NumericGreaterThanEquals',
      ];
    case 'Date':
      return ['DateLessThan', 'DateGreaterThan', 'DateEquals'];
    case 'Bool':
      return ['Bool'];
    case 'IPAddress':
      return ['IpAddress', 'NotIpAddress'];
    case 'Binary':
      return ['BinaryEquals'];
    default:
      return [];
  }
}

/** One line on what an operator does, with its qualifier and IfExists spelt out. */
export function describeOperator(operator: string): string | undefined {
  const match = /^(?:(ForAllValues|ForAnyValue):)?(.+?)(IfExists)?$/i.exec(operator);
  if (!match) return undefined;
  const base = match[2]!;
  const family = OPERATOR_FAMILIES.find((f) => base.toLowerCase().startsWith(f.prefix.toLowerCase()));
  if (!family) return undefined;
  const parts = [`**${operator}** ${family.about}.`];
  if (match[1]?.toLowerCase() === 'forallvalues')
    parts.push(
      "`ForAllValues:` every value in the request must match one of the policy's values (also true when the key is absent or empty: pair it with a Null check).",
    );
  if (match[1]?.toLowerCase() === 'foranyvalue')
    parts.push('`ForAnyValue:` at least one value in the request must match.');
  if (match[3]) parts.push('`IfExists`: a request without the key passes this test.');
  return parts.join(' ');
}
