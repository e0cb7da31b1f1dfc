import { scalarKeyType, type ScalarKeyType } from '../../catalog/keyTypes';
import type { ConditionKey } from '../../catalog/types';
import type { ConditionBlock, ConditionEntry, PolicyDocument, Value } from '../../policy/model';
import { replace } from '../edits';
import type { Fix, Rule } from '../types';
import { literal } from '../../policy/values';
import { parseOperator, type ParsedOperator } from './conditions';
import { hasPolicyVariable, operatorFamily, valueProblem, type OperatorFamily } from './conditionValues';

/** The operator families a key of this type can be compared with (Null works with every key). */
function accepts(key: ConditionKey, type: ScalarKeyType, family: OperatorFamily): boolean {
  if (family === 'Null' || type === 'Null') return true;
  switch (type) {
    case 'String':
      // Many String keys hold ARNs (kms:EncryptionContext:aws:s3:arn...): Arn operators are fine on them.
      return family === 'String' || family === 'ARN';
    case 'ARN':
      return family === 'ARN' || family === 'String'; // String on ARN keys is string-like-on-arn-key's
    case 'Date':
      // aws:EpochTime is documented as "Date, Numeric": seconds since 1970 compare with Numeric operators.
      return family === 'Date' || (family === 'Numeric' && key.name.toLowerCase() === 'aws:epochtime');
    default:
      return family === type;
  }
}

/** The operator of `family` that does what `op` does (keeping its qualifier and IfExists), when there is one. */
function counterpart(op: ParsedOperator, family: OperatorFamily): string | undefined {
  const names: Partial<Record<OperatorFamily, Partial<Record<string, string>>>> = {
    Bool: { StringEquals: 'Bool', StringEqualsIgnoreCase: 'Bool' },
    Numeric: { StringEquals: 'NumericEquals', StringNotEquals: 'NumericNotEquals' },
    Date: { StringEquals: 'DateEquals', StringNotEquals: 'DateNotEquals' },
    IPAddress: { StringEquals: 'IpAddress', StringNotEquals: 'NotIpAddress' },
    ARN: {
      StringEquals: 'ArnEquals',
      StringNotEquals: 'ArnNotEquals',
      StringLike: 'ArnLike',
      StringNotLike: 'ArnNotLike',
    },
  };
  const base = names[family]?.[op.base];
  if (!base) return undefined;
  return `${op.set ? `${op.set}:` : ''}${base}${op.ifExists ? 'IfExists' : ''}`;
}

/** Each condition entry with its parsed operator and catalog key, when both are known. */
function* typedEntries(document: PolicyDocument, catalog: { conditionKey(name: string): ConditionKey | undefined }) {
  for (const statement of document.statements) {
    if (statement.condition?.unknown) continue;
    for (const block of statement.condition?.blocks ?? []) {
      const op = parseOperator(block.operator.text);
      if (!op) continue; // unknown-condition-operator's
      for (const entry of block.entries) {
        if (entry.key.text.includes('${')) continue;
        const key = catalog.conditionKey(entry.key.text);
        if (key) yield { block, op, entry, key, type: scalarKeyType(key.type), family: operatorFamily(op.base) };
      }
    }
  }
}

/** The values of an entry that are fully known scalars. */
function knownValues(
  entry: ConditionEntry,
): { value: Value; text: string; kind: 'string' | 'number' | 'boolean' | 'null' }[] {
  if (entry.values.unknown) return [];
  return entry.values.values.flatMap((value) => {
    if (value.kind === 'unknown' || value.parts) return [];
    return [{ value, text: value.text, kind: value.kind }];
  });
}

/** A fix renaming the block's operator, offered only when the block holds just this entry. */
function operatorFix(block: ConditionBlock, operator: string | undefined): Fix[] {
  if (!operator || block.entries.length !== 1) return [];
  return [
    { title: `Change the operator to '${operator}'`, edits: [replace(block.operator.span, operator)], preferred: true },
  ];
}

const ARTICLE: Record<ScalarKeyType, string> = {
  String: 'a String',
  ARN: 'an ARN',
  Bool: 'a Bool',
  Numeric: 'a Numeric',
  Date: 'a Date',
  IPAddress: 'an IPAddress',
  Binary: 'a Binary',
  Null: 'a Null',
};
const OPERATORS: Record<ScalarKeyType, string> = {
  String: 'String',
  ARN: 'Arn',
  Bool: 'Bool',
  Numeric: 'Numeric',
  Date: 'Date',
  IPAddress: 'IpAddress/NotIpAddress',
  Binary: 'BinaryEquals',
  Null: 'Null',
};

export const conditionTypeMismatch: Rule = {
  meta: {
    id: 'condition-type-mismatch',
    name: 'Condition operator and value of the wrong type',
    family: 'validity',
    defaultSeverity: 'warning',
    equivalents: {
      accessAnalyzer: [
        'TYPE_MISMATCH',
        'TYPE_MISMATCH_BOOLEAN',
        'TYPE_MISMATCH_NUMBER',
        'TYPE_MISMATCH_DATE',
        'TYPE_MISMATCH_IP_RANGE',
        'TYPE_MISMATCH_STRING',
        'INVALID_VARIABLE_FOR_OPERATOR',
      ],
      parliament: ['MISMATCHED_TYPE', 'MISMATCHED_TYPE_OPERATION_TO_NULL'],
    },
    docs: {
      what: 'A condition compares a key with an operator of another type (`StringEquals` on the Bool key `aws:ViaAWSService`, `Bool` on a String key, `IpAddress` on anything but an IP key), or gives a value the operator cannot read (`NumericLessThan` with `"ten"`, `DateGreaterThan` with `"yesterday"`, `Bool` or `Null` with anything but true/false, `IpAddress` with a malformed CIDR, `BinaryEquals` with text that is not base64). Policy variables (`${aws:username}`) are only substituted by String and Arn operators. Arn operators on String keys are accepted (many String keys hold ARNs); String operators on ARN keys are the rule `string-like-on-arn-key`\'s. Keys the catalog does not know are not checked.',
      why: "The comparison does not do what it reads as: a value that cannot be of the operator's type never matches, so an Allow grants nothing, a Deny denies nothing, and a negated operator matches everything.",
      example: '"Condition": { "StringEquals": { "aws:ViaAWSService": "lambda.amazonaws.com" } }',
      fix: "Use the operator of the key's type (the quick fix renames the operator when the block holds only that key) and values of that type; for `aws:ViaAWSService`, test `aws:CalledVia` instead.",
    },
  },
  check(document, ctx) {
    for (const { block, op, entry, key, type, family } of typedEntries(document, ctx.catalog)) {
      if (!accepts(key, type, family)) {
        const target = counterpart(op, type);
        const values = knownValues(entry);
        const fixable =
          !entry.values.unknown &&
          values.length === entry.values.values.length &&
          values.every((v) => valueProblem(type, v.text, v.kind) === undefined && !hasPolicyVariable(v.text));
        ctx.report({
          span: entry.key.span,
          message: `'${key.name}' is ${ARTICLE[type]} key: compare it with ${OPERATORS[type]} operators, not '${block.operator.text}'.`,
          fixes: fixable ? operatorFix(block, target) : [],
        });
      }
      if (family === 'String' || family === 'ARN') continue;
      for (const { value, text, kind } of knownValues(entry)) {
        if (family !== 'Null' && hasPolicyVariable(text)) {
          ctx.report({
            span: value.span,
            message: `Policy variables are only substituted by String and Arn operators: '${block.operator.text}' compares '${text}' as written.`,
          });
          continue;
        }
        const problem = valueProblem(family, text, kind);
        if (problem)
          ctx.report({ span: value.span, message: `'${text}' ${problem}: '${block.operator.text}' never matches it.` });
      }
    }
  },
};

/** Whether a literal ARN has the six fields an Arn operator compares (policy variables may hold colons). */
function hasSixFields(text: string): boolean {
  return text.replace(/\$\{[^}]*\}/g, 'x').split(':').length >= 6;
}

export const stringLikeOnArnKey: Rule = {
  meta: {
    id: 'string-like-on-arn-key',
    name: 'StringLike on an ARN key',
    family: 'validity',
    defaultSeverity: 'info',
    equivalents: {
      accessAnalyzer: ['STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS'],
      parliament: ['MISMATCHED_TYPE_BUT_USABLE'],
    },
    docs: {
      what: 'A condition compares an ARN key (`aws:SourceArn`, `aws:PrincipalArn`, `iam:AssociatedResourceArn`...) with `StringLike` or `StringNotLike` instead of `ArnLike`/`ArnNotLike`. (`StringEquals` on an ARN key compares the same way `ArnEquals` does, and is not reported.)',
      why: "It works, but a string `*` spans the colons between an ARN's fields, so `arn:aws:iam::*:role/app` also matches role names in other paths or fields you did not mean; Arn operators match each field on its own and say what the key holds.",
      example: '"Condition": { "StringLike": { "aws:SourceArn": "arn:aws:sns:*:111122223333:orders-*" } }',
      fix: 'Use `ArnLike`/`ArnNotLike` (keeping `ForAllValues:`/`ForAnyValue:` and `IfExists`). The quick fix renames the operator when every key of the block is an ARN key and every value is a full six-field ARN.',
    },
  },
  check(document, ctx) {
    // Per block, once (a block may hold many keys, each reported): how many known keys, whether all are
    // ARN keys, and whether every value is a full ARN.
    const byBlock = new Map<ConditionBlock, { known: number; arn: number; fullArns?: boolean }>();
    const entries = [...typedEntries(document, ctx.catalog)];
    for (const { block, type } of entries) {
      const counts = byBlock.get(block) ?? { known: 0, arn: 0 };
      counts.known++;
      if (type === 'ARN') counts.arn++;
      byBlock.set(block, counts);
    }
    for (const { block, op, entry, type } of entries) {
      if (type !== 'ARN' || (op.base !== 'StringLike' && op.base !== 'StringNotLike')) continue;
      const counts = byBlock.get(block)!;
      const allArn = counts.known === block.entries.length && counts.arn === counts.known;
      const fullArns = (counts.fullArns ??= block.entries.every(
        (e) => !e.values.unknown && e.values.values.every((v) => literal(v) !== undefined && hasSixFields(v.text)),
      ));
      const target = counterpart(op, 'ARN')!;
      ctx.report({
        span: entry.key.span,
        message: `'${entry.key.text}' holds an ARN: '${target}' matches each ARN field on its own, where '${block.operator.text}' lets '*' span colons.`,
        fixes:
          allArn && fullArns
            ? [
                {
                  title: `Change the operator to '${target}'`,
                  edits: [replace(block.operator.span, target)],
                  preferred: true,
                },
              ]
            : [],
      });
    }
  },
};
