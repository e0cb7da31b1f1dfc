/**
 * The AWS partitions an ARN can name (the second field of `arn:partition:service:...`): the standard
 * one, China, GovCloud (US), the isolated regions and the European Sovereign Cloud. The Service
 * Authorization Reference writes `${Partition}` everywhere, so this list comes from the SDKs'
 * partitions file (`partitions.json` of the AWS SDKs and botocore), not from the catalog.
 */
export const PARTITIONS: readonly string[] = [
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
];

/**
 * The shape of a region code (`us-east-1`, `us-gov-west-1`, `cn-northwest-1`, `eu-isoe-west-1`,
 * `eusc-de-east-1`): a letter group, one or more word groups, and a number. A pattern rather than a list
 * so that regions opened after the data was taken are still valid.
 */
export const REGION_SHAPE = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

/**
 * The partition of each region family, as the SDKs' partitions file gives it (each partition's
 * `regionRegex`): the partition an event's ARNs are in follows from the Region it was recorded in. The
 * patterns do not overlap (`\w` holds no `-`, so `us-gov-west-1` is not a standard region).
 */
const PARTITION_OF_REGION: readonly (readonly [RegExp, string])[] = [
  [/^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/, 'aws'],
  [/^cn-\w+-\d+$/, 'aws-cn'],
  [/^us-gov-\w+-\d+$/, 'aws-us-gov'],
  [/^us-iso-\w+-\d+$/, 'aws-iso'],
  [/^us-isob-\w+-\d+$/, 'aws-iso-b'],
  [/^eu-isoe-\w+-\d+$/, 'aws-iso-e'],
  [/^us-isof-\w+-\d+$/, 'aws-iso-f'],
  [/^eusc-de-\w+-\d+$/, 'aws-eusc'],
];

/** The partition a Region is in (`cn-north-1` → `aws-cn`); undefined for what is of no known family. */
export function partitionOfRegion(region: string): string | undefined {
  return PARTITION_OF_REGION.find(([shape]) => shape.test(region))?.[1];
}
