import { arnFitsSomeType } from '../../catalog/actionResources';
import { splitPolicyArn, withRegionAndAccount, type SplitArn } from '../../catalog/arnFields';
import type { Catalog } from '../../catalog/catalog';
import { BoundedMemo } from '../../catalog/memo';
import { PARTITIONS, REGION_SHAPE } from '../../catalog/partitions';
import type { ArnInput } from '../../catalog/types';
import type { PolicyDocument, Value } from '../../policy/model';
import { replace } from '../edits';
import type { Fix, Report, Rule } from '../types';
import { globMatcher, hasWildcard } from '../../policy/values';
import { parseOperator } from './conditions';

/** Literal ARNs found valid, per catalog. */
const fineArns = new WeakMap<Catalog, BoundedMemo<true>>();

/** Resource and NotResource values, and the values of Arn* condition operators (which must be ARNs too). */
function* arnValues(document: PolicyDocument): Generator<Value> {
  for (const statement of document.statements) {
    for (const element of [statement.resource, statement.notResource]) {
      if (element && !element.list.unknown) yield* element.list.values;
    }
    if (statement.condition?.unknown) continue;
    for (const block of statement.condition?.blocks ?? []) {
      if (!parseOperator(block.operator.text)?.base.startsWith('Arn')) continue;
      for (const entry of block.entries) if (!entry.values.unknown) yield* entry.values.values;
    }
  }
}

/** The ARN as the catalog's ARN functions take it, or undefined for values that are not (partly) strings. */
function arnInput(value: Value): ArnInput | undefined {
  if (value.kind !== 'string') return undefined;
  return value.parts ?? value.text;
}

/** Whether the field holds only literal text (no wildcard, no policy variable, no unknown part). */
function plain(text: string | undefined): text is string {
  return text !== undefined && !hasWildcard(text) && !text.includes('${');
}

/** A fix replacing one field of a literal ARN, when its place in the source is certain. */
function fieldFix(
  ctx: { text: string },
  value: Value,
  split: SplitArn,
  index: number,
  newText: string,
  title: string,
): Fix[] {
  const field = split.fields[index]!;
  if (value.parts || field.offset === undefined || field.text === undefined) return [];
  // Escapes in a JSON string would shift offsets: fix only values written as they read.
  if (ctx.text.slice(value.span.start, value.span.end) !== value.text) return [];
  const start = value.span.start + field.offset;
  return [{ title, edits: [replace({ start, end: start + field.text.length }, newText)], preferred: true }];
}

/** What is wrong with one ARN value, or undefined. Each value gets at most one finding: the first problem. */
function problem(value: Value, catalog: Catalog, ctx: { text: string }): Omit<Report, 'span'> | undefined {
  const input = arnInput(value);
  if (input === undefined || value.text === '*') return undefined;
  // API Gateway resource policies name methods relative to the API: "execute-api:/stage/GET/path".
  if (typeof input === 'string' && input.startsWith('execute-api:/')) return undefined;
  const split = splitPolicyArn(input);
  const [prefix, partition, service, region, account] = split.fields;
  if (!plain(prefix?.text)) return undefined; // starts with an unknown part, a variable or a wildcard
  if (prefix.text !== 'arn' || split.fields.length === 1) {
    return {
      message: `'${value.text}' is not an ARN: a resource is "*" or starts with 'arn:' (arn:partition:service:region:account:resource).`,
      fixes:
        prefix.text.toLowerCase() === 'arn' ? fieldFix(ctx, value, split, 0, 'arn', "Change the prefix to 'arn'") : [],
    };
  }
  if (split.complete && split.fields.length < 6) {
    return {
      message: `'${value.text}' has ${split.fields.length} of the 6 fields of an ARN (arn:partition:service:region:account:resource).`,
    };
  }
  if (partition?.text !== undefined && !partition.text.includes('${') && !PARTITIONS.includes(partition.text)) {
    if (!hasWildcard(partition.text) || !PARTITIONS.some(globMatcher(partition.text, true))) {
      return { message: `'${partition.text}' is not an AWS partition (${PARTITIONS.join(', ')}).` };
    }
  }
  if (service?.text === undefined || service.text.includes('${')) return undefined;
  if (service.text === '')
    return { message: `'${value.text}' has no service: the third field of an ARN names it (arn:aws:s3:::bucket).` };
  if (service.text !== service.text.toLowerCase()) {
    const lower = service.text.toLowerCase();
    return {
      message: `ARN service names are lower-case: '${service.text}' must be '${lower}'.`,
      fixes: fieldFix(ctx, value, split, 2, lower, `Change the service to '${lower}'`),
    };
  }
  if (plain(region?.text) && region.text !== '' && !REGION_SHAPE.test(region.text)) {
    return { message: `'${region.text}' is not a region code (such as us-east-1).` };
  }
  if (plain(account?.text) && account.text !== '' && account.text !== 'aws' && !/^\d{12}$/.test(account.text)) {
    return {
      message: `'${account.text}' is not an account ID: an ARN's account is 12 digits (or 'aws' for AWS-owned resources).`,
    };
  }
  return fieldsForService(value, input, split, catalog, ctx);
}

/**
 * Region and account the service's ARNs have no place for (S3 buckets and objects, IAM), or leave out
 * where they need them: reported only when the ARN matches none of the service's resource types as
 * written and does once the field is emptied or filled, so the catalog's formats decide.
 */
function fieldsForService(
  value: Value,
  input: ArnInput,
  split: SplitArn,
  catalog: Catalog,
  ctx: { text: string },
): Omit<Report, 'span'> | undefined {
  const [, , service, region, account] = split.fields;
  if (!split.complete || split.fields.length < 6 || !plain(region?.text) || !plain(account?.text)) return undefined;
  const serviceName = service!.text!;
  if (arnFitsSomeType(catalog, input, serviceName)) return undefined;
  const fits = (r: string, a: string) =>
    arnFitsSomeType(catalog, withRegionAndAccount(input, split, r, a), serviceName);
  if (region.text !== '' && fits('', account.text)) {
    return {
      message: `${serviceName} ARNs of this kind have no region: '${value.text}' matches no ${serviceName} resource.`,
      fixes: fieldFix(ctx, value, split, 3, '', 'Remove the region'),
    };
  }
  if (account.text !== '' && fits(region.text, '')) {
    return {
      message: `${serviceName} ARNs of this kind have no account: '${value.text}' matches no ${serviceName} resource.`,
      fixes: fieldFix(ctx, value, split, 4, '', 'Remove the account'),
    };
  }
  if (region.text === '' && fits('us-east-1', account.text === '' ? '111122223333' : account.text)) {
    return {
      message: `${serviceName} ARNs of this kind need a region (or *): '${value.text}' matches no ${serviceName} resource.`,
    };
  }
  if (account.text === '' && fits(region.text, '111122223333')) {
    return {
      message: `${serviceName} ARNs of this kind need an account ID (or *): '${value.text}' matches no ${serviceName} resource.`,
    };
  }
  return undefined;
}

export const invalidArn: Rule = {
  meta: {
    id: 'invalid-arn',
    name: 'Malformed ARN',
    family: 'validity',
    defaultSeverity: 'error',
    equivalents: {
      accessAnalyzer: [
        'INVALID_ARN_PREFIX',
        'MISSING_ARN_FIELD',
        'INVALID_PARTITION',
        'INVALID_ARN_SERVICE_CASE',
        'INVALID_ARN_REGION',
        'INVALID_ARN_ACCOUNT',
        'ARN_REGION_NOT_ALLOWED',
        'ARN_ACCOUNT_NOT_ALLOWED',
        'MISSING_ARN_REGION',
      ],
      parliament: ['INVALID_ARN'],
    },
    docs: {
      what: 'A Resource or NotResource value (or an `Arn...` condition value) that is not `"*"` and not a well-formed ARN: no `arn:` prefix, fewer than six fields, an unknown partition, an upper-case service, a region that is not a region code, an account that is not 12 digits; or a region or account where the service\'s ARNs have none (`arn:aws:s3:us-east-1::bucket`, an account in an S3 bucket ARN) or none where they need one. Wildcards, policy variables (`${aws:PrincipalAccount}`) and CloudFormation values known only at deploy time are accepted in every field. API Gateway\'s `execute-api:/...` form is accepted.',
      why: 'A malformed ARN matches no resource: an Allow grants nothing (the application fails at run time), a Deny protects nothing. IAM rejects some of these outright.',
      example: '"Resource": "arn:aws:s3:us-east-1::orders-bucket/*"',
      fix: "Write the ARN in the service's format (the Service Authorization Reference lists them). Quick fixes lower-case the service and remove a region or account the service does not take.",
    },
  },
  check(document, ctx) {
    let fine = fineArns.get(ctx.catalog);
    if (!fine) fineArns.set(ctx.catalog, (fine = new BoundedMemo<true>(20_000)));
    for (const value of arnValues(document)) {
      // Most ARNs are fine, and a re-lint asks again about every one that did not change.
      const literalText = value.kind === 'string' && !value.parts ? value.text : undefined;
      if (literalText !== undefined && fine.has(literalText)) continue;
      const found = problem(value, ctx.catalog, ctx);
      if (found) ctx.report({ span: value.span, ...found });
      else if (literalText !== undefined) fine.get(literalText, () => true);
    }
  },
};
