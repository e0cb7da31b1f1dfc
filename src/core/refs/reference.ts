/**
 * Building references, the same way for every reader: from a literal name of a known kind, or from a
 * written ARN (kms.ts: from a KMS key's id or alias). Only literal values make references; whatever is partly
 * unknown (interpolations, CloudFormation dynamic references) or a pattern is none.
 */
import type { Span } from '../policy/span';
import { arnResource } from './arnResource';
import { kindOf, type ResourceKind } from './kinds';
import type { ReferenceLookup, ReferenceVia, ResourceReference } from './types';

/**
 * Wildcards, blanks, and what interpolations, dynamic references and placeholders are written with
 * (`${x}`, `{{resolve:...}}`, `%s`, `<name>`): no AWS resource name holds one, so a value holding one is
 * a pattern or a value not known here.
 */
const NOT_A_NAME = /[\s*?<>{}$%]/;
/** Longer than any AWS resource name or ARN (IAM's longest ARN fields are 2,048). */
const MAX_LENGTH = 2048;

/** True when `value` can be a resource's literal name. */
function isLiteralName(value: string): boolean {
  return value.length > 0 && value.length <= MAX_LENGTH && !NOT_A_NAME.test(value);
}

/**
 * A reference to the resource of CloudFormation type `type` named `name`, at `span`. `text` is what is
 * written there when it is not the name itself (a `!Ref` expression, a queue's URL); `arn` the ARN when
 * the writing tells it (a queue's URL holds its region and account). Undefined when `name` is not a
 * literal name. A name that is an ARN (`Bucket: 'arn:aws:s3:...'`, a function's ARN as `FunctionName`)
 * is read as one.
 */
export function byName(
  type: string,
  name: string,
  span: Span,
  via: ReferenceVia,
  written: { readonly text?: string; readonly arn?: string } = {},
): ResourceReference | undefined {
  const text = written.text ?? name;
  if (name.startsWith('arn:')) return text === name ? byArn(name, span, via) : undefined;
  if (!isLiteralName(name)) return undefined;
  const kind = kindOf(type);
  const arn = written.arn ?? kind.arnOf?.(name);
  return make(span, text, kind, kind.service, name, arn, via);
}

/**
 * A reference to the resource a written ARN identifies (`resource`, when the caller read it already), at
 * `span` (the ARN's characters in the file).
 * When the ARN names something inside the resource (an object key, a qualifier), the span is shortened
 * to the resource's part; that needs the ARN to be written without escapes (span as long as the value).
 */
export function byArn(
  written: string,
  span: Span,
  via: ReferenceVia,
  resource = arnResource(written),
): ResourceReference | undefined {
  if (!resource) return undefined;
  let at = span;
  if (resource.length < written.length) {
    if (span.end - span.start !== written.length) return undefined;
    at = { start: span.start, end: span.start + resource.length };
  }
  return make(at, resource.arn, resource.kind, resource.service, resource.name, resource.arn, via);
}

function make(
  span: Span,
  text: string,
  kind: ResourceKind | undefined,
  service: string,
  name: string | undefined,
  arn: string | undefined,
  via: ReferenceVia,
): ResourceReference {
  return {
    span,
    text,
    service,
    ...(kind && { resourceType: kind.type }),
    ...(arn !== undefined && { arn }),
    ...(name !== undefined && { name }),
    lookup: lookupOf(kind, name, arn),
    via,
  };
}

/** The one LookupEvents attribute that finds the resource's events (kinds.ts says why per kind). */
function lookupOf(kind: ResourceKind | undefined, name: string | undefined, arn: string | undefined): ReferenceLookup {
  if (kind?.lookupBy === 'username' && name !== undefined) return { attribute: 'Username', value: name };
  const value = kind?.lookupBy === 'arn' ? (arn ?? name) : (name ?? arn);
  // A reference has a name or an ARN: byName gives the name, byArn the ARN.
  return { attribute: 'ResourceName', value: value ?? '' };
}
