/**
 * A reference to an AWS resource written in a file, as plain data: where it is, what it names and how
 * CloudTrail finds its events. The readers (arns.ts, template.ts, cdk.ts, terraform.ts, sdk.ts) make
 * them; find.ts joins them.
 */
import type { Span } from '../policy/span';

/** How a reference was found: a full ARN in any text, or a name in a template, code or an SDK call. */
export type ReferenceVia = 'arn' | 'property' | 'ref' | 'cdk' | 'terraform' | 'sdk';

/** One attribute of CloudTrail's LookupEvents, with its value. */
export interface ReferenceLookup {
  readonly attribute: 'ResourceName' | 'Username';
  readonly value: string;
}

export interface ResourceReference {
  /** The literal (without its quotes), or the `!Ref`/`!GetAtt` expression; for an ARN with a key or qualifier after the resource (`arn:aws:s3:::b/*`), the resource's part of it. */
  readonly span: Span;
  /** What is written there (the ARN or the name; the expression's source for `!Ref`/`!GetAtt`). */
  readonly text: string;
  /** The IAM service prefix: `s3`, `iam`, `kms`... */
  readonly service?: string;
  /** The CloudFormation type of the resource (`AWS::S3::Bucket`), when it is told. */
  readonly resourceType?: string;
  /** The ARN, when written or derivable without guessing an account or a region. */
  readonly arn?: string;
  /** The resource's name or id, as CloudTrail records it. */
  readonly name?: string;
  /** How CloudTrail's LookupEvents finds the resource's events (resourceKinds.ts says why for each kind). */
  readonly lookup: ReferenceLookup;
  readonly via: ReferenceVia;
}
