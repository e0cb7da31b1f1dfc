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
