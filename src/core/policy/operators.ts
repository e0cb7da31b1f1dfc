/**
 * The condition operators of the IAM policy grammar and how one is written: an optional set qualifier
 * (`ForAllValues:`/`ForAnyValue:`), the base operator, an optional `IfExists`. Here, below the analysis
 * and the rules, because both read operators.
 */

/** The condition operators of the IAM policy grammar, in their documented casing. */
export const CONDITION_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
] as const;

export type BaseOperator = (typeof CONDITION_OPERATORS)[number];

const BY_LOWER = new Map(CONDITION_OPERATORS.map((o) => [o.toLowerCase(), o]));

export interface ParsedOperator {
  readonly set?: 'ForAllValues' | 'ForAnyValue';
  readonly base: BaseOperator;
  readonly ifExists: boolean;
}

/** Parses `ForAnyValue:StringLikeIfExists` and friends; undefined when it is not a valid operator. */
export function parseOperator(text: string): ParsedOperator | undefined {
  let rest = text;
  let set: ParsedOperator['set'];
  const qualifier = /^(ForAllValues|ForAnyValue):/i.exec(rest);
  if (qualifier) {
    set = qualifier[1]!.toLowerCase() === 'forallvalues' ? 'ForAllValues' : 'ForAnyValue';
    rest = rest.slice(qualifier[0].length);
  }
  let ifExists = false;
  if (/IfExists$/i.test(rest) && rest.length > 'IfExists'.length) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const base = BY_LOWER.get(rest.toLowerCase());
  if (!base || (base === 'Null' && ifExists)) return undefined;
  return { set, base, ifExists };
}

/**
 * True for the operators that match when the value is NOT among those written (`StringNotEquals`,
 * `NotIpAddress`...). IAM evaluates them to true when the key is absent from the request.
 */
export function isNegated(base: BaseOperator): boolean {
  return base === 'NotIpAddress' || /^(String|Numeric|Date|Arn)Not/.test(base);
}
